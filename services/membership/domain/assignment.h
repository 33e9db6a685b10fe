#pragma once
// Which thematic workshop each member joins. Paris ran three workshops. The algorithm places
// members so that
//   1. the workshops' sizes differ by at most one (a hard rule: counting the members already
//      placed, the newcomers fill the smallest workshops first);
//   2. within that, members' stated preferences are honoured as much as possible: the total
//      preference rank is minimal (first choice costs 0, second 1, ..., no listed choice costs
//      the number of workshops), an exact min-cost assignment;
//   3. within that, each workshop's composition mirrors the assembly's: for the seat pool and
//      each stratification attribute, every value is spread as evenly as possible over the
//      workshops (local swaps that keep 1 and 2 and reduce the spread).
// Deterministic: the same input in any order gives the same placements.
// Pure domain: no HTTP, SQL or Kafka here.
#include <map>
#include <string>
#include <vector>

namespace membership::domain {

// The Paris 2022-2023 workshops (ateliers thématiques).
inline const std::vector<std::string>& default_themes() {
  static const std::vector<std::string> themes = {"social-education", "environment",
                                                  "public-space"};
  return themes;
}

struct Candidate {
  std::string member_id;
  std::string pool;  // "roll", "non-eu-residents", "minors"
  std::map<std::string, std::string>
      attributes;                          // stratification attributes (gender, age band, ...)
  std::vector<std::string> preferences{};  // workshop themes, most wanted first; may be empty
};

struct Placement {
  std::string member_id;
  std::string workshop;
  int preference_rank = -1;  // 0 = first choice, 1 = second, ...; -1 = not among the stated ones
};

// Places every newcomer in exactly one of `workshops`. `placed` are the members already in a
// workshop (by workshop theme): they do not move, and count for sizes and composition.
// Throws std::invalid_argument when `workshops` is empty or has duplicates, when a member id is
// empty or repeated, or when a preference names no workshop of the list.
std::vector<Placement> assign(std::vector<Candidate> newcomers,
                              const std::vector<std::string>& workshops,
                              const std::map<std::string, std::vector<Candidate>>& placed = {});

}  // namespace membership::domain
