#include "domain/mandates.h"

namespace workshops::domain {

std::string_view to_string(MandateState s) {
  switch (s) {
    case MandateState::proposed:
      return "proposed";
    case MandateState::adopted:
      return "adopted";
    case MandateState::rejected:
      return "rejected";
  }
  return "proposed";
}

std::optional<MandateState> parse_mandate_state(std::string_view s) {
  if (s == "proposed") return MandateState::proposed;
  if (s == "adopted") return MandateState::adopted;
  if (s == "rejected") return MandateState::rejected;
  return std::nullopt;
}

}  // namespace workshops::domain
