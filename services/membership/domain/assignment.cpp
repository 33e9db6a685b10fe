#include "domain/assignment.h"

#include <algorithm>
#include <stdexcept>

namespace membership::domain {

std::vector<Assignment> assign_workshops(std::vector<std::string> person_ids,
                                         const std::vector<std::string>& themes) {
  if (themes.empty()) throw std::invalid_argument("an assembly needs at least one workshop");
  std::sort(person_ids.begin(), person_ids.end());
  person_ids.erase(std::unique(person_ids.begin(), person_ids.end()), person_ids.end());
  std::vector<Assignment> out;
  out.reserve(person_ids.size());
  for (std::size_t i = 0; i < person_ids.size(); ++i)
    out.push_back({person_ids[i], themes[i % themes.size()]});
  return out;
}

}  // namespace membership::domain
