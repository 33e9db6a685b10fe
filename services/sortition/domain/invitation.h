#pragma once
// Invitation draws (algorithm "invite-v1"): `k` people of a pool invited at random, optionally
// stratified proportionally by one attribute, reproducibly from a public seed and a published pool
// snapshot, so anyone holding both can redo the draw (services/sortition/README.md, tool
// sortition-verify). Pure domain: no HTTP, SQL, Kafka or files here; the snapshot is read from
// any std::istream.
#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sortition::domain {

inline constexpr std::string_view kInvitationAlgorithm = "invite-v1";

// k distinct positions of [0, n), in draw order: a partial Fisher-Yates shuffle of the virtual
// array 0..n-1 (only the swapped cells are stored, so memory is O(k)). Step i draws r uniformly
// in [0, n-i) from SHA-256(seed + ":" + tag + ":" + counter) by rejection sampling, swaps cells i
// and i+r and yields cell i. Throws std::invalid_argument unless 0 <= k <= n.
std::vector<std::int64_t> sample_positions(const std::string& seed, const std::string& tag,
                                           std::int64_t n, std::int64_t k);

// Seats per stratum by largest remainder (Hamilton): floor(k*n_s/n) each, then one more to each of
// the largest remainders k*n_s mod n, ties to the lower index. Exact integer arithmetic. Never more
// than n_s. Throws std::invalid_argument on a negative size, k < 0 or k > sum of sizes.
std::vector<std::int64_t> allocate_proportionally(const std::vector<std::int64_t>& stratum_sizes,
                                                  std::int64_t k);

struct Stratum {
  std::string value;  // the attribute's value; "" for the single stratum of an unstratified draw
  std::int64_t size = 0;
  std::int64_t seats = 0;
};

struct InvitationDraw {
  std::vector<Stratum> strata;          // in byte order of value
  std::vector<std::int64_t> positions;  // pool positions (row indices), stratum by stratum
};

// Unstratified: sample_positions(seed, "all", n, k).
InvitationDraw draw_invitations(const std::string& seed, std::int64_t n, std::int64_t k);

// Stratified: stratum_of[p] is the value of the stratifying attribute for pool position p. Strata
// are the distinct values in byte order; stratum s draws sample_positions(seed, "stratum:" +
// value, n_s, k_s) over its positions in pool order.
InvitationDraw draw_invitations(const std::string& seed, const std::vector<std::string>& stratum_of,
                                std::int64_t k);

// SHA-256 hex of each id followed by "\n", in draw order: the published fingerprint of a result.
std::string result_hash(const std::vector<std::string>& person_ids);

// SHA-256 hex of bytes, e.g. a whole snapshot file (its published "snapshot hash").
std::string snapshot_hash(std::string_view bytes);

// --- Pool snapshot: the pseudonymous export of a pool that anyone may hold. -------------------
// UTF-8, "\n" line ends (the last line too), header exactly kSnapshotHeader, then one row per
// person in the pool's import order (position 0, 1, ...). No quoting: values never hold commas.

inline constexpr std::string_view kSnapshotHeader = "person_id,sex,birth_year,arrondissement";

struct PoolRow {
  std::string person_id;
  std::string sex;
  std::string birth_year;
  std::string arrondissement;
};

struct PoolSnapshot {
  std::vector<PoolRow> rows;
};

// A snapshot that cannot be read, naming the 1-based line at fault (0: the file as a whole).
class InvalidSnapshot : public std::runtime_error {
 public:
  InvalidSnapshot(std::int64_t line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}
  std::int64_t line() const { return line_; }

 private:
  std::int64_t line_;
};

// Checks the header, the column count, non-empty unique person ids and the line ends.
PoolSnapshot parse_pool_snapshot(std::istream& in);  // throws InvalidSnapshot
// Writes the canonical form; throws std::invalid_argument on a value holding ',', '\n' or '\r'.
void write_pool_snapshot(std::ostream& out, const PoolSnapshot& snapshot);

// The columns one may stratify by: sex, birth_year, arrondissement.
bool is_stratification_column(std::string_view column);
// Throws std::invalid_argument unless is_stratification_column(column).
const std::string& column_value(const PoolRow& row, std::string_view column);

// The draw over a snapshot; stratify_by empty for an unstratified draw.
InvitationDraw draw_invitations(const std::string& seed, const PoolSnapshot& snapshot,
                                std::int64_t k, const std::string& stratify_by = "");

std::vector<std::string> invitee_ids(const PoolSnapshot& snapshot, const InvitationDraw& draw);

}  // namespace sortition::domain
