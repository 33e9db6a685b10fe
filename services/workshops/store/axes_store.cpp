#include "store/axes_store.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"

namespace workshops::store {

using assembly::db::nullable;
using assembly::db::text_array;

namespace {

constexpr const char* kInsertProposal =
    "INSERT INTO axis_proposals (id, workshop_id, title, text, proposer_kind, proposed_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kProposalColumns =
    "SELECT id, workshop_id, title, text, proposer_kind, " SQL_UTC(
        "proposed_at") " AS proposed_at FROM axis_proposals ";
const std::string kFindProposal = std::string(kProposalColumns) + "WHERE id = $1";
const std::string kProposals =
    std::string(kProposalColumns) + "WHERE workshop_id = $1 ORDER BY seq";

constexpr const char* kChoiceColumns =
    "SELECT workshop_id, seats, state, " SQL_UTC("opened_at") " AS opened_at, " SQL_UTC(
        "closed_at") " AS closed_at, chosen_on::text AS chosen_on, result::text AS result "
                     "FROM axes_choices WHERE workshop_id = $1";
const std::string kFindChoiceForUpdate = std::string(kChoiceColumns) + " FOR UPDATE";
constexpr const char* kOpenChoice =
    "INSERT INTO axes_choices (workshop_id, seats, opened_by) VALUES ($1, $2, $3) "
    "ON CONFLICT (workshop_id) DO NOTHING";
constexpr const char* kCloseChoice =
    "UPDATE axes_choices SET state = 'closed', closed_at = now(), closed_by = $4, "
    "chosen_on = $2::date, result = $3::jsonb WHERE workshop_id = $1";

constexpr const char* kPutBallot =
    "INSERT INTO axis_ballots (workshop_id, member_id, proposal_ids) VALUES ($1, $2, $3::text[]) "
    "ON CONFLICT (workshop_id, member_id) DO UPDATE SET proposal_ids = EXCLUDED.proposal_ids, "
    "cast_at = now()";
constexpr const char* kBallotColumns =
    "SELECT member_id, array_to_string(proposal_ids, ',') AS proposal_ids, " SQL_UTC(
        "cast_at") " AS cast_at FROM axis_ballots WHERE workshop_id = $1 ";
const std::string kFindBallot = std::string(kBallotColumns) + "AND member_id = $2";
const std::string kBallots = std::string(kBallotColumns) + "ORDER BY member_id";

constexpr const char* kInsertCorrection =
    "INSERT INTO axes_corrections (workshop_id, reason, chosen_on, titles, corrected_by) "
    "VALUES ($1, $2, $3::date, $4::text[], $5)";
constexpr const char* kCorrections =
    "SELECT reason, chosen_on::text AS chosen_on, array_to_json(titles)::text AS titles, " SQL_UTC(
        "corrected_at") " AS corrected_at FROM axes_corrections WHERE workshop_id = $1 ORDER BY id";

template <typename T>
T parsed(std::optional<T> value, const pqxx::field& f) {
  if (!value) throw std::runtime_error("unknown stored value " + f.as<std::string>());
  return *value;
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

AxisProposal proposal_of(const pqxx::row& r) {
  return {
      r["id"].as<std::string>(),
      r["workshop_id"].as<std::string>(),
      r["title"].as<std::string>(),
      r["text"].as<std::string>(),
      parsed(domain::parse_proposer_kind(r["proposer_kind"].as<std::string>()), r["proposer_kind"]),
      r["proposed_at"].as<std::string>()};
}

}  // namespace

void insert_proposal(pqxx::work& tx, const AxisProposal& p, const std::string& by) {
  assembly::db::exec(tx, kInsertProposal, p.id, p.workshop_id, p.title, p.text,
                     std::string(domain::to_string(p.proposer)), by);
}

std::optional<AxisProposal> find_proposal(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindProposal, id);
  if (rows.empty()) return std::nullopt;
  return proposal_of(rows[0]);
}

std::vector<AxisProposal> proposals(pqxx::transaction_base& tx, const std::string& workshop_id) {
  std::vector<AxisProposal> out;
  for (const auto& r : assembly::db::exec(tx, kProposals, workshop_id))
    out.push_back(proposal_of(r));
  return out;
}

std::optional<AxesChoice> find_choice(pqxx::transaction_base& tx, const std::string& workshop_id,
                                      bool for_update) {
  auto rows =
      tx.exec_params(for_update ? kFindChoiceForUpdate : std::string(kChoiceColumns), workshop_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return AxesChoice{
      r["workshop_id"].as<std::string>(),
      r["seats"].as<int>(),
      parsed(domain::parse_axes_choice_state(r["state"].as<std::string>()), r["state"]),
      r["opened_at"].as<std::string>(),
      nullable<std::string>(r["closed_at"]),
      nullable<std::string>(r["chosen_on"]),
      nullable<std::string>(r["result"])};
}

bool open_choice(pqxx::work& tx, const std::string& workshop_id, int seats, const std::string& by) {
  return assembly::db::exec(tx, kOpenChoice, workshop_id, seats, by).affected_rows() == 1;
}

void close_choice(pqxx::work& tx, const std::string& workshop_id, const std::string& chosen_on,
                  const std::string& result_json, const std::string& by) {
  assembly::db::exec(tx, kCloseChoice, workshop_id, chosen_on, result_json, by);
}

void put_ballot(pqxx::work& tx, const std::string& workshop_id, const std::string& member_id,
                const std::vector<std::string>& proposal_ids) {
  assembly::db::exec(tx, kPutBallot, workshop_id, member_id, text_array(proposal_ids));
}

std::optional<StoredBallot> find_ballot(pqxx::transaction_base& tx, const std::string& workshop_id,
                                        const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kFindBallot, workshop_id, member_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return StoredBallot{
      {r["member_id"].as<std::string>(), split_ids(r["proposal_ids"].as<std::string>())},
      r["cast_at"].as<std::string>()};
}

std::vector<domain::AxisBallot> ballots(pqxx::transaction_base& tx,
                                        const std::string& workshop_id) {
  std::vector<domain::AxisBallot> out;
  for (const auto& r : assembly::db::exec(tx, kBallots, workshop_id))
    out.push_back(
        {r["member_id"].as<std::string>(), split_ids(r["proposal_ids"].as<std::string>())});
  return out;
}

void insert_correction(pqxx::work& tx, const std::string& workshop_id, const std::string& reason,
                       const std::string& chosen_on, const std::vector<std::string>& titles,
                       const std::string& by) {
  assembly::db::exec(tx, kInsertCorrection, workshop_id, reason, chosen_on, text_array(titles), by);
}

std::vector<AxesCorrection> corrections(pqxx::transaction_base& tx,
                                        const std::string& workshop_id) {
  std::vector<AxesCorrection> out;
  for (const auto& r : assembly::db::exec(tx, kCorrections, workshop_id))
    out.push_back(
        {r["reason"].as<std::string>(), r["chosen_on"].as<std::string>(),
         r["corrected_at"].as<std::string>(),
         nlohmann::json::parse(r["titles"].as<std::string>()).get<std::vector<std::string>>()});
  return out;
}

}  // namespace workshops::store
