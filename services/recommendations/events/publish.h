#pragma once
// The events this service publishes, appended to the outbox in the caller's transaction.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "domain/ballot.h"
#include "domain/debate.h"
#include "store/ballots.h"
#include "store/motion_store.h"
#include "store/motion_versions.h"
#include "store/recommendations.h"

namespace recommendations::events {

// BallotOpened: the ballot as opened, its electors (member ids) with it.
void ballot_opened(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Ballot& b,
                   const std::vector<std::string>& electors);
// BallotClosed: the ballot, its electors and its result.
void ballot_closed(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Ballot& b,
                   const std::vector<std::string>& electors, const domain::Result& result);
// MotionOpened: a workshop's motion, opened with the workshop.
void motion_opened(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Motion& m);
// MotionAdopted: the plenary ballot `b` on the motion passed with `result`.
void motion_adopted(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Motion& m,
                    const std::string& title, const store::Ballot& b, const domain::Result& result);
// SpokespersonsAssigned: the whole list of the motion's spokespersons.
void spokespersons_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const std::string& motion_id, const std::string& assembly_id,
                            const std::vector<std::string>& member_ids);
// MotionSentToCouncil: the motion, its spokespersons and the recommendations it carries.
void motion_sent_to_council(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const store::Motion& m, const store::MotionText& t,
                            const std::vector<std::string>& recommendation_ids);

// MotionDebated: the debate on the motion at the last plenary, speakers by role (no names).
void motion_debated(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Motion& m,
                    const domain::Debate& d);

// MotionVersionProposed: a new version of the motion's text, by the proposer's kind and
// organisation (no member named).
void motion_version_proposed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                             const store::Motion& m, const store::MotionVersion& v);
// MotionApprovedByWorkshop: the workshop's ballot `b` approved the motion's last version.
void motion_approved_by_workshop(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                 const store::Motion& m, const store::Ballot& b,
                                 const domain::Result& result);

// RecommendationSubmitted: handed over at a plenary, with its current text.
void recommendation_submitted(pqxx::work& tx, const assembly::events::Outbox& outbox,
                              const store::Recommendation& r);

}  // namespace recommendations::events
