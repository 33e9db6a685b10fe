#include "domain/recommendation.h"

#include <array>
#include <utility>

namespace recommendations::domain {

namespace {
struct Step {
  std::string_view from, action, to;
};
constexpr std::array<Step, 8> kSteps = {{{"draft", "adopt", "adopted"},
                                         {"adopted", "hand-over", "handed-over"},
                                         {"handed-over", "co-construct", "in-co-construction"},
                                         {"in-co-construction", "carry", "carried"},
                                         {"draft", "withdraw", "withdrawn"},
                                         {"adopted", "withdraw", "withdrawn"},
                                         {"handed-over", "withdraw", "withdrawn"},
                                         {"in-co-construction", "withdraw", "withdrawn"}}};
}  // namespace

std::optional<std::string> next_status(std::string_view from, std::string_view action) {
  for (const auto& s : kSteps)
    if (s.from == from && s.action == action) return std::string(s.to);
  return std::nullopt;
}

std::string refusal(std::string_view from, std::string_view action) {
  std::string needs;
  for (const auto& s : kSteps)
    if (s.action == action) needs += (needs.empty() ? "" : " or ") + std::string(s.from);
  if (needs.empty()) return "no action \"" + std::string(action) + "\"";
  return "the recommendation is " + std::string(from) + "; " + std::string(action) + " needs it " +
         needs;
}

}  // namespace recommendations::domain
