#pragma once
// A recommendation's life: drafted by a workshop against its adopted mandate, adopted by the
// workshop, handed to the executive at a plenary, worked on in co-construction, and finally
// carried by a citizen motion, or withdrawn on the way. Pure domain.
//
//   draft --adopt--> adopted --hand-over--> handed-over --co-construct--> in-co-construction
//   --carry--> carried any of draft, adopted, handed-over, in-co-construction --withdraw-->
//   withdrawn
#include <optional>
#include <string>
#include <string_view>

namespace recommendations::domain {

enum class RecommendationStatus {
  draft,
  adopted,
  handed_over,
  in_co_construction,
  carried,
  withdrawn
};
std::string_view to_string(RecommendationStatus s);  // "draft", "handed-over", ...
std::optional<RecommendationStatus> parse_recommendation_status(std::string_view s);

// The status `action` leads to from `from`; nullopt when it is not allowed.
std::optional<std::string> next_status(std::string_view from, std::string_view action);
// The 409 text: "the recommendation is adopted; co-construct needs it handed-over".
std::string refusal(std::string_view from, std::string_view action);
// The hand-over happens at a plenary: the step names the plenary session (its id, workshops' own).
inline bool step_needs_plenary(std::string_view action) {
  return action == "hand-over";
}
// A recommendation is addressed to the departments that answer it once it is handed over, until
// it is carried or withdrawn.
inline bool addressable(RecommendationStatus status) {
  return status == RecommendationStatus::handed_over ||
         status == RecommendationStatus::in_co_construction;
}
// Amendments are proposed and decided only while the text is a draft.
inline bool amendable(std::string_view status) {
  return status == "draft";
}
inline bool amendable(RecommendationStatus status) {
  return status == RecommendationStatus::draft;
}
// The typed step: the status `action` leads to from `from`; nullopt when it is not allowed.
std::optional<RecommendationStatus> next_status(RecommendationStatus from, std::string_view action);

}  // namespace recommendations::domain
