#include "domain/invitation.h"

#include <sodium.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace sortition::domain {
namespace {

// Local until domain/random.h lands; same construction as the panel draw, with a tag so that the
// strata of one draw use independent streams from the one public seed.
class HashStream {
 public:
  HashStream(const std::string& seed, const std::string& tag) : prefix_(seed + ":" + tag + ":") {}

  // Uniform in [0, range) for range >= 1, by rejection: v is rejected while
  // v >= 2^64 - (2^64 mod range), so every residue has the same number of accepted v.
  std::uint64_t uniform(std::uint64_t range) {
    const std::uint64_t rem = (0 - range) % range;  // 2^64 mod range, in 64-bit arithmetic
    const std::uint64_t limit = 0 - rem;            // 2^64 - rem; meaningless (0) when rem == 0
    for (;;) {
      std::uint64_t v = next();
      if (rem == 0 || v < limit) return v % range;
    }
  }

 private:
  std::uint64_t next() {
    std::string input = prefix_ + std::to_string(counter_++);
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | out[i];
    return v;
  }

  std::string prefix_;
  std::uint64_t counter_ = 0;
};

std::string to_hex(const unsigned char (&out)[crypto_hash_sha256_BYTES]) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : out) {
    s.push_back(hex[c >> 4]);
    s.push_back(hex[c & 0xF]);
  }
  return s;
}

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = line.find(',', start);
    if (comma == std::string::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

}  // namespace

std::vector<std::int64_t> sample_positions(const std::string& seed, const std::string& tag,
                                           std::int64_t n, std::int64_t k) {
  if (n < 0) throw std::invalid_argument("sample_positions: n must not be negative");
  if (k < 0) throw std::invalid_argument("sample_positions: k must not be negative");
  if (k > n)
    throw std::invalid_argument("sample_positions: k (" + std::to_string(k) + ") exceeds n (" +
                                std::to_string(n) + ")");
  HashStream stream(seed, tag);
  // Cells of the virtual array that differ from their index; a missing cell j holds j.
  std::unordered_map<std::int64_t, std::int64_t> moved;
  moved.reserve(static_cast<std::size_t>(k) * 2);
  auto cell = [&](std::int64_t j) {
    auto it = moved.find(j);
    return it == moved.end() ? j : it->second;
  };
  std::vector<std::int64_t> drawn;
  drawn.reserve(static_cast<std::size_t>(k));
  for (std::int64_t i = 0; i < k; ++i) {
    std::int64_t j =
        i + static_cast<std::int64_t>(stream.uniform(static_cast<std::uint64_t>(n - i)));
    std::int64_t at_i = cell(i), at_j = cell(j);
    drawn.push_back(at_j);
    // Cell i is never read again, so only cell j needs to remember the swap.
    moved[j] = at_i;
  }
  return drawn;
}

std::vector<std::int64_t> allocate_proportionally(const std::vector<std::int64_t>& sizes,
                                                  std::int64_t k) {
  if (k < 0) throw std::invalid_argument("allocate_proportionally: k must not be negative");
  __int128 n = 0;
  for (std::int64_t s : sizes) {
    if (s < 0) throw std::invalid_argument("allocate_proportionally: negative stratum size");
    n += s;
  }
  if (k > n)
    throw std::invalid_argument("allocate_proportionally: k (" + std::to_string(k) +
                                ") exceeds the pool size");
  std::vector<std::int64_t> seats(sizes.size(), 0);
  if (k == 0) return seats;
  // 128-bit products: k * n_s overflows 64 bits only for absurd pools, but exactness is the point.
  std::vector<__int128> remainder(sizes.size());
  std::int64_t given = 0;
  for (std::size_t s = 0; s < sizes.size(); ++s) {
    __int128 product = static_cast<__int128>(k) * sizes[s];
    seats[s] = static_cast<std::int64_t>(product / n);
    remainder[s] = product % n;
    given += seats[s];
  }
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0);
  // Remainders share the denominator n, so comparing numerators is exact; stable sort keeps the
  // lower index first among ties.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  // The leftover (sum of remainders / n) is below the count of positive remainders, so no stratum
  // with remainder 0 (in particular none already full) gets an extra seat.
  for (std::int64_t i = 0; i < k - given; ++i) seats[order[static_cast<std::size_t>(i)]]++;
  return seats;
}

InvitationDraw draw_invitations(const std::string& seed, std::int64_t n, std::int64_t k) {
  InvitationDraw draw;
  draw.strata.push_back({"", n, k});
  draw.positions = sample_positions(seed, "all", n, k);
  return draw;
}

InvitationDraw draw_invitations(const std::string& seed, const std::vector<std::string>& stratum_of,
                                std::int64_t k) {
  // Group positions by value, keeping pool order within each stratum.
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::vector<std::int64_t>> members;
  std::vector<std::string> values;
  for (std::size_t p = 0; p < stratum_of.size(); ++p) {
    auto [it, inserted] = index.try_emplace(stratum_of[p], members.size());
    if (inserted) {
      members.emplace_back();
      values.push_back(stratum_of[p]);
    }
    members[it->second].push_back(static_cast<std::int64_t>(p));
  }
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });

  InvitationDraw draw;
  std::vector<std::int64_t> sizes;
  for (std::size_t s : order) sizes.push_back(static_cast<std::int64_t>(members[s].size()));
  std::vector<std::int64_t> seats = allocate_proportionally(sizes, k);
  draw.positions.reserve(static_cast<std::size_t>(k));
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& value = values[order[i]];
    const auto& rows = members[order[i]];
    draw.strata.push_back({value, sizes[i], seats[i]});
    for (std::int64_t q : sample_positions(seed, "stratum:" + value, sizes[i], seats[i]))
      draw.positions.push_back(rows[static_cast<std::size_t>(q)]);
  }
  return draw;
}

std::string result_hash(const std::vector<std::string>& person_ids) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const auto& id : person_ids) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(id.data()), id.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\n"), 1);
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, out);
  return to_hex(out);
}

std::string snapshot_hash(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(out);
}

PoolSnapshot parse_pool_snapshot(std::istream& in) {
  PoolSnapshot snapshot;
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    // getline hits the end of input only when the last line has no "\n": the hash covers the
    // exact bytes, so the canonical form is strict about it.
    if (in.eof()) throw InvalidSnapshot(number, "missing \"\\n\" at the end of the last line");
    if (!line.empty() && line.back() == '\r')
      throw InvalidSnapshot(number, "line ends in \"\\r\\n\"; the snapshot uses \"\\n\" only");
    if (number == 1) {
      if (line != kSnapshotHeader)
        throw InvalidSnapshot(number, "header must be exactly \"" + std::string(kSnapshotHeader) +
                                          "\", got \"" + line + "\"");
      continue;
    }
    auto fields = split_commas(line);
    if (fields.size() != 4)
      throw InvalidSnapshot(number, "expected 4 columns, got " + std::to_string(fields.size()));
    if (fields[0].empty()) throw InvalidSnapshot(number, "person_id is empty");
    snapshot.rows.push_back(
        {std::move(fields[0]), std::move(fields[1]), std::move(fields[2]), std::move(fields[3])});
  }
  if (number == 0)
    throw InvalidSnapshot(
        1, "empty file, expected the header \"" + std::string(kSnapshotHeader) + "\"");
  // Duplicates by sorting (hash, position) pairs rather than with a set of strings: a million
  // small allocations or string comparisons cost seconds on a Paris-sized pool. Equal hashes are
  // then compared as strings. Reported at the earliest line repeating an earlier id.
  const auto& rows = snapshot.rows;
  std::vector<std::pair<std::size_t, std::size_t>> order(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    order[i] = {std::hash<std::string>{}(rows[i].person_id), i};
  std::sort(order.begin(), order.end());
  std::size_t first_repeat = rows.size();
  for (std::size_t i = 1; i < order.size(); ++i)
    for (std::size_t j = i; j-- > 0 && order[j].first == order[i].first;)
      if (rows[order[j].second].person_id == rows[order[i].second].person_id)
        first_repeat = std::min(first_repeat, order[i].second);
  if (first_repeat < rows.size())
    throw InvalidSnapshot(static_cast<std::int64_t>(first_repeat) + 2,
                          "duplicate person_id " + rows[first_repeat].person_id);
  return snapshot;
}

void write_pool_snapshot(std::ostream& out, const PoolSnapshot& snapshot) {
  // Checked before writing anything, so a bad value never leaves half a snapshot behind.
  for (const auto& r : snapshot.rows)
    for (const std::string* v : {&r.person_id, &r.sex, &r.birth_year, &r.arrondissement})
      if (v->find_first_of(",\n\r") != std::string::npos)
        throw std::invalid_argument("snapshot value holds a comma or a line break: " + *v);
  out << kSnapshotHeader << '\n';
  for (const auto& r : snapshot.rows)
    out << r.person_id << ',' << r.sex << ',' << r.birth_year << ',' << r.arrondissement << '\n';
}

bool is_stratification_column(std::string_view column) {
  return column == "sex" || column == "birth_year" || column == "arrondissement";
}

const std::string& column_value(const PoolRow& row, std::string_view column) {
  if (column == "sex") return row.sex;
  if (column == "birth_year") return row.birth_year;
  if (column == "arrondissement") return row.arrondissement;
  throw std::invalid_argument("cannot stratify by \"" + std::string(column) +
                              "\" (sex, birth_year or arrondissement)");
}

InvitationDraw draw_invitations(const std::string& seed, const PoolSnapshot& snapshot,
                                std::int64_t k, const std::string& stratify_by) {
  if (stratify_by.empty())
    return draw_invitations(seed, static_cast<std::int64_t>(snapshot.rows.size()), k);
  // Checked before the rows so that an empty pool rejects a bad column too.
  if (!is_stratification_column(stratify_by))
    throw std::invalid_argument("cannot stratify by \"" + stratify_by +
                                "\" (sex, birth_year or arrondissement)");
  std::vector<std::string> stratum_of;
  stratum_of.reserve(snapshot.rows.size());
  for (const auto& r : snapshot.rows) stratum_of.push_back(column_value(r, stratify_by));
  return draw_invitations(seed, stratum_of, k);
}

std::vector<std::string> invitee_ids(const PoolSnapshot& snapshot, const InvitationDraw& draw) {
  std::vector<std::string> ids;
  ids.reserve(draw.positions.size());
  for (std::int64_t p : draw.positions)
    ids.push_back(snapshot.rows.at(static_cast<std::size_t>(p)).person_id);
  return ids;
}

}  // namespace sortition::domain
