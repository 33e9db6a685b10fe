#include "store/commitments.h"

#include <map>

#include "assembly/core/ids.h"
#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace followup::store {

using assembly::db::text_array;

namespace {

constexpr const char* kDossierCarrying =
    "SELECT d.id AS dossier_id, d.assembly_id, coalesce(a.decision, '') AS decision "
    "FROM dossier_recommendations dr JOIN dossiers d ON d.id = dr.dossier_id "
    "LEFT JOIN agenda_items a ON a.dossier_id = d.id WHERE dr.recommendation_id = $1";
constexpr const char* kInsertCommitment =
    "INSERT INTO commitments (id, assembly_id, dossier_id, recommendation_id, title, "
    "description, department, elected_official, deliverables, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)";
constexpr const char* kSetStatusReason = "UPDATE commitments SET status_reason = $2 WHERE id = $1";
constexpr const char* kAddMilestone =
    "INSERT INTO milestones (id, commitment_id, title, due_on) VALUES ($1, $2, $3, $4)";
constexpr const char* kAddMilestones =
    "INSERT INTO milestones (id, commitment_id, title, due_on) "
    "SELECT i, $1, t, d FROM unnest($2::text[], $3::text[], $4::date[]) AS m(i, t, d)";
constexpr const char* kLockMilestone =
    "SELECT title, due_on::text AS due_on, done_on IS NOT NULL AS done FROM milestones "
    "WHERE id = $1 AND commitment_id = $2 FOR UPDATE";
constexpr const char* kMarkMilestoneDone = "UPDATE milestones SET done_on = $2 WHERE id = $1";
constexpr const char* kMoveMilestone =
    "UPDATE milestones SET due_on = $2, overdue_flagged_at = NULL WHERE id = $1";
constexpr const char* kAddEvidence =
    "INSERT INTO evidence (commitment_id, seq, url, label, added_by) VALUES "
    "($1, (SELECT coalesce(max(seq), 0) + 1 FROM evidence WHERE commitment_id = $1), $2, $3, $4)";
constexpr const char* kMilestonesToFlag =
    "SELECT m.id, m.title, m.due_on::text AS due_on, c.id AS commitment_id, c.assembly_id, "
    "c.department FROM milestones m JOIN commitments c ON c.id = m.commitment_id "
    "WHERE m.done_on IS NULL AND m.overdue_flagged_at IS NULL "
    "AND m.due_on < $1::date ORDER BY m.due_on FOR UPDATE OF m SKIP LOCKED";
constexpr const char* kFlagMilestoneOverdue =
    "UPDATE milestones SET overdue_flagged_at = now() WHERE id = $1";

#define FIND_COMMITMENT                                                                        \
  "SELECT c.id, c.assembly_id, c.dossier_id, d.motion_id, c.recommendation_id, c.department, " \
  "c.status, c.progress FROM commitments c JOIN dossiers d ON d.id = c.dossier_id "            \
  "WHERE c.id = $1"
constexpr const char* kFindCommitment = FIND_COMMITMENT;
constexpr const char* kFindCommitmentForUpdate = FIND_COMMITMENT " FOR UPDATE OF c";
#undef FIND_COMMITMENT
constexpr const char* kRecordChange =
    "INSERT INTO commitment_changes (commitment_id, seq, actor, kind, status, progress, note) "
    "VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM commitment_changes "
    "WHERE commitment_id = $1), $2, $3, $4, $5, $6)";
constexpr const char* kSetState =
    "UPDATE commitments SET status = $2, progress = $3, updated_at = now() WHERE id = $1";

#define COMMITMENT_VIEW \
  "SELECT c.id, c.assembly_id, c.dossier_id, d.motion_id, d.title AS motion_title, "            \
  "c.recommendation_id, coalesce(r.title, '') AS recommendation_title, c.title, "               \
  "c.description, c.department, c.elected_official, c.deliverables::text AS deliverables, "     \
  "c.status, c.progress, c.status_reason, " SQL_UTC("c.created_at") " AS created_at, " SQL_UTC( \
      "c.updated_at") " AS updated_at, "                                                        \
                      "(SELECT count(*) FROM milestones m WHERE m.commitment_id = c.id) "       \
                      "AS milestones_total, "                                                   \
                      "(SELECT count(*) FROM milestones m WHERE m.commitment_id = c.id AND "    \
                      "m.done_on IS NULL AND m.due_on < " SQL_TODAY ") AS milestones_overdue "      \
                      "FROM commitments c JOIN dossiers d ON d.id = c.dossier_id "              \
                      "LEFT JOIN recommendations r ON r.id = c.recommendation_id "
constexpr const char* kCommitmentView = COMMITMENT_VIEW "WHERE c.id = $1";
constexpr const char* kCommitmentViewsOf =
    COMMITMENT_VIEW "WHERE c.assembly_id = $1 ORDER BY d.theme, c.created_at, c.id";
#undef COMMITMENT_VIEW
#define MILESTONE_VIEW                                                      \
  "SELECT m.commitment_id, m.id, m.title, m.due_on::text AS due_on, "       \
  "m.done_on::text AS done_on, m.done_on IS NULL AND m.due_on < " SQL_TODAY \
  " AS overdue "                                                            \
  "FROM milestones m "
constexpr const char* kMilestonesOf =
    MILESTONE_VIEW "WHERE m.commitment_id = $1 ORDER BY m.due_on, m.title";
constexpr const char* kMilestonesOfAssembly = MILESTONE_VIEW
    "JOIN commitments c ON c.id = m.commitment_id WHERE c.assembly_id = $1 "
    "ORDER BY m.commitment_id, m.due_on, m.title";
#undef MILESTONE_VIEW
#define TIMELINE_VIEW \
  "SELECT t.commitment_id, t.seq, " SQL_UTC("t.at") " AS at, t.kind, t.status, t.progress, "   \
                                                    "t.note FROM commitment_changes t "
constexpr const char* kTimelineOf = TIMELINE_VIEW "WHERE t.commitment_id = $1 ORDER BY t.seq";
constexpr const char* kTimelineOfAssembly = TIMELINE_VIEW
    "JOIN commitments c ON c.id = t.commitment_id WHERE c.assembly_id = $1 "
    "ORDER BY t.commitment_id, t.seq";
#undef TIMELINE_VIEW
#define EVIDENCE_VIEW \
  "SELECT e.commitment_id, e.url, e.label, " SQL_UTC("e.added_at") " AS added_at FROM evidence e "
constexpr const char* kEvidenceOf = EVIDENCE_VIEW "WHERE e.commitment_id = $1 ORDER BY e.seq";
constexpr const char* kEvidenceOfAssembly = EVIDENCE_VIEW
    "JOIN commitments c ON c.id = e.commitment_id WHERE c.assembly_id = $1 "
    "ORDER BY e.commitment_id, e.seq";
#undef EVIDENCE_VIEW
constexpr const char* kRecordTimelines =
    "SELECT t.commitment_id, " SQL_UTC("t.at") " AS at, t.status, t.progress "
    "FROM commitment_changes t JOIN commitments c ON c.id = t.commitment_id "
    "WHERE c.assembly_id = $1 ORDER BY t.commitment_id, t.seq";
constexpr const char* kRecordMilestones =
    "SELECT m.commitment_id, m.id, m.title, m.due_on::text AS due_on, "
    "coalesce(m.done_on::text, '') AS done_on, m.created_on::text AS created_on "
    "FROM milestones m JOIN commitments c ON c.id = m.commitment_id WHERE c.assembly_id = $1";

domain::CommitmentState state_of(const pqxx::field& status, const pqxx::field& progress) {
  return {
      domain::parse_status(status.as<std::string>()).value_or(domain::CommitmentStatus::planned),
      progress.as<int>()};
}

CommitmentView view_from(const pqxx::row& r) {
  CommitmentView c;
  c.id = r["id"].as<std::string>();
  c.assembly_id = r["assembly_id"].as<std::string>();
  c.dossier_id = r["dossier_id"].as<std::string>();
  c.motion_id = r["motion_id"].as<std::string>();
  c.motion_title = r["motion_title"].as<std::string>();
  c.recommendation_id = r["recommendation_id"].as<std::string>();
  c.recommendation_title = r["recommendation_title"].as<std::string>();
  c.title = r["title"].as<std::string>();
  c.description = r["description"].as<std::string>();
  c.department = r["department"].as<std::string>();
  c.elected_official = r["elected_official"].as<std::string>();
  c.deliverables_json = r["deliverables"].as<std::string>();
  const auto state = state_of(r["status"], r["progress"]);
  c.status = state.status;
  c.progress = state.progress;
  c.status_reason = r["status_reason"].as<std::string>();
  c.created_at = r["created_at"].as<std::string>();
  c.updated_at = r["updated_at"].as<std::string>();
  c.milestones_total = r["milestones_total"].as<int>();
  c.milestones_overdue = r["milestones_overdue"].as<int>();
  return c;
}

MilestoneView milestone_from(const pqxx::row& r) {
  MilestoneView m{r["id"].as<std::string>(), r["title"].as<std::string>(),
                  r["due_on"].as<std::string>(), std::nullopt, r["overdue"].as<bool>()};
  if (!r["done_on"].is_null()) m.done_on = r["done_on"].as<std::string>();
  return m;
}

TimelineLine line_from(const pqxx::row& r) {
  const auto state = state_of(r["status"], r["progress"]);
  return {r["seq"].as<int>(), r["at"].as<std::string>(),  r["kind"].as<std::string>(), state.status,
          state.progress,     r["note"].as<std::string>()};
}

EvidenceLink evidence_from(const pqxx::row& r) {
  return {r["url"].as<std::string>(), r["label"].as<std::string>(),
          r["added_at"].as<std::string>()};
}
}  // namespace

std::optional<CommitmentRow> find_commitment(pqxx::transaction_base& tx, const std::string& id,
                                             bool lock) {
  auto rows = assembly::db::exec(tx, lock ? kFindCommitmentForUpdate : kFindCommitment, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return CommitmentRow{r["id"].as<std::string>(),
                       r["assembly_id"].as<std::string>(),
                       r["dossier_id"].as<std::string>(),
                       r["motion_id"].as<std::string>(),
                       r["recommendation_id"].as<std::string>(),
                       r["department"].as<std::string>(),
                       state_of(r["status"], r["progress"])};
}

void record_change(pqxx::work& tx, const std::string& commitment_id, const std::string& actor,
                   const std::string& kind, const domain::CommitmentState& state,
                   const std::string& note) {
  assembly::db::exec(tx, kRecordChange, commitment_id, actor, kind, domain::to_string(state.status),
                     state.progress, note);
  assembly::db::exec(tx, kSetState, commitment_id, domain::to_string(state.status), state.progress);
}

std::optional<CommitmentView> commitment_view(pqxx::transaction_base& tx, const std::string& id,
                                              bool full) {
  auto rows = assembly::db::exec(tx, kCommitmentView, id);
  if (rows.empty()) return std::nullopt;
  auto c = view_from(rows[0]);
  c.full = full;
  for (const auto& m : assembly::db::exec(tx, kMilestonesOf, id))
    c.milestones.push_back(milestone_from(m));
  if (!full) return c;
  for (const auto& t : assembly::db::exec(tx, kTimelineOf, id)) c.timeline.push_back(line_from(t));
  for (const auto& e : assembly::db::exec(tx, kEvidenceOf, id))
    c.evidence.push_back(evidence_from(e));
  return c;
}

std::vector<CommitmentView> commitment_views_of(pqxx::transaction_base& tx,
                                                const std::string& assembly_id, bool full) {
  std::vector<CommitmentView> out;
  std::map<std::string, std::size_t> at;
  for (const auto& r : assembly::db::exec(tx, kCommitmentViewsOf, assembly_id)) {
    at[r["id"].as<std::string>()] = out.size();
    out.push_back(view_from(r));
    out.back().full = full;
  }
  if (out.empty()) return out;
  auto each = [&](const char* sql, auto add) {
    for (const auto& r : tx.exec_params(sql, assembly_id)) {
      auto it = at.find(r["commitment_id"].as<std::string>());
      if (it != at.end()) add(out[it->second], r);
    }
  };
  each(kMilestonesOfAssembly,
       [](CommitmentView& c, const pqxx::row& r) { c.milestones.push_back(milestone_from(r)); });
  if (!full) return out;
  each(kTimelineOfAssembly,
       [](CommitmentView& c, const pqxx::row& r) { c.timeline.push_back(line_from(r)); });
  each(kEvidenceOfAssembly,
       [](CommitmentView& c, const pqxx::row& r) { c.evidence.push_back(evidence_from(r)); });
  return out;
}

std::vector<domain::CommitmentRecord> records_of(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id) {
  std::vector<domain::CommitmentRecord> out;
  std::map<std::string, std::size_t> at;
  for (const auto& c : commitment_views_of(tx, assembly_id, false)) {
    at[c.id] = out.size();
    out.push_back({c.id,
                   c.motion_id,
                   c.motion_title,
                   c.recommendation_id,
                   c.recommendation_title,
                   c.title,
                   c.department,
                   c.elected_official,
                   {},
                   {}});
  }
  if (out.empty()) return out;
  for (const auto& t : assembly::db::exec(tx, kRecordTimelines, assembly_id))
    if (auto it = at.find(t["commitment_id"].as<std::string>()); it != at.end())
      out[it->second].timeline.push_back(
          {t["at"].as<std::string>(), state_of(t["status"], t["progress"])});
  for (const auto& m : assembly::db::exec(tx, kRecordMilestones, assembly_id))
    if (auto it = at.find(m["commitment_id"].as<std::string>()); it != at.end())
      out[it->second].milestones.push_back(
          {m["id"].as<std::string>(), m["title"].as<std::string>(), m["due_on"].as<std::string>(),
           m["done_on"].as<std::string>(), m["created_on"].as<std::string>()});
  return out;
}

std::optional<CarryingDossier> dossier_carrying(pqxx::transaction_base& tx,
                                                const std::string& recommendation_id) {
  auto rows = assembly::db::exec(tx, kDossierCarrying, recommendation_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return CarryingDossier{r["dossier_id"].as<std::string>(), r["assembly_id"].as<std::string>(),
                         r["decision"].as<std::string>()};
}

void insert_commitment(pqxx::work& tx, const NewCommitment& c) {
  assembly::db::exec(tx, kInsertCommitment, c.id, c.assembly_id, c.dossier_id, c.recommendation_id,
                     c.title, c.description, c.department, c.elected_official, c.deliverables_json,
                     c.created_by);
}

void set_status_reason(pqxx::work& tx, const std::string& id, const std::string& reason) {
  assembly::db::exec(tx, kSetStatusReason, id, reason);
}

std::string add_milestone(pqxx::work& tx, const std::string& commitment_id,
                          const std::string& title, const std::string& due_on) {
  auto id = assembly::core::new_uuid();
  assembly::db::exec(tx, kAddMilestone, id, commitment_id, title, due_on);
  return id;
}

void add_milestones(pqxx::work& tx, const std::string& commitment_id,
                    const std::vector<std::string>& titles,
                    const std::vector<std::string>& due_ons) {
  if (titles.empty()) return;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < titles.size(); ++i) ids.push_back(assembly::core::new_uuid());
  assembly::db::exec(tx, kAddMilestones, commitment_id, text_array(ids), text_array(titles),
                     text_array(due_ons));
}

std::optional<MilestoneRow> lock_milestone(pqxx::work& tx, const std::string& id,
                                           const std::string& commitment_id) {
  auto rows = assembly::db::exec(tx, kLockMilestone, id, commitment_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return MilestoneRow{r["title"].as<std::string>(), r["due_on"].as<std::string>(),
                      r["done"].as<bool>()};
}

void mark_milestone_done(pqxx::work& tx, const std::string& id, const std::string& done_on) {
  assembly::db::exec(tx, kMarkMilestoneDone, id, done_on);
}

void move_milestone(pqxx::work& tx, const std::string& id, const std::string& due_on) {
  assembly::db::exec(tx, kMoveMilestone, id, due_on);
}

void add_evidence(pqxx::work& tx, const std::string& commitment_id, const std::string& url,
                  const std::string& label, const std::string& actor) {
  assembly::db::exec(tx, kAddEvidence, commitment_id, url, label, actor);
}

std::vector<OverdueMilestoneRow> milestones_to_flag(pqxx::work& tx, const std::string& today) {
  std::vector<OverdueMilestoneRow> out;
  for (const auto& r : assembly::db::exec(tx, kMilestonesToFlag, today))
    out.push_back(
        {{r["id"].as<std::string>(), r["title"].as<std::string>(), r["due_on"].as<std::string>()},
         r["commitment_id"].as<std::string>(),
         r["assembly_id"].as<std::string>(),
         r["department"].as<std::string>()});
  return out;
}

void flag_milestone_overdue(pqxx::work& tx, const std::string& id) {
  assembly::db::exec(tx, kFlagMilestoneOverdue, id);
}

}  // namespace followup::store
