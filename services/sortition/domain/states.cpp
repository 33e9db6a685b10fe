#include "domain/states.h"

#include <initializer_list>

namespace sortition::domain {
namespace {

template <typename E>
std::optional<E> parse_of(std::string_view s, std::initializer_list<E> all) {
  for (auto e : all)
    if (s == to_string(e)) return e;
  return std::nullopt;
}

}  // namespace

std::string to_string(SelectionState s) {
  switch (s) {
    case SelectionState::committed:
      return "committed";
    case SelectionState::queued:
      return "queued";
    case SelectionState::running:
      return "running";
    case SelectionState::done:
      return "done";
    case SelectionState::failed:
      return "failed";
  }
  return "";
}

std::optional<SelectionState> parse_selection_state(std::string_view s) {
  return parse_of(s, {SelectionState::committed, SelectionState::queued, SelectionState::running,
                      SelectionState::done, SelectionState::failed});
}

std::string to_string(ListKind k) {
  return k == ListKind::panel ? "panel" : "reserve";
}

std::optional<ListKind> parse_list_kind(std::string_view s) {
  return parse_of(s, {ListKind::panel, ListKind::reserve});
}

std::string to_string(InvitationDrawState s) {
  return s == InvitationDrawState::committed ? "committed" : "drawn";
}

std::optional<InvitationDrawState> parse_invitation_draw_state(std::string_view s) {
  return parse_of(s, {InvitationDrawState::committed, InvitationDrawState::drawn});
}

std::string to_string(PoolState s) {
  switch (s) {
    case PoolState::importing:
      return "importing";
    case PoolState::ready:
      return "ready";
    case PoolState::failed:
      return "failed";
  }
  return "";
}

std::optional<PoolState> parse_pool_state(std::string_view s) {
  return parse_of(s, {PoolState::importing, PoolState::ready, PoolState::failed});
}

std::string to_string(RespondentState s) {
  return s == RespondentState::interested ? "interested" : "withdrawn";
}

std::optional<RespondentState> parse_respondent_state(std::string_view s) {
  return parse_of(s, {RespondentState::interested, RespondentState::withdrawn});
}

}  // namespace sortition::domain
