#pragma once
// Ballot use cases: opening (the electorate fixed now), voting (open or secret, with receipts),
// closing (counted from the stored votes; a plenary ballot that passes adopts its motion) and the
// published results. They throw assembly::core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "assembly/pii/pii.h"
#include "assembly/service/reseal.h"
#include "domain/ballot.h"
#include "store/ballots.h"

namespace recommendations::app {

// Who may vote in a ballot of the assembly (or of one of its workshops) opened now: its active
// members, as membership's events have made them known.
std::vector<std::string> electorate_now(pqxx::transaction_base& tx, const std::string& assembly_id,
                                        const std::string& workshop);

struct NewBallot {
  std::string assembly_id, workshop, motion_id, question;  // workshop, motion_id: "" when none
  std::string plenary_session_id;  // required for a vote of the whole assembly on a motion
  int motion_version = 0;          // set when opened: the version a workshop's ballot approves
  domain::Rule rule = domain::Rule::simple_majority;
  double quorum = 0;
  bool secret = false;
  bool show_of_hands = false;  // voted in the room; the secretariat enters the tally
  std::string opens_at, closes_at, created_by;
};
// BallotOpened, then the ballot.
store::Ballot open_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                          const NewBallot& b);

struct Vote {
  std::string ballot_id, member_id;
  domain::Choice choice = domain::Choice::abstain;
  std::string receipt;  // a secret ballot's receipt, to change one's own vote ("" otherwise)
};
struct VoteOutcome {
  enum class Kind { open_vote, secret_changed, secret_first } kind = Kind::open_vote;
  std::string receipt;  // the fresh receipt of a first secret vote
};
// A secret vote is held sealed under `keyring` until the close. A change needs the voter's
// receipt: refused (422 /receipt) when it is not the one their vote was cast with, or when they
// have not voted yet, and nothing changes.
VoteOutcome cast_vote(pqxx::work& tx, const assembly::pii::Keyring& keyring, const Vote& v,
                      const std::string& now);

// A show-of-hands tally refused: every count at fault (nothing is kept).
struct TallyRefused {
  std::vector<domain::TallyFault> faults;
};
struct NewTally {
  std::string ballot_id;
  domain::Tally tally;
  std::string reason;  // required for a correction (a tally entered before)
  std::string recorded_by;
};
// Keeps the tally of a show-of-hands ballot while it is open (a correction is a new entry; the
// previous ones stay). Refused: 404 without the ballot, 409 when it is closed or not voted by a
// show of hands (its members vote through the service), 422 on /reason for a correction without
// one, TallyRefused for counts the electorate cannot hold.
store::TallyEntry record_tally(pqxx::work& tx, const NewTally& t);

// Releases a secret ballot's held votes (all at once, in the order of their receipt hashes),
// counts the stored votes (a show of hands: its current tally; 409 without one), keeps the result;
// a plenary ballot on a motion that passes adopts the motion (MotionAdopted). The ballot as closed.
store::Ballot close_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                           const assembly::pii::Keyring& keyring, const std::string& id);

struct Results {
  store::Ballot ballot;
  std::vector<store::StoredVote> votes;
  std::vector<std::string> voters;         // who voted, in a secret ballot
  std::vector<store::TallyEntry> tallies;  // a show of hands: every tally entered, the last counted
};
// Refused (409) while the ballot is open.
Results results(pqxx::transaction_base& tx, const std::string& id);

// The SHA-256 (hex) a counted secret vote is stored under.
std::string receipt_hash(const std::string& receipt);
// Whether the vote cast with this receipt was counted (never how). Refused (404) without the
// ballot, (409) while it is open: nothing to show anyone while the vote matters.
bool check_receipt(pqxx::transaction_base& tx, const std::string& ballot_id,
                   const std::string& receipt);

// The ballot; refused (404) when there is none.
store::Ballot must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update = false);

// The secret votes held until a ballot closes, as a sealed column (`recommendations --reseal`).
assembly::service::SealedColumn sealed_held_votes();

}  // namespace recommendations::app
