#pragma once
// The assembly's three phases and where sessions fall in them. Pure domain: no HTTP, SQL or Kafka.
//
// Phases follow one another without overlapping: discovery, then recommendations, then
// co-construction and vote (dates inclusive, so two phases never share a day). A session that
// names its phase falls inside that phase's dates when they are set. One that names none falls
// inside one of the phases once the three are dated (its phase is then the one containing it); a
// plenary may stand between two phases (it closes one and opens the next) but not outside the
// assembly's span, from the first phase's start to the last one's end. Refusals are
// assembly::core::Refused (invalid, naming the field at fault).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sessions.h"

namespace workshops::domain {

enum class PhaseKind { discovery, recommendations, co_construction_and_vote };
std::optional<PhaseKind> parse_phase_kind(std::string_view s);  // "discovery", ...
std::string_view to_string(PhaseKind k);
inline constexpr const char* kPhaseKindsText =
    "discovery, recommendations or co-construction-and-vote";

// A phase's dates, "YYYY-MM-DD", both days inclusive.
struct PhaseWindow {
  PhaseKind kind = PhaseKind::discovery;
  std::string starts_on, ends_on;
};
// "the discovery phase (2021-11-20 to 2022-06-30)"
std::string describe(const PhaseWindow& p);

// Refuses (422) a phase whose dates overlap another phase of the assembly (/starts_on or
// /ends_on, naming the other phase and its dates) or break their order. `phases` are the
// assembly's phases as set now; the one of the same kind is the one being replaced.
void check_phase(const PhaseWindow& p, const std::vector<PhaseWindow>& phases);

// Where a session falls. `first_day` and `last_day` are the UTC days of its start and end;
// `named` the phase it names, if any. Returns the phase it belongs to (nullopt: none known), or
// refuses (422 at /starts_at or /ends_at).
std::optional<PhaseKind> place_session(SessionType type, const std::string& first_day,
                                       const std::string& last_day, std::optional<PhaseKind> named,
                                       const std::vector<PhaseWindow>& phases);

}  // namespace workshops::domain
