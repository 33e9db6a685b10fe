#include "domain/recommendation.h"

#include <array>
#include <utility>

#include "assembly/core/names.h"

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
constexpr std::pair<RecommendationStatus, std::string_view> kStatuses[] = {
    {RecommendationStatus::draft, "draft"},
    {RecommendationStatus::adopted, "adopted"},
    {RecommendationStatus::handed_over, "handed-over"},
    {RecommendationStatus::in_co_construction, "in-co-construction"},
    {RecommendationStatus::carried, "carried"},
    {RecommendationStatus::withdrawn, "withdrawn"}};
}  // namespace

std::string_view to_string(RecommendationStatus s) {
  return assembly::core::name_of(kStatuses, s, "draft");
}

std::optional<RecommendationStatus> parse_recommendation_status(std::string_view s) {
  return assembly::core::value_of(kStatuses, s);
}

std::optional<RecommendationStatus> next_status(RecommendationStatus from,
                                                std::string_view action) {
  auto to = next_status(to_string(from), action);
  if (!to) return std::nullopt;
  return parse_recommendation_status(*to);
}

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
