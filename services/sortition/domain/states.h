#pragma once
// The states of the service's records, as enums; to_string gives the stored (and shown) word,
// parse_* reads it back (nullopt for anything else).
#include <optional>
#include <string>
#include <string_view>

namespace sortition::domain {

// A selection (a panel draw under quotas): committed (seed commitment published), queued (seed
// revealed, waiting for the worker), running, then done or failed; or cancelled.
// Any but done or failed may be cancelled by the secretariat.
enum class SelectionState { committed, queued, running, done, failed, cancelled };
std::string to_string(SelectionState s);
std::optional<SelectionState> parse_selection_state(std::string_view s);

// Who is on a selection's lists: the panel (in draw order, then the replacements) or the reserve.
enum class ListKind { panel, reserve };
std::string to_string(ListKind k);
std::optional<ListKind> parse_list_kind(std::string_view s);

// An invitation draw: committed (the seed's hash published), then drawn.
enum class InvitationDrawState { committed, drawn };
std::string to_string(InvitationDrawState s);
std::optional<InvitationDrawState> parse_invitation_draw_state(std::string_view s);

// A pool: importing, then ready or failed; erased once past its retention date (its people gone,
// its public record kept).
enum class PoolState { importing, ready, failed, erased };
std::string to_string(PoolState s);
std::optional<PoolState> parse_pool_state(std::string_view s);

// A respondent: interested (said yes), then perhaps withdrawn (kept); or declined (said no: the
// code is used, the draw counts a refusal, nothing else is kept).
enum class RespondentState { interested, withdrawn, declined };
std::string to_string(RespondentState s);
std::optional<RespondentState> parse_respondent_state(std::string_view s);

}  // namespace sortition::domain
