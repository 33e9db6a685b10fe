#include "domain/mandates.h"

#include "assembly/core/names.h"

namespace workshops::domain {

namespace {
constexpr std::pair<MandateState, std::string_view> kStates[] = {
    {MandateState::proposed, "proposed"},
    {MandateState::adopted, "adopted"},
    {MandateState::rejected, "rejected"}};
}  // namespace

std::string_view to_string(MandateState s) {
  return assembly::core::name_of(kStates, s, "proposed");
}

std::optional<MandateState> parse_mandate_state(std::string_view s) {
  return assembly::core::value_of(kStates, s);
}

}  // namespace workshops::domain
