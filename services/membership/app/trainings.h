#pragma once
// The trainings' use cases: offer one, sign up and withdraw (the waiting list moving by itself),
// record attendance and the "followed" shortcut. They decide through domain/trainings, write
// through store/trainings and publish in the same transaction; they throw core::Refused, no HTTP
// here.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "domain/trainings.h"
#include "store/trainings.h"

namespace membership::app {

// Refused: not_found.
store::Training must_find_training(pqxx::transaction_base& tx, const std::string& id,
                                   bool for_update = false);
// A new training (its id, assembly and terms in `t`) for an existing assembly. Refused: not_found.
store::Training offer_training(pqxx::work& tx, const assembly::events::Outbox& outbox,
                               store::Training t, const std::string& by);

struct SignUpResult {
  store::Training training;
  domain::SignUpOutcome outcome;
};
// `now`: RFC 3339 UTC. Refused: not_found (training, member), and as domain::sign_up.
SignUpResult sign_up(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const std::string& training_id, const std::string& member_id,
                     const std::string& by, const std::string& now);

struct WithdrawalResult {
  store::Training training;
  domain::WithdrawalOutcome outcome;
};
// Refused: not_found, and as domain::withdraw.
WithdrawalResult withdraw(pqxx::work& tx, const assembly::events::Outbox& outbox,
                          const std::string& training_id, const std::string& member_id,
                          const std::string& by, const std::string& now);

// One line of a bulk attendance record; `field` names it in a refusal ("/records/3").
struct AttendanceLine {
  std::string member_id, status, field;
};
// Records each changed line (a new revision, an event); returns how many changed. All or nothing:
// refused (invalid, naming the line) when a member holds no place or a status is unknown.
int record_attendance(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const std::string& training_id, const std::vector<AttendanceLine>& lines,
                      const std::string& by);

// The "followed" shortcut: each member (confirmed or active, of the training's assembly) is
// recorded present, given a place first when they hold none and there is room. Returns how many
// were not recorded present before. `fields[i]` names member_ids[i] in a refusal.
int record_followed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                    const std::string& training_id, const std::vector<std::string>& member_ids,
                    const std::vector<std::string>& fields, const std::string& by);

}  // namespace membership::app
