#pragma once
// Which thematic workshop each new member joins. Paris ran three workshops; members are spread
// evenly over them in a deterministic order, so replaying a panel gives the same assignment.
// Pure domain: no HTTP, SQL or Kafka here.
#include <string>
#include <vector>

namespace membership::domain {

// The Paris 2022-2023 workshops (ateliers thématiques).
inline const std::vector<std::string>& default_themes() {
  static const std::vector<std::string> themes = {"social-education", "environment", "public-space"};
  return themes;
}

struct Assignment {
  std::string person_id;
  std::string workshop_theme;
};

// Members sorted by person id, then dealt round-robin over the themes: sizes differ by at most one.
std::vector<Assignment> assign_workshops(std::vector<std::string> person_ids,
                                         const std::vector<std::string>& themes = default_themes());

}  // namespace membership::domain
