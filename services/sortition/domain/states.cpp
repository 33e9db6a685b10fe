#include "domain/states.h"

#include <initializer_list>

#include "assembly/core/names.h"

namespace sortition::domain {
namespace {

template <typename E>
std::optional<E> parse_of(std::string_view s, std::initializer_list<E> all) {
  for (auto e : all)
    if (s == to_string(e)) return e;
  return std::nullopt;
}

constexpr std::pair<SelectionState, std::string_view> kSelectionStates[] = {
    {SelectionState::committed, "committed"}, {SelectionState::queued, "queued"},
    {SelectionState::running, "running"},     {SelectionState::done, "done"},
    {SelectionState::failed, "failed"},       {SelectionState::cancelled, "cancelled"}};
constexpr std::pair<PoolState, std::string_view> kPoolStates[] = {
    {PoolState::importing, "importing"},
    {PoolState::ready, "ready"},
    {PoolState::failed, "failed"},
    {PoolState::erased, "erased"}};
constexpr std::pair<RespondentState, std::string_view> kRespondentStates[] = {
    {RespondentState::interested, "interested"},
    {RespondentState::withdrawn, "withdrawn"},
    {RespondentState::declined, "declined"}};

}  // namespace

std::string to_string(SelectionState s) {
  return std::string(assembly::core::name_of(kSelectionStates, s, ""));
}

std::optional<SelectionState> parse_selection_state(std::string_view s) {
  return assembly::core::value_of(kSelectionStates, s);
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
  return std::string(assembly::core::name_of(kPoolStates, s, ""));
}

std::optional<PoolState> parse_pool_state(std::string_view s) {
  return assembly::core::value_of(kPoolStates, s);
}

std::string to_string(RespondentState s) {
  return std::string(assembly::core::name_of(kRespondentStates, s, ""));
}

std::optional<RespondentState> parse_respondent_state(std::string_view s) {
  return assembly::core::value_of(kRespondentStates, s);
}

}  // namespace sortition::domain
