#include "app/ballots.h"

#include <sodium.h>

#include <stdexcept>

#include "app/versions.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/pii/padded.h"
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

std::string sha256_hex(const std::string& data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

// What a voter's receipt and id hash to: it matches their held vote and no one else's, and the
// database alone cannot tie it to the receipt hash the vote is counted under.
std::string change_tag(const std::string& receipt, const std::string& member_id) {
  return sha256_hex("change\x1f" + receipt + "\x1f" + member_id);
}

bool same_tag(const std::string& a, const std::string& b) {  // in constant time
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A held vote: its receipt hash and choice, padded so that every choice seals to one length.
constexpr std::size_t kHeldSize = 80;
std::string held_context(const std::string& ballot_id, const std::string& member_id) {
  return "secret-vote:" + ballot_id + ":" + member_id;
}
std::string seal_vote(const assembly::pii::Keyring& keyring, const Vote& v,
                      const std::string& receipt) {
  return assembly::pii::seal_padded(
      keyring, sha256_hex(receipt) + ":" + std::string(domain::to_string(v.choice)), kHeldSize,
      held_context(v.ballot_id, v.member_id));
}
store::StoredVote open_vote(const assembly::pii::Keyring& keyring, const std::string& ballot_id,
                            const store::HeldVote& held) {
  auto plain =
      assembly::pii::open_padded(keyring, held.sealed, held_context(ballot_id, held.member_id));
  auto colon = plain.find(':');
  auto choice = domain::parse_choice(colon == std::string::npos ? "" : plain.substr(colon + 1));
  if (!choice) throw std::runtime_error("a held vote of ballot " + ballot_id + " is malformed");
  return {plain.substr(0, colon), *choice};
}

}  // namespace

std::string receipt_hash(const std::string& receipt) {
  return sha256_hex(receipt);
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

store::Ballot open_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                          const NewBallot& asked) {
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
  b.show_of_hands = n.show_of_hands;
  b.opens_at = n.opens_at;
  b.closes_at = n.closes_at;
  store::insert_ballot(tx, b, electors, n.created_by);
  auto opened = must_find(tx, b.id);
  events::ballot_opened(tx, outbox, opened, electors);
  return opened;
}

VoteOutcome cast_vote(pqxx::work& tx, const assembly::pii::Keyring& keyring, const Vote& v,
                      const std::string& now) {
  auto ballot = must_find(tx, v.ballot_id, true);
  if (ballot.state != domain::BallotState::open ||
      !domain::in_window(ballot.opens_at, ballot.closes_at, now))
    throw core::conflict("the ballot is not open for votes (" + ballot.opens_at + " to " +
                         ballot.closes_at + ", " + std::string(domain::to_string(ballot.state)) +
                         ")");
  if (ballot.show_of_hands)
    throw core::conflict(
        "this ballot is voted by a show of hands in the room: the secretariat enters its tally");
  if (!store::is_elector(tx, v.ballot_id, v.member_id))
    throw core::forbidden("you are not in this ballot's electorate (fixed when it opened)");
  if (!ballot.secret) {
    store::upsert_open_vote(tx, v.ballot_id, v.member_id, v.choice);
    return {VoteOutcome::Kind::open_vote, ""};
  }
  if (store::has_secret_voter(tx, v.ballot_id, v.member_id)) {
    if (v.receipt.empty())
      throw core::conflict("you have voted; give your receipt to change your vote");
    auto held = store::held_vote(tx, v.ballot_id, v.member_id);
    if (!held || !same_tag(held->change_tag, change_tag(v.receipt, v.member_id)))
      throw core::invalid("this is not the receipt of your vote in this ballot", "/receipt");
    held->sealed = seal_vote(keyring, v, v.receipt);
    store::replace_held_vote(tx, v.ballot_id, *held);
    return {VoteOutcome::Kind::secret_changed, ""};
  }
  if (!v.receipt.empty())
    throw core::invalid("you have not voted in this ballot: a receipt changes only its own vote",
                        "/receipt");
  auto fresh = new_receipt();
  store::insert_secret_vote(
      tx, v.ballot_id, {v.member_id, change_tag(fresh, v.member_id), seal_vote(keyring, v, fresh)});
  return {VoteOutcome::Kind::secret_first, fresh};
}

store::TallyEntry record_tally(pqxx::work& tx, const NewTally& t) {
  auto ballot = must_find(tx, t.ballot_id, true);
  if (!ballot.show_of_hands)
    throw core::conflict(std::string("this ballot is ") + (ballot.secret ? "secret" : "open") +
                         ": its members vote through the service; a tally is entered only for "
                         "a ballot voted by a show of hands");
  if (ballot.state != domain::BallotState::open)
    throw core::conflict("the ballot is closed: its tally is final");
  auto faults = domain::tally_faults(t.tally, static_cast<int>(ballot.electorate));
  const bool correction = !store::tallies(tx, t.ballot_id).empty();
  if (correction && t.reason.empty())
    faults.push_back({"/reason", "a correction of the tally entered before needs a reason"});
  if (!faults.empty()) throw TallyRefused{faults};
  return store::append_tally(tx, t.ballot_id, t.tally, t.reason, t.recorded_by);
}

store::Ballot close_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                           const assembly::pii::Keyring& keyring, const std::string& id) {
  auto ballot = must_find(tx, id, true);
  if (ballot.state != domain::BallotState::open)
    throw core::conflict("the ballot is closed already");
  if (ballot.secret) {
    std::vector<store::StoredVote> released;
    for (const auto& held : store::held_votes(tx, id))
      released.push_back(open_vote(keyring, id, held));
    store::release_secret_votes(tx, id, released);
  }
  domain::Tally tally;
  if (ballot.show_of_hands) {
    auto entered = store::tallies(tx, id);
    if (entered.empty())
      throw core::conflict("no tally entered yet: enter the show of hands before closing");
    tally = entered.back().tally;
  } else {
    std::vector<domain::Choice> choices;
    for (const auto& v : store::stored_votes(tx, ballot)) choices.push_back(v.choice);
    tally = domain::count(choices);
  }
  auto result =
      domain::decide(ballot.rule, static_cast<int>(ballot.electorate), ballot.quorum, tally);
  store::close_ballot(tx, id, result);
  events::ballot_closed(tx, outbox, ballot, store::electors(tx, id), result);
  after_motion_ballot(tx, outbox, ballot, result);
  return must_find(tx, id);
}

Results results(pqxx::transaction_base& tx, const std::string& id) {
  Results out{must_find(tx, id), {}, {}, {}};
  if (out.ballot.state != domain::BallotState::closed)
    throw core::conflict("the ballot is open; its results are published when it closes");
  out.votes = store::stored_votes(tx, out.ballot);
  if (out.ballot.secret) out.voters = store::secret_voters(tx, id);
  if (out.ballot.show_of_hands) out.tallies = store::tallies(tx, id);
  return out;
}

bool check_receipt(pqxx::transaction_base& tx, const std::string& ballot_id,
                   const std::string& receipt) {
  auto ballot = must_find(tx, ballot_id);
  if (ballot.state != domain::BallotState::closed)
    throw core::conflict("the ballot is open; a receipt is checked once it closes");
  return store::is_counted(tx, ballot_id, receipt_hash(receipt));
}

assembly::service::SealedColumn sealed_held_votes() {
  return {"secret_votes_held.sealed", store::held_votes_to_reseal, store::reseal_held_vote,
          store::held_votes_not_under,
          [](const assembly::pii::Keyring& keyring, const assembly::service::SealedRow& row) {
            return assembly::pii::reseal_padded(keyring, row.sealed,
                                                held_context(row.key[0], row.key[1]));
          }};
}

}  // namespace recommendations::app
