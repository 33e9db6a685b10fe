#include "store/selections.h"

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"
#include "domain/quotas.h"

namespace sortition::store {

using assembly::db::float8_array;
using assembly::db::int_array;
using assembly::db::nullable;
using assembly::db::text_array;

namespace {

using nlohmann::json;

// clang-format off
#define SELECTION_COLUMNS                                                                     \
  "SELECT id, assembly_id, quota_set_id, invitation_draw_ids::text AS invitation_draw_ids, "  \
  "seed_commitment, seed, state, failure, algorithm, input_sha256, result_sha256, "           \
  "to_char(replacement_deadline, 'YYYY-MM-DD') AS replacement_deadline, "                     \
  "coalesce(record::text, 'null') AS record, created_by, "                                    \
  SQL_UTC("created_at") " AS created_at, drawn_by, "                                          \
  SQL_UTC("finished_at") " AS finished_at, requested_algorithm, "                             \
  "coalesce(progress::text, 'null') AS progress, "                                            \
  SQL_UTC("started_at") " AS started_at, "                                                    \
  SQL_UTC("cancel_requested_at") " AS cancel_requested_at, cancelled_by "                     \
  "FROM selections "
// clang-format on

constexpr const char* kFindSelection = SELECTION_COLUMNS "WHERE id = $1";
constexpr const char* kFindSelectionForUpdate = SELECTION_COLUMNS "WHERE id = $1 FOR UPDATE";
#undef SELECTION_COLUMNS
constexpr const char* kSelectionExists = "SELECT 1 FROM selections WHERE id = $1";
constexpr const char* kInsertSelection =
    "INSERT INTO selections (id, assembly_id, quota_set_id, invitation_draw_ids, seed_commitment, "
    "state, replacement_deadline, created_by, requested_algorithm) "
    "VALUES ($1, $2, $3, $4::jsonb, $5, 'committed', NULLIF($6, '')::date, $7, $8)";
constexpr const char* kQueueSelection =
    "UPDATE selections SET state = 'queued', seed = $2, drawn_by = $3, queued_at = now() "
    "WHERE id = $1";
constexpr const char* kInvitationDrawState = "SELECT state FROM invitation_draws WHERE id = $1";
constexpr const char* kDateHasPassed = "SELECT current_date > $1::date AS passed";

// A stalled job asked to stop is not run again: it is cancelled.
constexpr const char* kRequeueStale =
    "UPDATE selections SET state = CASE WHEN cancel_requested_at IS NULL THEN 'queued' "
    "ELSE 'cancelled' END, progress = NULL, "
    "finished_at = CASE WHEN cancel_requested_at IS NULL THEN NULL ELSE now() END "
    "WHERE state = 'running' AND heartbeat_at < now() - $1::interval";
constexpr const char* kNextQueued =
    "SELECT id FROM selections WHERE state = 'queued' ORDER BY queued_at LIMIT 1 "
    "FOR UPDATE SKIP LOCKED";
constexpr const char* kMarkRunning =
    "UPDATE selections SET state = 'running', started_at = now(), heartbeat_at = now(), "
    "progress = NULL WHERE id = $1";
constexpr const char* kRecordProgress =
    "UPDATE selections SET progress = $2::jsonb, heartbeat_at = now() "
    "WHERE id = $1 AND state = 'running' RETURNING cancel_requested_at IS NOT NULL AS cancel";
constexpr const char* kCancelNow =
    "UPDATE selections SET state = 'cancelled', cancel_requested_at = "
    "coalesce(cancel_requested_at, "
    "now()), cancelled_by = coalesce(cancelled_by, $2), progress = NULL, finished_at = now() "
    "WHERE id = $1";
constexpr const char* kRequestCancel =
    "UPDATE selections SET cancel_requested_at = now(), cancelled_by = $2 "
    "WHERE id = $1 AND cancel_requested_at IS NULL";
constexpr const char* kGiveBack =
    "UPDATE selections SET state = 'queued', progress = NULL WHERE id = $1 AND state = 'running'";
constexpr const char* kMarkFailed =
    "UPDATE selections SET state = 'failed', failure = $2, finished_at = now() WHERE id = $1";
constexpr const char* kMarkDone =
    "UPDATE selections SET state = 'done', algorithm = $2, input_sha256 = $3, result_sha256 = $4, "
    "record = $5::jsonb, progress = NULL, finished_at = now() WHERE id = $1";

constexpr const char* kInterestedRespondents =
    "SELECT person_id, pool_kind, household, criteria::text AS criteria FROM respondents "
    "WHERE invitation_draw_id = ANY($1::text[]) AND state = 'interested' ORDER BY person_id";
constexpr const char* kInvitationDrawSummaries =
    "SELECT d.id, p.kind AS pool, p.row_count AS pool_size, d.invited, d.snapshot_sha256, "
    "d.result_sha256, d.seed, "
    "(SELECT count(*) FROM respondents x WHERE x.invitation_draw_id = d.id "
    "AND x.state = 'interested') AS respondents "
    "FROM invitation_draws d JOIN pools p ON p.id = d.pool_id "
    "WHERE d.id = ANY($1::text[]) ORDER BY d.committed_at, d.id";

constexpr const char* kListedPeople =
    "SELECT kind, person_id, pool_kind, seated, left_reason, replaces, probability "
    "FROM selection_people WHERE selection_id = $1 ORDER BY kind, rank";
// Each person's respondent row is the first of theirs in the selection's invitation draws.
constexpr const char* kInsertListedPeople =
    "INSERT INTO selection_people (selection_id, kind, rank, respondent_id, person_id, pool_kind, "
    "probability) "
    "SELECT $1, u.kind, u.rank, r.id, r.person_id, r.pool_kind, u.probability "
    "FROM unnest($2::text[], $3::int[], $4::text[], $5::float8[]) "
    "WITH ORDINALITY AS u(kind, rank, person_id, probability, n) "
    "CROSS JOIN LATERAL (SELECT x.id, x.person_id, x.pool_kind FROM respondents x "
    "WHERE x.person_id = u.person_id AND x.invitation_draw_id = ANY($6::text[]) LIMIT 1) r "
    "ORDER BY u.n";

constexpr const char* kReplacementForEvent = "SELECT id FROM replacements WHERE source_event = $1";
constexpr const char* kFindPanelSeat =
    "SELECT pool_kind, seated FROM selection_people WHERE selection_id = $1 AND kind = 'panel' "
    "AND person_id = $2";
constexpr const char* kUnseat =
    "UPDATE selection_people SET seated = false, left_reason = $3 WHERE selection_id = $1 AND "
    "kind = 'panel' AND person_id = $2";
constexpr const char* kPanelPersonIds =
    "SELECT person_id FROM selection_people WHERE selection_id = $1 AND kind = 'panel'";
constexpr const char* kSeatedPersonIds =
    "SELECT person_id FROM selection_people WHERE selection_id = $1 AND kind = 'panel' AND "
    "seated AND pool_kind = $2";
constexpr const char* kReserveOrder =
    "SELECT person_id FROM selection_people WHERE selection_id = $1 AND kind = 'reserve' "
    "ORDER BY rank";
constexpr const char* kLastReplacementCounter =
    "SELECT coalesce(max(counter), 0) AS counter FROM replacements WHERE selection_id = $1";
constexpr const char* kNextPanelRank =
    "SELECT coalesce(max(rank), -1) + 1 AS rank FROM selection_people WHERE selection_id = $1 "
    "AND kind = 'panel'";
constexpr const char* kInsertReplacementSeat =
    "INSERT INTO selection_people (selection_id, kind, rank, respondent_id, person_id, pool_kind, "
    "replaces) "
    "SELECT $1, 'panel', $2, r.id, r.person_id, r.pool_kind, $4 FROM respondents r "
    "WHERE r.person_id = $3 AND r.invitation_draw_id = ANY($5::text[]) LIMIT 1";
constexpr const char* kInsertReplacement =
    "INSERT INTO replacements (id, selection_id, leaver, replacement, reason, source_event, "
    "quotas_met, message, counter, created_by) "
    "VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), $7, NULLIF($8, ''), $9, $10)";

Selection selection_of(const pqxx::row& r) {
  Selection s;
  s.id = r["id"].as<std::string>();
  s.assembly_id = r["assembly_id"].as<std::string>();
  s.quota_set_id = r["quota_set_id"].as<std::string>();
  s.invitation_draw_ids =
      json::parse(r["invitation_draw_ids"].as<std::string>()).get<std::vector<std::string>>();
  s.seed_commitment = r["seed_commitment"].as<std::string>();
  s.seed = nullable(r["seed"]);
  s.state = *domain::parse_selection_state(r["state"].as<std::string>());
  s.failure = nullable(r["failure"]);
  s.algorithm = nullable(r["algorithm"]);
  s.input_sha256 = nullable(r["input_sha256"]);
  s.result_sha256 = nullable(r["result_sha256"]);
  s.replacement_deadline = nullable(r["replacement_deadline"]);
  s.record = json::parse(r["record"].as<std::string>());
  s.created_by = r["created_by"].as<std::string>();
  s.created_at = r["created_at"].as<std::string>();
  s.drawn_by = nullable(r["drawn_by"]);
  s.finished_at = nullable(r["finished_at"]);
  s.requested_algorithm = r["requested_algorithm"].as<std::string>();
  s.progress = json::parse(r["progress"].as<std::string>());
  s.started_at = nullable(r["started_at"]);
  s.cancel_requested_at = nullable(r["cancel_requested_at"]);
  s.cancelled_by = nullable(r["cancelled_by"]);
  return s;
}

std::vector<std::string> person_ids(const pqxx::result& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r["person_id"].as<std::string>());
  return out;
}

}  // namespace

std::optional<Selection> find_selection(pqxx::transaction_base& tx, const std::string& id,
                                        bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindSelectionForUpdate : kFindSelection, id);
  if (rows.empty()) return std::nullopt;
  return selection_of(rows[0]);
}

bool selection_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !assembly::db::exec(tx, kSelectionExists, id).empty();
}

void insert_selection(pqxx::work& tx, const NewSelection& s) {
  assembly::db::exec(tx, kInsertSelection, s.id, s.assembly_id, s.quota_set_id,
                     json(s.invitation_draw_ids).dump(), s.seed_commitment, s.replacement_deadline,
                     s.created_by, s.requested_algorithm);
}

void queue_selection(pqxx::work& tx, const std::string& id, const std::string& seed,
                     const std::string& drawn_by) {
  assembly::db::exec(tx, kQueueSelection, id, seed, drawn_by);
}

std::optional<std::string> invitation_draw_state(pqxx::transaction_base& tx,
                                                 const std::string& id) {
  auto rows = assembly::db::exec(tx, kInvitationDrawState, id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["state"].as<std::string>();
}

bool date_has_passed(pqxx::transaction_base& tx, const std::string& date) {
  return assembly::db::exec(tx, kDateHasPassed, date)[0]["passed"].as<bool>();
}

void requeue_stale(pqxx::work& tx, const std::string& stale_after) {
  assembly::db::exec(tx, kRequeueStale, stale_after);
}

std::optional<std::string> claim_next(pqxx::work& tx) {
  auto rows = tx.exec(kNextQueued);
  if (rows.empty()) return std::nullopt;
  auto id = rows[0]["id"].as<std::string>();
  assembly::db::exec(tx, kMarkRunning, id);
  return id;
}

bool record_progress(pqxx::work& tx, const std::string& id, const nlohmann::json& progress) {
  auto rows = assembly::db::exec(tx, kRecordProgress, id, progress.dump());
  return !rows.empty() && rows[0]["cancel"].as<bool>();
}

void cancel_now(pqxx::work& tx, const std::string& id, const std::string& by) {
  assembly::db::exec(tx, kCancelNow, id, by);
}

void request_cancel(pqxx::work& tx, const std::string& id, const std::string& by) {
  assembly::db::exec(tx, kRequestCancel, id, by);
}

void give_back(pqxx::work& tx, const std::string& id) {
  assembly::db::exec(tx, kGiveBack, id);
}

void mark_failed(pqxx::work& tx, const std::string& id, const std::string& failure) {
  assembly::db::exec(tx, kMarkFailed, id, failure);
}

void mark_done(pqxx::work& tx, const std::string& id, const std::string& algorithm,
               const std::string& input_sha256, const std::string& result_sha256,
               const nlohmann::json& record) {
  assembly::db::exec(tx, kMarkDone, id, algorithm, input_sha256, result_sha256, record.dump());
}

std::vector<domain::Respondent> interested_respondents(
    pqxx::transaction_base& tx, const std::vector<std::string>& invitation_draw_ids) {
  std::vector<domain::Respondent> out;
  for (const auto& r :
       assembly::db::exec(tx, kInterestedRespondents, text_array(invitation_draw_ids))) {
    domain::Respondent p;
    p.person_id = r["person_id"].as<std::string>();
    p.pool = r["pool_kind"].as<std::string>();
    p.household = r["household"].as<std::string>();
    const auto criteria = json::parse(r["criteria"].as<std::string>());  // outlives items()
    for (const auto& [k, v] : criteria.items()) p.attributes[k] = v.get<std::string>();
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<InvitationDrawSummary> invitation_draw_summaries(
    pqxx::transaction_base& tx, const std::vector<std::string>& invitation_draw_ids) {
  std::vector<InvitationDrawSummary> out;
  for (const auto& r :
       assembly::db::exec(tx, kInvitationDrawSummaries, text_array(invitation_draw_ids))) {
    InvitationDrawSummary d;
    d.id = r["id"].as<std::string>();
    d.pool = r["pool"].as<std::string>();
    d.pool_size = r["pool_size"].as<long long>();
    d.invited = r["invited"].as<long long>();
    d.respondents = r["respondents"].as<long long>();
    d.snapshot_sha256 = r["snapshot_sha256"].as<std::string>();
    d.result_sha256 = r["result_sha256"].as<std::string>();
    d.seed = r["seed"].as<std::string>();
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<ListedPerson> listed_people(pqxx::transaction_base& tx, const std::string& id) {
  std::vector<ListedPerson> out;
  for (const auto& r : assembly::db::exec(tx, kListedPeople, id)) {
    ListedPerson p;
    p.kind = *domain::parse_list_kind(r["kind"].as<std::string>());
    p.person_id = r["person_id"].as<std::string>();
    p.pool = r["pool_kind"].as<std::string>();
    p.seated = r["seated"].as<bool>();
    p.left_reason = nullable(r["left_reason"]);
    p.replaces = nullable(r["replaces"]);
    p.probability = nullable<double>(r["probability"]);
    out.push_back(std::move(p));
  }
  return out;
}

void insert_listed_people(pqxx::work& tx, const std::string& id,
                          const std::vector<std::string>& invitation_draw_ids,
                          const std::vector<NewListedPerson>& people) {
  if (people.empty()) return;
  std::vector<std::string> kinds, persons;
  std::vector<int> ranks;
  std::vector<std::optional<double>> probabilities;
  for (const auto& p : people) {
    kinds.push_back(domain::to_string(p.kind));
    ranks.push_back(p.rank);
    persons.push_back(p.person_id);
    probabilities.push_back(p.probability);
  }
  assembly::db::exec(tx, kInsertListedPeople, id, text_array(kinds), int_array(ranks),
                     text_array(persons), float8_array(probabilities),
                     text_array(invitation_draw_ids));
}

std::optional<std::string> replacement_for_event(pqxx::transaction_base& tx,
                                                 const std::string& source_event) {
  auto rows = assembly::db::exec(tx, kReplacementForEvent, source_event);
  if (rows.empty()) return std::nullopt;
  return rows[0]["id"].as<std::string>();
}

std::optional<PanelSeat> find_panel_seat(pqxx::transaction_base& tx, const std::string& id,
                                         const std::string& person_id) {
  auto rows = assembly::db::exec(tx, kFindPanelSeat, id, person_id);
  if (rows.empty()) return std::nullopt;
  return PanelSeat{rows[0]["pool_kind"].as<std::string>(), rows[0]["seated"].as<bool>()};
}

void unseat(pqxx::work& tx, const std::string& id, const std::string& person_id,
            const std::string& reason) {
  assembly::db::exec(tx, kUnseat, id, person_id, reason);
}

std::vector<std::string> panel_person_ids(pqxx::transaction_base& tx, const std::string& id) {
  return person_ids(assembly::db::exec(tx, kPanelPersonIds, id));
}

std::vector<std::string> seated_person_ids(pqxx::transaction_base& tx, const std::string& id,
                                           const std::string& pool_kind) {
  return person_ids(assembly::db::exec(tx, kSeatedPersonIds, id, pool_kind));
}

std::vector<std::string> reserve_order(pqxx::transaction_base& tx, const std::string& id) {
  return person_ids(assembly::db::exec(tx, kReserveOrder, id));
}

long long last_replacement_counter(pqxx::transaction_base& tx, const std::string& id) {
  return assembly::db::exec(tx, kLastReplacementCounter, id)[0]["counter"].as<long long>();
}

int next_panel_rank(pqxx::transaction_base& tx, const std::string& id) {
  return assembly::db::exec(tx, kNextPanelRank, id)[0]["rank"].as<int>();
}

void insert_replacement_seat(pqxx::work& tx, const std::string& id, int rank,
                             const std::string& person_id, const std::string& replaces,
                             const std::vector<std::string>& invitation_draw_ids) {
  assembly::db::exec(tx, kInsertReplacementSeat, id, rank, person_id, replaces,
                     text_array(invitation_draw_ids));
}

void insert_replacement(pqxx::work& tx, const NewReplacement& r) {
  assembly::db::exec(tx, kInsertReplacement, r.id, r.selection_id, r.leaver, r.replacement,
                     r.reason, r.source_event, r.quotas_met, r.message, r.counter, r.created_by);
}

}  // namespace sortition::store
