#include "app/ballots.h"

#include <sodium.h>

#include "app/versions.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "events/publish.h"
#include "store/members.h"
#include "store/motion_store.h"

namespace recommendations::app {
namespace core = assembly::core;

namespace {

std::string new_receipt() {
  unsigned char r[16];
  randombytes_buf(r, sizeof r);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, r, sizeof r);
  return hex;
}

}  // namespace

std::string receipt_hash(const std::string& receipt) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(receipt.data()), receipt.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

store::Ballot must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update) {
  auto b = store::find_ballot(tx, id, for_update);
  if (!b) throw core::not_found("no ballot " + id);
  return *b;
}

std::vector<std::string> electorate_now(pqxx::transaction_base& tx, const std::string& assembly_id,
                                        const std::string& workshop) {
  return domain::electorate(store::members_of(tx, assembly_id), workshop);
}

store::Ballot open_ballot(pqxx::work& tx, const NewBallot& asked) {
  NewBallot n = asked;
  check_motion_ballot(tx, n);  // the workshop's on its last version, or the assembly's
  auto electors = electorate_now(tx, n.assembly_id, n.workshop);
  if (electors.empty())
    throw core::conflict("no active member " + (n.workshop.empty() ? "in assembly " + n.assembly_id
                                                                   : "in workshop " + n.workshop));
  store::Ballot b;
  b.id = core::new_uuid();
  b.assembly_id = n.assembly_id;
  b.workshop = n.workshop;
  b.motion_id = n.motion_id;
  b.plenary_session_id = n.plenary_session_id;
  b.motion_version = n.motion_version;
  b.question = n.question;
  b.rule = n.rule;
  b.quorum = n.quorum;
  b.secret = n.secret;
  b.opens_at = n.opens_at;
  b.closes_at = n.closes_at;
  store::insert_ballot(tx, b, electors, n.created_by);
  return must_find(tx, b.id);
}

VoteOutcome cast_vote(pqxx::work& tx, const Vote& v, const std::string& now) {
  auto ballot = must_find(tx, v.ballot_id, true);
  if (ballot.state != domain::BallotState::open ||
      !domain::in_window(ballot.opens_at, ballot.closes_at, now))
    throw core::conflict("the ballot is not open for votes (" + ballot.opens_at + " to " +
                         ballot.closes_at + ", " + std::string(domain::to_string(ballot.state)) +
                         ")");
  if (!store::is_elector(tx, v.ballot_id, v.member_id))
    throw core::forbidden("you are not in this ballot's electorate (fixed when it opened)");
  if (!ballot.secret) {
    store::upsert_open_vote(tx, v.ballot_id, v.member_id, v.choice);
    return {VoteOutcome::Kind::open_vote, ""};
  }
  if (store::has_secret_voter(tx, v.ballot_id, v.member_id)) {
    if (v.receipt.empty())
      throw core::conflict("you have voted; give your receipt to change your vote");
    if (!store::change_secret_vote(tx, v.ballot_id, receipt_hash(v.receipt), v.choice))
      throw core::invalid("this receipt matches no vote of this ballot", "/receipt");
    return {VoteOutcome::Kind::secret_changed, ""};
  }
  auto fresh = new_receipt();
  store::insert_secret_vote(tx, v.ballot_id, v.member_id, receipt_hash(fresh), v.choice);
  return {VoteOutcome::Kind::secret_first, fresh};
}

store::Ballot close_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                           const std::string& id) {
  auto ballot = must_find(tx, id, true);
  if (ballot.state != domain::BallotState::open)
    throw core::conflict("the ballot is closed already");
  std::vector<domain::Choice> choices;
  for (const auto& v : store::stored_votes(tx, ballot)) choices.push_back(v.choice);
  auto result = domain::decide(ballot.rule, static_cast<int>(ballot.electorate), ballot.quorum,
                               domain::count(choices));
  store::close_ballot(tx, id, result);
  after_motion_ballot(tx, outbox, ballot, result);
  return must_find(tx, id);
}

Results results(pqxx::transaction_base& tx, const std::string& id) {
  Results out{must_find(tx, id), {}, {}};
  if (out.ballot.state != domain::BallotState::closed)
    throw core::conflict("the ballot is open; its results are published when it closes");
  out.votes = store::stored_votes(tx, out.ballot);
  if (out.ballot.secret) out.voters = store::secret_voters(tx, id);
  return out;
}

domain::Choice check_receipt(pqxx::transaction_base& tx, const std::string& ballot_id,
                             const std::string& receipt) {
  auto choice = store::secret_choice(tx, ballot_id, receipt_hash(receipt));
  if (!choice) throw core::not_found("no vote with this receipt in ballot " + ballot_id);
  return *choice;
}

}  // namespace recommendations::app
