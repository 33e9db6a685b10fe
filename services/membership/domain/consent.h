#pragma once
// Consent purposes with a rule attached to them.
#include <string_view>

namespace membership::domain {

// A member who gave this consent (and did not withdraw it) keeps their contact details after the
// anonymisation of their assembly, to go on receiving the follow-up of their vœux: a cohort's
// members hear what the city did long after a newer cohort sits.
inline constexpr std::string_view kFollowUpConsent = "follow-up";

}  // namespace membership::domain
