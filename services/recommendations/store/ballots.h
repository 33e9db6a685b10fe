#pragma once
// SQL for ballots, their electorate and their votes. Each query is a named constant; rows are
// read by column name.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/service/reseal.h"
#include "domain/ballot.h"

namespace recommendations::store {

struct Ballot {
  std::string id, assembly_id;
  std::string workshop;            // the theme; "" for a plenary ballot (the whole assembly)
  std::string motion_id;           // "" when none
  std::string plenary_session_id;  // the plenary where it is held; "" when none
  int motion_version = 0;  // the version of its motion a workshop's ballot approves; 0 when none
  std::string question;
  domain::Rule rule = domain::Rule::simple_majority;
  double quorum = 0;
  bool secret = false;
  bool show_of_hands = false;       // voted by a show of hands: the secretariat enters the tally
  std::string opens_at, closes_at;  // RFC 3339 UTC
  domain::BallotState state = domain::BallotState::open;
  std::optional<domain::Result> result;  // once closed
  long electorate = 0;                   // how many electors it has
  long voted = 0;  // how many took part so far: voters, or the hands of the current tally
};

// A show-of-hands tally as entered (the first is entry 1; a correction is the next entry).
struct TallyEntry {
  int entry = 0;
  domain::Tally tally;
  std::string reason, recorded_by, recorded_at;
};

// A stored vote: by voter (open ballot) or by receipt hash (secret ballot).
struct StoredVote {
  std::string voter;  // member id, or receipt hash
  domain::Choice choice = domain::Choice::abstain;
};

// Inserts the ballot (its id, question, rule, quorum, secrecy and window) and its electors, in
// one statement each.
void insert_ballot(pqxx::work& tx, const Ballot& b, const std::vector<std::string>& electors,
                   const std::string& created_by);
std::optional<Ballot> find_ballot(pqxx::transaction_base& tx, const std::string& id,
                                  bool for_update = false);
std::vector<Ballot> list_ballots(pqxx::transaction_base& tx, const std::string& assembly_id);
// Keeps the result and closes the ballot.
void close_ballot(pqxx::work& tx, const std::string& id, const domain::Result& result);

bool is_elector(pqxx::transaction_base& tx, const std::string& ballot_id,
                const std::string& member_id);
// The ballot's electors (member ids, fixed at its opening), in id order.
std::vector<std::string> electors(pqxx::transaction_base& tx, const std::string& ballot_id);

// Open ballots: one vote per member, replaced when they vote again.
void upsert_open_vote(pqxx::work& tx, const std::string& ballot_id, const std::string& member_id,
                      domain::Choice choice);
// Secret ballots: who voted (the mark, at once) apart from how. While the ballot is open the vote
// is held sealed beside the mark (`change_tag`: what the voter's receipt and id hash to); at the
// close every held vote is released at once into the counted votes.
bool has_secret_voter(pqxx::transaction_base& tx, const std::string& ballot_id,
                      const std::string& member_id);
struct HeldVote {
  std::string member_id, change_tag, sealed;
};
// The mark and the held vote, in the voter's transaction.
void insert_secret_vote(pqxx::work& tx, const std::string& ballot_id, const HeldVote& v);
std::optional<HeldVote> held_vote(pqxx::transaction_base& tx, const std::string& ballot_id,
                                  const std::string& member_id);
void replace_held_vote(pqxx::work& tx, const std::string& ballot_id, const HeldVote& v);
std::vector<HeldVote> held_votes(pqxx::transaction_base& tx, const std::string& ballot_id);
// Writes the released votes (receipt hash, choice) in one statement, in the order of their
// receipt hashes (random: nothing of the voting order), and deletes the held ones.
void release_secret_votes(pqxx::work& tx, const std::string& ballot_id,
                          const std::vector<StoredVote>& votes);
// Whether a vote with this receipt hash was counted.
bool is_counted(pqxx::transaction_base& tx, const std::string& ballot_id,
                const std::string& receipt_hash);

// The stored votes: open ballots by voter (sorted), secret ones by receipt hash (sorted by choice).
std::vector<StoredVote> stored_votes(pqxx::transaction_base& tx, const Ballot& b);
// Appends a show-of-hands tally (the next entry): the previous ones stay.
TallyEntry append_tally(pqxx::work& tx, const std::string& ballot_id, const domain::Tally& tally,
                        const std::string& reason, const std::string& recorded_by);
// Every tally entered for the ballot, the first first (the current one is the last).
std::vector<TallyEntry> tallies(pqxx::transaction_base& tx, const std::string& ballot_id);

// Who voted in a secret ballot, sorted.
std::vector<std::string> secret_voters(pqxx::transaction_base& tx, const std::string& ballot_id);

// Re-sealing (assembly/service/reseal.h): held votes whose value does not begin with `current`,
// after the key `after` (ballot id, member id), locked; written back if unchanged; how many
// remain.
std::vector<assembly::service::SealedRow> held_votes_to_reseal(
    pqxx::work& tx, const std::vector<std::string>& after, const std::string& current, int limit);
bool reseal_held_vote(pqxx::work& tx, const assembly::service::SealedRow& row,
                      const std::string& resealed);
long held_votes_not_under(pqxx::work& tx, const std::string& current);

}  // namespace recommendations::store
