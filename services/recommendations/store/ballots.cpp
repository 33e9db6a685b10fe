#include "store/ballots.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace recommendations::store {

using assembly::db::text_array;

namespace {

constexpr const char* kBallotColumns =
    "SELECT b.id AS id, b.assembly_id AS assembly_id, b.workshop AS workshop, "
    "coalesce(b.motion_id, '') AS motion_id, coalesce(b.plenary_session_id, '') AS "
    "plenary_session_id, coalesce(b.motion_version, 0) AS motion_version, b.question AS question, b.rule AS rule, "
    "b.quorum AS quorum, b.secret AS secret, b.show_of_hands AS show_of_hands, "
    "CASE WHEN b.show_of_hands THEN coalesce((SELECT t.for_votes + t.against + t.abstain FROM "
    "ballot_tallies t WHERE t.ballot_id = b.id ORDER BY t.entry DESC LIMIT 1), 0) "
    "WHEN b.secret THEN (SELECT count(*) FROM secret_voters v WHERE v.ballot_id = b.id) "
    "ELSE (SELECT count(*) FROM open_votes v WHERE v.ballot_id = b.id) END AS voted, " SQL_UTC("b.opens_at") " AS opens_at, " SQL_UTC(
        "b.closes_at") " AS closes_at, b.state AS state, coalesce(b.result::text, '') AS result, "
                       "(SELECT count(*) FROM ballot_electors e WHERE e.ballot_id = b.id) AS "
                       "electorate FROM ballots b ";
const std::string kFindBallot = std::string(kBallotColumns) + "WHERE b.id = $1";
const std::string kFindBallotForUpdate = kFindBallot + " FOR UPDATE";
const std::string kListBallots =
    std::string(kBallotColumns) + "WHERE b.assembly_id = $1 ORDER BY b.created_at, b.id";

constexpr const char* kInsertBallot =
    "INSERT INTO ballots (id, assembly_id, workshop, motion_id, question, rule, quorum, secret, "
    "opens_at, closes_at, created_by, plenary_session_id, motion_version, show_of_hands) "
    "VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, $11, "
    "NULLIF($12, ''), NULLIF($13, 0), $14)";
constexpr const char* kInsertElectors =
    "INSERT INTO ballot_electors (ballot_id, member_id) SELECT $1, m FROM unnest($2::text[]) AS m";
constexpr const char* kCloseBallot =
    "UPDATE ballots SET state = 'closed', result = $2::jsonb, closed_at = now() WHERE id = $1";
constexpr const char* kElectors =
    "SELECT member_id FROM ballot_electors WHERE ballot_id = $1 ORDER BY member_id";
constexpr const char* kIsElector =
    "SELECT 1 FROM ballot_electors WHERE ballot_id = $1 AND member_id = $2";

constexpr const char* kUpsertOpenVote =
    "INSERT INTO open_votes (ballot_id, member_id, choice) VALUES ($1, $2, $3) "
    "ON CONFLICT (ballot_id, member_id) DO UPDATE SET choice = excluded.choice, "
    "changes = open_votes.changes + 1, voted_at = now()";
constexpr const char* kHasSecretVoter =
    "SELECT 1 FROM secret_voters WHERE ballot_id = $1 AND member_id = $2";
constexpr const char* kInsertSecretVoter =
    "INSERT INTO secret_voters (ballot_id, member_id) VALUES ($1, $2)";
constexpr const char* kInsertHeldVote =
    "INSERT INTO secret_votes_held (ballot_id, member_id, change_tag, sealed) "
    "VALUES ($1, $2, $3, $4)";
constexpr const char* kHeldVote =
    "SELECT member_id, change_tag, sealed FROM secret_votes_held WHERE ballot_id = $1 AND "
    "member_id = $2";
constexpr const char* kReplaceHeldVote =
    "UPDATE secret_votes_held SET sealed = $3 WHERE ballot_id = $1 AND member_id = $2";
constexpr const char* kHeldVotes =
    "SELECT member_id, change_tag, sealed FROM secret_votes_held WHERE ballot_id = $1";
constexpr const char* kReleaseVotes =
    "INSERT INTO secret_votes (ballot_id, receipt_hash, choice) "
    "SELECT $1, v.h, v.c FROM unnest($2::text[], $3::text[]) AS v(h, c) ORDER BY v.h";
constexpr const char* kDropHeldVotes = "DELETE FROM secret_votes_held WHERE ballot_id = $1";
constexpr const char* kIsCounted =
    "SELECT 1 FROM secret_votes WHERE ballot_id = $1 AND receipt_hash = $2";
constexpr const char* kSecretVotes =
    "SELECT receipt_hash AS voter, choice FROM secret_votes WHERE ballot_id = $1 "
    "ORDER BY choice, receipt_hash";
constexpr const char* kOpenVotes =
    "SELECT member_id AS voter, choice FROM open_votes WHERE ballot_id = $1 ORDER BY member_id";
constexpr const char* kAppendTally =
    "INSERT INTO ballot_tallies (ballot_id, entry, for_votes, against, abstain, reason, "
    "recorded_by) SELECT $1, coalesce(max(entry), 0) + 1, $2, $3, $4, $5, $6 FROM ballot_tallies "
    "WHERE ballot_id = $1 RETURNING entry, for_votes, against, abstain, reason, recorded_by, "
    "" SQL_UTC("recorded_at") " AS recorded_at";
constexpr const char* kTallies =
    "SELECT entry, for_votes, against, abstain, reason, recorded_by, " SQL_UTC(
        "recorded_at") " AS recorded_at FROM ballot_tallies WHERE ballot_id = $1 ORDER BY entry";
constexpr const char* kSecretVoters =
    "SELECT member_id FROM secret_voters WHERE ballot_id = $1 ORDER BY member_id";

domain::Choice choice_of(const pqxx::field& f) {
  auto c = domain::parse_choice(f.as<std::string>());
  if (!c) throw std::runtime_error("unknown stored choice " + f.as<std::string>());
  return *c;
}

// The result is kept as a JSON document (jsonb) in the ballot's row.
std::string result_document(const domain::Result& r) {
  return nlohmann::json{{"electorate", r.electorate}, {"for", r.tally.for_votes},
                        {"against", r.tally.against}, {"abstain", r.tally.abstain},
                        {"turnout", r.turnout},       {"quorum_met", r.quorum_met},
                        {"outcome", r.outcome}}
      .dump();
}

domain::Result result_of(const std::string& document) {
  auto j = nlohmann::json::parse(document);
  domain::Result r;
  r.electorate = j.at("electorate").get<int>();
  r.tally = {j.at("for").get<int>(), j.at("against").get<int>(), j.at("abstain").get<int>()};
  r.turnout = j.at("turnout").get<double>();
  r.quorum_met = j.at("quorum_met").get<bool>();
  r.outcome = j.at("outcome").get<std::string>();
  return r;
}

TallyEntry tally_of(const pqxx::row& r) {
  return {r["entry"].as<int>(),
          {r["for_votes"].as<int>(), r["against"].as<int>(), r["abstain"].as<int>()},
          r["reason"].as<std::string>(),
          r["recorded_by"].as<std::string>(),
          r["recorded_at"].as<std::string>()};
}

HeldVote held_of(const pqxx::row& r) {
  return {r["member_id"].as<std::string>(), r["change_tag"].as<std::string>(),
          pqxx::binarystring(r["sealed"]).str()};
}

Ballot ballot_of(const pqxx::row& r) {
  Ballot b;
  b.id = r["id"].as<std::string>();
  b.assembly_id = r["assembly_id"].as<std::string>();
  b.workshop = r["workshop"].as<std::string>();
  b.motion_id = r["motion_id"].as<std::string>();
  b.plenary_session_id = r["plenary_session_id"].as<std::string>();
  b.motion_version = r["motion_version"].as<int>();
  b.question = r["question"].as<std::string>();
  auto rule = domain::parse_rule(r["rule"].as<std::string>());
  if (!rule) throw std::runtime_error("unknown stored rule " + r["rule"].as<std::string>());
  b.rule = *rule;
  b.quorum = r["quorum"].as<double>();
  b.secret = r["secret"].as<bool>();
  b.show_of_hands = r["show_of_hands"].as<bool>();
  b.voted = r["voted"].as<long>();
  b.opens_at = r["opens_at"].as<std::string>();
  b.closes_at = r["closes_at"].as<std::string>();
  auto state = domain::parse_ballot_state(r["state"].as<std::string>());
  if (!state) throw std::runtime_error("unknown stored state " + r["state"].as<std::string>());
  b.state = *state;
  auto result = r["result"].as<std::string>();
  if (!result.empty()) b.result = result_of(result);
  b.electorate = r["electorate"].as<long>();
  return b;
}

}  // namespace

void insert_ballot(pqxx::work& tx, const Ballot& b, const std::vector<std::string>& electors,
                   const std::string& created_by) {
  assembly::db::exec(tx, kInsertBallot, b.id, b.assembly_id, b.workshop, b.motion_id, b.question,
                     std::string(domain::to_string(b.rule)), b.quorum, b.secret, b.opens_at,
                     b.closes_at, created_by, b.plenary_session_id, b.motion_version,
                     b.show_of_hands);
  assembly::db::exec(tx, kInsertElectors, b.id, text_array(electors));
}

std::optional<Ballot> find_ballot(pqxx::transaction_base& tx, const std::string& id,
                                  bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindBallotForUpdate : kFindBallot, id);
  if (rows.empty()) return std::nullopt;
  return ballot_of(rows[0]);
}

std::vector<Ballot> list_ballots(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Ballot> out;
  for (const auto& r : assembly::db::exec(tx, kListBallots, assembly_id))
    out.push_back(ballot_of(r));
  return out;
}

void close_ballot(pqxx::work& tx, const std::string& id, const domain::Result& result) {
  assembly::db::exec(tx, kCloseBallot, id, result_document(result));
}

bool is_elector(pqxx::transaction_base& tx, const std::string& ballot_id,
                const std::string& member_id) {
  return !assembly::db::exec(tx, kIsElector, ballot_id, member_id).empty();
}

std::vector<std::string> electors(pqxx::transaction_base& tx, const std::string& ballot_id) {
  std::vector<std::string> out;
  for (const auto& r : assembly::db::exec(tx, kElectors, ballot_id))
    out.push_back(r[0].as<std::string>());
  return out;
}

void upsert_open_vote(pqxx::work& tx, const std::string& ballot_id, const std::string& member_id,
                      domain::Choice choice) {
  assembly::db::exec(tx, kUpsertOpenVote, ballot_id, member_id,
                     std::string(domain::to_string(choice)));
}

bool has_secret_voter(pqxx::transaction_base& tx, const std::string& ballot_id,
                      const std::string& member_id) {
  return !assembly::db::exec(tx, kHasSecretVoter, ballot_id, member_id).empty();
}

void insert_secret_vote(pqxx::work& tx, const std::string& ballot_id, const HeldVote& v) {
  assembly::db::exec(tx, kInsertSecretVoter, ballot_id, v.member_id);
  assembly::db::exec(tx, kInsertHeldVote, ballot_id, v.member_id, v.change_tag,
                     pqxx::binarystring(v.sealed.data(), v.sealed.size()));
}

std::optional<HeldVote> held_vote(pqxx::transaction_base& tx, const std::string& ballot_id,
                                  const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kHeldVote, ballot_id, member_id);
  if (rows.empty()) return std::nullopt;
  return held_of(rows[0]);
}

void replace_held_vote(pqxx::work& tx, const std::string& ballot_id, const HeldVote& v) {
  assembly::db::exec(tx, kReplaceHeldVote, ballot_id, v.member_id,
                     pqxx::binarystring(v.sealed.data(), v.sealed.size()));
}

std::vector<HeldVote> held_votes(pqxx::transaction_base& tx, const std::string& ballot_id) {
  std::vector<HeldVote> out;
  for (const auto& r : assembly::db::exec(tx, kHeldVotes, ballot_id)) out.push_back(held_of(r));
  return out;
}

void release_secret_votes(pqxx::work& tx, const std::string& ballot_id,
                          const std::vector<StoredVote>& votes) {
  std::vector<std::string> hashes, choices;
  for (const auto& v : votes) {
    hashes.push_back(v.voter);
    choices.push_back(std::string(domain::to_string(v.choice)));
  }
  if (!votes.empty())
    assembly::db::exec(tx, kReleaseVotes, ballot_id, text_array(hashes), text_array(choices));
  assembly::db::exec(tx, kDropHeldVotes, ballot_id);
}

bool is_counted(pqxx::transaction_base& tx, const std::string& ballot_id,
                const std::string& receipt_hash) {
  return !assembly::db::exec(tx, kIsCounted, ballot_id, receipt_hash).empty();
}

std::vector<StoredVote> stored_votes(pqxx::transaction_base& tx, const Ballot& b) {
  std::vector<StoredVote> out;
  for (const auto& r : tx.exec_params(b.secret ? kSecretVotes : kOpenVotes, b.id))
    out.push_back({r["voter"].as<std::string>(), choice_of(r["choice"])});
  return out;
}

TallyEntry append_tally(pqxx::work& tx, const std::string& ballot_id, const domain::Tally& tally,
                        const std::string& reason, const std::string& recorded_by) {
  return tally_of(tx.exec_params1(kAppendTally, ballot_id, tally.for_votes, tally.against,
                                  tally.abstain, reason, recorded_by));
}

std::vector<TallyEntry> tallies(pqxx::transaction_base& tx, const std::string& ballot_id) {
  std::vector<TallyEntry> out;
  for (const auto& r : assembly::db::exec(tx, kTallies, ballot_id)) out.push_back(tally_of(r));
  return out;
}

std::vector<std::string> secret_voters(pqxx::transaction_base& tx, const std::string& ballot_id) {
  std::vector<std::string> out;
  for (const auto& r : assembly::db::exec(tx, kSecretVoters, ballot_id))
    out.push_back(r["member_id"].as<std::string>());
  return out;
}

std::vector<assembly::service::SealedRow> held_votes_to_reseal(
    pqxx::work& tx, const std::vector<std::string>& after, const std::string& current, int limit) {
  std::vector<assembly::service::SealedRow> out;
  for (const auto& r : tx.exec_params(
           "SELECT ballot_id, member_id, sealed FROM secret_votes_held "
           "WHERE (ballot_id, member_id) > ($1, $2) "
           "AND substring(sealed from 1 for octet_length($3::bytea)) <> $3::bytea "
           "ORDER BY ballot_id, member_id LIMIT $4 FOR UPDATE SKIP LOCKED",
           after.empty() ? std::string() : after[0], after.empty() ? std::string() : after[1],
           assembly::service::as_bytea(current), limit))
    out.push_back(assembly::service::sealed_row(r, 2));
  return out;
}

bool reseal_held_vote(pqxx::work& tx, const assembly::service::SealedRow& row,
                      const std::string& resealed) {
  return tx.exec_params(
               "UPDATE secret_votes_held SET sealed = $3 "
               "WHERE ballot_id = $1 AND member_id = $2 AND sealed = $4",
               row.key[0], row.key[1], assembly::service::as_bytea(resealed),
               assembly::service::as_bytea(row.sealed))
             .affected_rows() == 1;
}

long held_votes_not_under(pqxx::work& tx, const std::string& current) {
  return tx
      .exec_params1(
          "SELECT count(*) FROM secret_votes_held "
          "WHERE substring(sealed from 1 for octet_length($1::bytea)) <> $1::bytea",
          assembly::service::as_bytea(current))[0]
      .as<long>();
}

}  // namespace recommendations::store
