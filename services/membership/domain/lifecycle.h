#pragma once
// A member's lifecycle, as the issue and the Paris process describe it:
//
//   selected --invite--> invited --confirm--> confirmed --activate--> active --complete-->
//   completed
//                               \--decline--> declined         \              \--withdraw-->
//                               withdrawn
//                                                               \--withdraw--> withdrawn
//
// `selected` is the draw's result; the secretariat sends the invitation (`invited`); the person
// confirms or declines; confirmed members take their seat at the opening plenary (`active`); an
// active member may leave (`withdrawn`, with a reason) or serve to the end (`completed`). A
// confirmed member may also leave before the plenary. Declined and withdrawn seats are refilled
// by sortition. Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace membership::domain {

enum class Status { selected, invited, confirmed, declined, active, withdrawn, completed };
enum class Action { invite, confirm, decline, activate, withdraw, complete };

inline constexpr Status kAllStatuses[] = {Status::selected, Status::invited, Status::confirmed,
                                          Status::declined, Status::active,  Status::withdrawn,
                                          Status::completed};
inline constexpr Action kAllActions[] = {Action::invite,   Action::confirm,  Action::decline,
                                         Action::activate, Action::withdraw, Action::complete};

std::string_view to_string(Status s);
std::string_view to_string(Action a);
std::optional<Status> parse_status(std::string_view s);
inline std::string text(Status s) {
  return std::string(to_string(s));
}
std::optional<Action> parse_action(std::string_view s);

// The status `action` leads to from `from`; nullopt when the transition is illegal.
std::optional<Status> next(Status from, Action action);
// The statuses from which `action` is legal (to say so in a 409).
std::vector<Status> legal_sources(Action action);
// Whether a member may take this action on their own record (the secretariat may take any):
// confirm or decline the invitation, and leave (withdraw, with a reason).
bool member_may(Action action);
// Whether the action frees a seat that sortition refills (decline, withdraw).
bool frees_seat(Action action);
// Whether a reason is required (withdraw) — a decline's reason is optional.
bool needs_reason(Action action);
// The 409 text: "the member is confirmed; decline needs a member who is invited".
std::string illegal_transition_message(Status current, Action action);

}  // namespace membership::domain
