#include "domain/panel_draw.h"

#include <algorithm>
#include <set>

#include "domain/invitation.h"
#include "domain/random.h"

namespace sortition::domain {

std::string sha256_hex(const std::string& data) {
  return snapshot_hash(data);  // the same digest, whatever the bytes are
}

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string candidates_digest(const std::vector<Candidate>& candidates) {
  std::vector<std::string> lines;
  for (const auto& c : candidates) lines.push_back(c.person_id + "," + c.pool + "\n");
  std::sort(lines.begin(), lines.end());
  std::string all;
  for (const auto& l : lines) all += l;
  return sha256_hex(all);
}

void validate(const PanelDrawRequest& r) {
  if (r.assembly_id.empty() || r.assembly_id.size() > 64)
    throw InvalidDraw("/assembly_id", "assembly_id must be 1 to 64 characters");
  if (r.seed.size() < 8 || r.seed.size() > 256)
    throw InvalidDraw("/seed", "seed must be 8 to 256 characters");
  if (r.candidates.empty()) throw InvalidDraw("/candidates", "candidates must not be empty");
  if (r.seats < 1) throw InvalidDraw("/seats", "seats must be at least 1");
  if (static_cast<std::size_t>(r.seats) > r.candidates.size())
    throw InvalidDraw("/seats", "seats (" + std::to_string(r.seats) + ") exceeds the " +
                                    std::to_string(r.candidates.size()) + " candidates");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    const auto& c = r.candidates[i];
    auto field = "/candidates/" + std::to_string(i);
    if (c.person_id.empty() || c.person_id.size() > 64)
      throw InvalidDraw(field + "/person_id", "person_id must be 1 to 64 characters");
    if (!seen.insert(c.person_id).second)
      throw InvalidDraw(field + "/person_id", "duplicate person_id " + c.person_id);
    if (c.pool.empty()) throw InvalidDraw(field + "/pool", "pool must not be empty");
  }
}

std::vector<Candidate> draw_uniform(const PanelDrawRequest& r) {
  validate(r);
  std::vector<Candidate> order = r.candidates;
  std::sort(order.begin(), order.end(),
            [](const Candidate& a, const Candidate& b) { return a.person_id < b.person_id; });
  SeededRandom random(r.seed);
  const std::size_t n = order.size();
  for (std::size_t i = 0; i < static_cast<std::size_t>(r.seats); ++i)
    std::swap(order[i], order[i + random.uniform(n - i)]);
  order.resize(static_cast<std::size_t>(r.seats));
  return order;
}

}  // namespace sortition::domain
