#include "store/invitations.h"

#include <pqxx/tablewriter>

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"

namespace sortition::store {

using assembly::db::int_array;
using assembly::db::nullable;

namespace {

using nlohmann::json;

// clang-format off
#define DRAW_COLUMNS                                                                   \
  "SELECT id, assembly_id, pool_id, invited, coalesce(stratify_by, '') AS stratify_by, " \
  "seed_commitment, state, seed, algorithm, snapshot_sha256, result_sha256, "          \
  "coalesce(strata::text, 'null') AS strata, server_ms, committed_by, "                \
  SQL_UTC("committed_at") " AS committed_at, drawn_by, "                               \
  SQL_UTC("drawn_at") " AS drawn_at, "                                                \
  SQL_UTC("answers_closed_at") " AS answers_closed_at, "                               \
  "(SELECT json_build_object("                                                          \
  "'interested', count(*) FILTER (WHERE r.state = 'interested'), "                    \
  "'withdrawn', count(*) FILTER (WHERE r.state = 'withdrawn'), "                      \
  "'declined', count(*) FILTER (WHERE r.state = 'declined'))::text "                  \
  "FROM respondents r WHERE r.invitation_draw_id = invitation_draws.id) AS answers "   \
  "FROM invitation_draws "
// clang-format on

constexpr const char* kFindDraw = DRAW_COLUMNS "WHERE id = $1";
constexpr const char* kFindDrawForUpdate = DRAW_COLUMNS "WHERE id = $1 FOR UPDATE";
constexpr const char* kListDraws = DRAW_COLUMNS "WHERE assembly_id = $1 ORDER BY committed_at, id";
#undef DRAW_COLUMNS
constexpr const char* kInsertDraw =
    "INSERT INTO invitation_draws (id, assembly_id, pool_id, invited, stratify_by, "
    "seed_commitment, state, algorithm, committed_by) "
    "VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, 'committed', $7, $8)";
constexpr const char* kMarkDrawn =
    "UPDATE invitation_draws SET state = 'drawn', seed = $2, snapshot_sha256 = $3, "
    "result_sha256 = $4, strata = $5::jsonb, server_ms = $6, drawn_by = $7, drawn_at = now() "
    "WHERE id = $1";
constexpr const char* kCloseAnswers =
    "UPDATE invitation_draws SET answers_closed_at = now() WHERE id = $1 "
    "AND answers_closed_at IS NULL";
constexpr const char* kPoolSummary =
    "SELECT state, coalesce(row_count, 0) AS row_count, coalesce(snapshot_sha256, '') AS "
    "snapshot_sha256 FROM pools "
    "WHERE id = $1";
constexpr const char* kPersonIdsAt =
    "SELECT position, person_id FROM pool_people WHERE pool_id = $1 AND position = ANY($2::int[])";
constexpr const char* kInviteeIds =
    "SELECT person_id, rank FROM invitations WHERE draw_id = $1 AND rank > $2 ORDER BY rank "
    "LIMIT $3";
constexpr const char* kMailingRows =
    "SELECT i.person_id, i.rank, i.pool_id, i.position, p.pii, p.arrondissement FROM invitations i "
    "JOIN pool_people p ON p.pool_id = i.pool_id AND p.position = i.position "
    "WHERE i.draw_id = $1 AND i.rank > $2 ORDER BY i.rank LIMIT $3";
constexpr const char* kRecordPiiRead =
    "INSERT INTO pii_reads (actor, purpose, subject, row_count) VALUES ($1, $2, $3, $4)";

InvitationDraw draw_of(const pqxx::row& r) {
  InvitationDraw d;
  d.id = r["id"].as<std::string>();
  d.assembly_id = r["assembly_id"].as<std::string>();
  d.pool_id = r["pool_id"].as<std::string>();
  d.invited = r["invited"].as<int>();
  d.stratify_by = r["stratify_by"].as<std::string>();
  d.seed_commitment = r["seed_commitment"].as<std::string>();
  d.state = *domain::parse_invitation_draw_state(r["state"].as<std::string>());
  d.seed = nullable(r["seed"]);
  d.algorithm = r["algorithm"].as<std::string>();
  d.snapshot_sha256 = nullable(r["snapshot_sha256"]);
  d.result_sha256 = nullable(r["result_sha256"]);
  d.strata = json::parse(r["strata"].as<std::string>());
  d.server_ms = nullable<double>(r["server_ms"]);
  d.committed_by = r["committed_by"].as<std::string>();
  d.committed_at = r["committed_at"].as<std::string>();
  d.drawn_by = nullable(r["drawn_by"]);
  d.drawn_at = nullable(r["drawn_at"]);
  d.answers_closed_at = nullable(r["answers_closed_at"]);
  d.answers = json::parse(r["answers"].as<std::string>());
  return d;
}

}  // namespace

std::optional<InvitationDraw> find_invitation_draw(pqxx::transaction_base& tx,
                                                   const std::string& id, bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindDrawForUpdate : kFindDraw, id);
  if (rows.empty()) return std::nullopt;
  return draw_of(rows[0]);
}

std::vector<InvitationDraw> list_invitation_draws(pqxx::transaction_base& tx,
                                                  const std::string& assembly_id) {
  std::vector<InvitationDraw> out;
  for (const auto& r : assembly::db::exec(tx, kListDraws, assembly_id)) out.push_back(draw_of(r));
  return out;
}

void insert_invitation_draw(pqxx::work& tx, const NewInvitationDraw& d) {
  assembly::db::exec(tx, kInsertDraw, d.id, d.assembly_id, d.pool_id, d.invited, d.stratify_by,
                     d.seed_commitment, d.algorithm, d.committed_by);
}

void mark_drawn(pqxx::work& tx, const std::string& id, const DrawResult& r) {
  assembly::db::exec(tx, kMarkDrawn, id, r.seed, r.snapshot_sha256, r.result_sha256,
                     r.strata.dump(), r.server_ms, r.drawn_by);
}

bool close_answers(pqxx::work& tx, const std::string& id) {
  return assembly::db::exec(tx, kCloseAnswers, id).affected_rows() == 1;
}

std::optional<PoolSummary> find_pool_summary(pqxx::transaction_base& tx,
                                             const std::string& pool_id) {
  auto rows = assembly::db::exec(tx, kPoolSummary, pool_id);
  if (rows.empty()) return std::nullopt;
  return PoolSummary{*domain::parse_pool_state(rows[0]["state"].as<std::string>()),
                     rows[0]["row_count"].as<long long>(),
                     rows[0]["snapshot_sha256"].as<std::string>()};
}

std::vector<std::string> pool_column(pqxx::transaction_base& tx, const std::string& pool_id,
                                     const std::string& column) {
  std::vector<std::string> out;
  // A COPY of one column, read raw: the fastest way through a 1.35 M-row pool.
  pqxx::stream_from rows(tx, "(SELECT " + tx.quote_name(column) +
                                 "::text FROM pool_people WHERE pool_id = " + tx.quote(pool_id) +
                                 " ORDER BY position)");
  std::string line;
  while (rows.get_raw_line(line)) {
    if (!line.empty() && line.back() == '\n') line.pop_back();
    out.push_back(line);
  }
  rows.complete();
  return out;
}

std::unordered_map<std::int64_t, std::string> person_ids_at(
    pqxx::transaction_base& tx, const std::string& pool_id,
    const std::vector<std::int64_t>& positions) {
  std::unordered_map<std::int64_t, std::string> out;
  for (const auto& r : assembly::db::exec(tx, kPersonIdsAt, pool_id, int_array(positions)))
    out.emplace(r["position"].as<std::int64_t>(), r["person_id"].as<std::string>());
  return out;
}

void insert_invitations(pqxx::work& tx, const std::string& draw_id, const std::string& pool_id,
                        const std::vector<NewInvitation>& invitations) {
  const std::vector<std::string> columns = {"draw_id",  "rank",      "pool_id",
                                            "position", "person_id", "code_sha256"};
  pqxx::tablewriter w(tx, "invitations", columns.begin(), columns.end());
  std::string buf;
  for (const auto& i : invitations)
    buf += draw_id + "\t" + std::to_string(i.rank) + "\t" + pool_id + "\t" +
           std::to_string(i.position) + "\t" + i.person_id + "\t" + i.code_sha256 + "\n";
  if (!buf.empty()) {
    buf.pop_back();
    w.write_raw_line(buf);
  }
  w.complete();
}

std::vector<Invitee> invitee_ids(pqxx::transaction_base& tx, const std::string& draw_id,
                                 long long after_rank, std::size_t limit) {
  std::vector<Invitee> out;
  for (const auto& r :
       assembly::db::exec(tx, kInviteeIds, draw_id, after_rank, static_cast<long long>(limit)))
    out.push_back({r["person_id"].as<std::string>(), r["rank"].as<long long>()});
  return out;
}

std::vector<MailingRow> mailing_rows(pqxx::transaction_base& tx, const std::string& draw_id,
                                     long long after_rank, std::size_t limit) {
  std::vector<MailingRow> out;
  for (const auto& r :
       assembly::db::exec(tx, kMailingRows, draw_id, after_rank, static_cast<long long>(limit))) {
    MailingRow m;
    m.person_id = r["person_id"].as<std::string>();
    m.rank = r["rank"].as<long long>();
    m.pool_id = r["pool_id"].as<std::string>();
    m.position = r["position"].as<long long>();
    if (!r["pii"].is_null()) {
      pqxx::binarystring sealed(r["pii"]);
      m.sealed = std::string(sealed.get(), sealed.size());
    }
    m.arrondissement = r["arrondissement"].as<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

void record_pii_read(pqxx::work& tx, const std::string& actor, const std::string& purpose,
                     const std::string& subject, long long rows) {
  assembly::db::exec(tx, kRecordPiiRead, actor, purpose, subject, rows);
}

}  // namespace sortition::store
