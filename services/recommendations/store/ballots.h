#pragma once
// SQL for ballots, their electorate and their votes. Each query is a named constant; rows are
// read by column name.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

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
  std::string opens_at, closes_at;  // RFC 3339 UTC
  domain::BallotState state = domain::BallotState::open;
  std::optional<domain::Result> result;  // once closed
  long electorate = 0;                   // how many electors it has
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

// Open ballots: one vote per member, replaced when they vote again.
void upsert_open_vote(pqxx::work& tx, const std::string& ballot_id, const std::string& member_id,
                      domain::Choice choice);
// Secret ballots: who voted, apart from how (under the hash of the voter's receipt).
bool has_secret_voter(pqxx::transaction_base& tx, const std::string& ballot_id,
                      const std::string& member_id);
void insert_secret_vote(pqxx::work& tx, const std::string& ballot_id, const std::string& member_id,
                        const std::string& receipt_hash, domain::Choice choice);
// False when the receipt hash matches no vote of the ballot.
bool change_secret_vote(pqxx::work& tx, const std::string& ballot_id,
                        const std::string& receipt_hash, domain::Choice choice);
std::optional<domain::Choice> secret_choice(pqxx::transaction_base& tx,
                                            const std::string& ballot_id,
                                            const std::string& receipt_hash);

// The stored votes, as published: open ballots by voter, secret ones by receipt hash, sorted.
std::vector<StoredVote> stored_votes(pqxx::transaction_base& tx, const Ballot& b);
// Who voted in a secret ballot, sorted.
std::vector<std::string> secret_voters(pqxx::transaction_base& tx, const std::string& ballot_id);

}  // namespace recommendations::store
