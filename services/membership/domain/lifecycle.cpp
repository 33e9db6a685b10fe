#include "domain/lifecycle.h"

namespace membership::domain {

namespace {
constexpr std::string_view kStatusNames[] = {"selected", "invited",   "confirmed", "declined",
                                             "active",   "withdrawn", "completed"};
constexpr std::string_view kActionNames[] = {"invite",   "confirm",  "decline",
                                             "activate", "withdraw", "complete"};
}  // namespace

std::string_view to_string(Status s) {
  return kStatusNames[static_cast<int>(s)];
}
std::string_view to_string(Action a) {
  return kActionNames[static_cast<int>(a)];
}

std::optional<Status> parse_status(std::string_view s) {
  for (auto st : kAllStatuses)
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::optional<Action> parse_action(std::string_view s) {
  for (auto a : kAllActions)
    if (to_string(a) == s) return a;
  return std::nullopt;
}

std::optional<Status> next(Status from, Action action) {
  switch (action) {
    case Action::invite:
      if (from == Status::selected) return Status::invited;
      break;
    case Action::confirm:
      if (from == Status::invited) return Status::confirmed;
      break;
    case Action::decline:
      if (from == Status::invited) return Status::declined;
      break;
    case Action::activate:
      if (from == Status::confirmed) return Status::active;
      break;
    case Action::withdraw:
      if (from == Status::confirmed || from == Status::active) return Status::withdrawn;
      break;
    case Action::complete:
      if (from == Status::active) return Status::completed;
      break;
  }
  return std::nullopt;
}

std::vector<Status> legal_sources(Action action) {
  std::vector<Status> out;
  for (auto s : kAllStatuses)
    if (next(s, action)) out.push_back(s);
  return out;
}

bool member_may(Action action) {
  return action == Action::confirm || action == Action::decline || action == Action::withdraw;
}
bool frees_seat(Action action) {
  return action == Action::decline || action == Action::withdraw;
}
bool needs_reason(Action action) {
  return action == Action::withdraw;
}

std::string illegal_transition_message(Status current, Action action) {
  std::string from;
  for (auto s : legal_sources(action))
    from += (from.empty() ? "" : " or ") + std::string(to_string(s));
  return "the member is " + std::string(to_string(current)) + "; " +
         std::string(to_string(action)) + " needs a member who is " + from;
}

}  // namespace membership::domain
