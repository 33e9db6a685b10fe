#include "store/commitments.h"

#include "assembly/db/sql_time.h"

namespace followup::store {
using nlohmann::json;

namespace {
domain::CommitmentState state_of(const pqxx::field& status, const pqxx::field& progress) {
  return {
      domain::parse_status(status.as<std::string>()).value_or(domain::CommitmentStatus::planned),
      progress.as<int>()};
}
json or_null(const pqxx::field& f) {
  return f.is_null() ? json() : json(f.as<std::string>());
}
}  // namespace

std::optional<CommitmentRow> find_commitment(pqxx::transaction_base& tx, const std::string& id,
                                             bool lock) {
  auto rows = tx.exec_params(
      std::string(
          "SELECT c.id, c.assembly_id, c.dossier_id, d.motion_id, c.recommendation_id, "
          "c.department, c.status, "
          "c.progress FROM commitments c JOIN dossiers d ON d.id = c.dossier_id WHERE c.id = $1") +
          (lock ? " FOR UPDATE OF c" : ""),
      id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return CommitmentRow{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                       r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
                       state_of(r[6], r[7])};
}

void record_change(pqxx::work& tx, const std::string& commitment_id, const std::string& actor,
                   const std::string& kind, const domain::CommitmentState& state,
                   const std::string& note) {
  tx.exec_params(
      "INSERT INTO commitment_changes (commitment_id, seq, actor, kind, status, progress, note) "
      "VALUES "
      "($1, (SELECT coalesce(max(seq), 0) + 1 FROM commitment_changes WHERE commitment_id = $1), "
      "$2, $3, $4, $5, $6)",
      commitment_id, actor, kind, domain::to_string(state.status), state.progress, note);
  tx.exec_params(
      "UPDATE commitments SET status = $2, progress = $3, updated_at = now() WHERE id = $1",
      commitment_id, domain::to_string(state.status), state.progress);
}

json commitment_json(pqxx::transaction_base& tx, const std::string& id, bool full) {
  auto rows = tx.exec_params(
      "SELECT c.id, c.assembly_id, c.dossier_id, d.motion_id, d.title, c.recommendation_id, coalesce(r.title, ''), c.title, "
      "c.description, c.department, c.elected_official, c.deliverables::text, c.status, c.progress, c.status_reason, " SQL_UTC("c.created_at") ", "
      SQL_UTC("c.updated_at") ", (SELECT count(*) FROM milestones m WHERE m.commitment_id = c.id), "
      "(SELECT count(*) FROM milestones m WHERE m.commitment_id = c.id AND m.done_on IS NULL AND m.due_on < (now() AT TIME ZONE 'UTC')::date) "
      "FROM commitments c JOIN dossiers d ON d.id = c.dossier_id LEFT JOIN recommendations r ON r.id = c.recommendation_id WHERE c.id = $1",
      id);
  if (rows.empty()) throw std::runtime_error("no commitment " + id);
  const auto& r = rows[0];
  json out = {{"id", r[0].as<std::string>()},
              {"assembly_id", r[1].as<std::string>()},
              {"dossier_id", r[2].as<std::string>()},
              {"motion_id", r[3].as<std::string>()},
              {"motion_title", r[4].as<std::string>()},
              {"recommendation_id", r[5].as<std::string>()},
              {"recommendation_title", r[6].as<std::string>()},
              {"title", r[7].as<std::string>()},
              {"description", r[8].as<std::string>()},
              {"department", r[9].as<std::string>()},
              {"elected_official", r[10].as<std::string>()},
              {"deliverables", json::parse(r[11].as<std::string>())},
              {"status", r[12].as<std::string>()},
              {"progress", r[13].as<int>()},
              {"status_reason", r[14].as<std::string>()},
              {"created_at", r[15].as<std::string>()},
              {"updated_at", r[16].as<std::string>()},
              {"milestones_total", r[17].as<int>()},
              {"milestones_overdue", r[18].as<int>()}};
  json milestones = json::array();
  for (const auto& m : tx.exec_params(
           "SELECT id, title, due_on::text, done_on::text, "
           "done_on IS NULL AND due_on < (now() AT TIME ZONE 'UTC')::date FROM milestones "
           "WHERE commitment_id = $1 ORDER BY due_on, title",
           id))
    milestones.push_back({{"id", m[0].as<std::string>()},
                          {"title", m[1].as<std::string>()},
                          {"due_on", m[2].as<std::string>()},
                          {"done_on", or_null(m[3])},
                          {"overdue", m[4].as<bool>()}});
  out["milestones"] = milestones;
  if (!full) return out;
  json timeline = json::array(), evidence = json::array();
  for (const auto& c : tx.exec_params(
           "SELECT seq, " SQL_UTC("at") ", kind, status, progress, note FROM commitment_changes "
                                        "WHERE commitment_id = $1 ORDER BY seq",
           id))
    timeline.push_back({{"seq", c[0].as<int>()},
                        {"at", c[1].as<std::string>()},
                        {"change", c[2].as<std::string>()},
                        {"status", c[3].as<std::string>()},
                        {"progress", c[4].as<int>()},
                        {"note", c[5].as<std::string>()}});
  for (const auto& e :
       tx.exec_params("SELECT url, label, " SQL_UTC(
                          "added_at") " FROM evidence WHERE commitment_id = $1 ORDER BY seq",
                      id))
    evidence.push_back({{"url", e[0].as<std::string>()},
                        {"label", e[1].as<std::string>()},
                        {"added_at", e[2].as<std::string>()}});
  out["timeline"] = timeline;
  out["evidence"] = evidence;
  return out;
}

std::vector<std::string> commitments_of(pqxx::transaction_base& tx,
                                        const std::string& assembly_id) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_params("SELECT c.id FROM commitments c JOIN dossiers d ON d.id = "
                                      "c.dossier_id WHERE c.assembly_id = $1 "
                                      "ORDER BY d.theme, c.created_at, c.id",
                                      assembly_id))
    out.push_back(r[0].as<std::string>());
  return out;
}

std::vector<domain::CommitmentRecord> records_of(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id) {
  std::vector<domain::CommitmentRecord> out;
  for (const auto& id : commitments_of(tx, assembly_id)) {
    auto c = commitment_json(tx, id, false);
    domain::CommitmentRecord rec{id,
                                 c["motion_id"],
                                 c["motion_title"],
                                 c["recommendation_id"],
                                 c["recommendation_title"],
                                 c["title"],
                                 c["department"],
                                 c["elected_official"],
                                 {},
                                 {}};
    for (const auto& t :
         tx.exec_params("SELECT " SQL_UTC("at") ", status, progress FROM commitment_changes WHERE "
                                                "commitment_id = $1 ORDER BY seq",
                        id))
      rec.timeline.push_back({t[0].as<std::string>(), state_of(t[1], t[2])});
    for (const auto& m : tx.exec_params("SELECT id, title, due_on::text, coalesce(done_on::text, "
                                        "''), created_on::text FROM milestones "
                                        "WHERE commitment_id = $1",
                                        id))
      rec.milestones.push_back({m[0].as<std::string>(), m[1].as<std::string>(),
                                m[2].as<std::string>(), m[3].as<std::string>(),
                                m[4].as<std::string>()});
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace followup::store
