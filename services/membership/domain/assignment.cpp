#include "domain/assignment.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace membership::domain {

// Placeholder until the min-cost assignment lands: the smallest workshop first, by member id.
std::vector<Placement> assign(std::vector<Candidate> newcomers, const std::vector<std::string>& workshops,
                              const std::map<std::string, std::vector<Candidate>>& placed) {
  if (workshops.empty()) throw std::invalid_argument("an assembly needs at least one workshop");
  std::sort(newcomers.begin(), newcomers.end(),
            [](const Candidate& a, const Candidate& b) { return a.member_id < b.member_id; });
  std::map<std::string, std::size_t> size;
  for (const auto& w : workshops) {
    auto it = placed.find(w);
    size[w] = it == placed.end() ? 0 : it->second.size();
  }
  std::vector<Placement> out;
  for (const auto& c : newcomers) {
    std::string best = workshops[0];
    for (const auto& w : workshops)
      if (size[w] < size[best]) best = w;
    ++size[best];
    int rank = -1;
    for (std::size_t i = 0; i < c.preferences.size(); ++i)
      if (c.preferences[i] == best) rank = static_cast<int>(i);
    out.push_back({c.member_id, best, rank});
  }
  return out;
}

}  // namespace membership::domain
