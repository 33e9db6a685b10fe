#pragma once
// The motion's text drafted together: versions proposed in co-construction
// sessions (MotionVersionProposed), then the workshop's unanimous ballot on the
// last version (MotionApprovedByWorkshop), which freezes the text before the
// plenary votes it. They throw assembly::core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>

#include "app/ballots.h"
#include "app/drafting.h"
#include "assembly/events/outbox.h"
#include "domain/version.h"
#include "store/motion_store.h"
#include "store/motion_versions.h"

namespace recommendations::app {

struct NewMotionVersion {
  std::string motion_id, title, text,
      session_id;  // session_id "" only for the secretariat's
  domain::Proposer proposer;
  std::string note;
};
// A new version, the motion's text from now on. A member proposes only as
// themself, an active member of the motion's workshop; refused (409 naming the
// status) once the workshop approved the text, and while the workshop's ballot
// on it is open.
store::MotionVersion propose_version(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                     const NewMotionVersion& v, const Actor& by);
// The motion `m` (locked) gets `title` and `text` from the secretariat: a new
// version when they changed.
void secretariat_text(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Motion& m, const std::string& title, const std::string& text,
                      const std::string& by);
// The motion's version; refused (404) when missing.
store::MotionVersion must_find_version(pqxx::transaction_base& tx, const std::string& motion_id,
                                       int version);

// A ballot on a motion: the workshop's (its workshop, unanimity of the votes
// cast, on the last version of a motion being drafted) or the assembly's (a
// motion approved by its workshop). Refused otherwise; sets the version the
// workshop's ballot approves.
void check_motion_ballot(pqxx::work& tx, NewBallot& n);
// After a ballot on a motion closed adopted: the workshop's approves the
// version (MotionApprovedByWorkshop), the assembly's adopts the motion
// (MotionAdopted).
void after_motion_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Ballot& b, const domain::Result& result);

}  // namespace recommendations::app
