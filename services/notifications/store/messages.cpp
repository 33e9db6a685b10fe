#include "store/messages.h"

#include <nlohmann/json.hpp>

#include "assembly/core/ids.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace notifications::store {

namespace {

using nlohmann::json;

constexpr const char* kMemberStatus =
    "INSERT INTO members (member_id, assembly_id, status) VALUES ($1, $2, $3) "
    "ON CONFLICT (member_id) DO UPDATE SET status = excluded.status, updated_at = now()";
constexpr const char* kMemberInvited =
    "INSERT INTO members (member_id, assembly_id, status, invited_on) "
    "VALUES ($1, $2, 'invited', $3::date) "
    "ON CONFLICT (member_id) DO UPDATE SET status = 'invited', invited_on = excluded.invited_on, "
    "updated_at = now()";
constexpr const char* kMemberWorkshop =
    "INSERT INTO members (member_id, assembly_id, status, workshop_theme) "
    "VALUES ($1, $2, 'confirmed', $3) "
    "ON CONFLICT (member_id) DO UPDATE SET workshop_theme = excluded.workshop_theme, "
    "updated_at = now()";
constexpr const char* kMemberAssembly = "SELECT assembly_id FROM members WHERE member_id = $1";
constexpr const char* kMemberStatusOf = "SELECT status FROM members WHERE member_id = $1";

constexpr const char* kEnqueue =
    "INSERT INTO messages (id, member_id, assembly_id, kind, cause, params) "
    "VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (member_id, cause) DO NOTHING";
constexpr const char* kEnqueueForAssembly =
    "INSERT INTO messages (id, member_id, assembly_id, kind, cause, params) "
    "SELECT gen_random_uuid()::text, m.member_id, m.assembly_id, $3, $4, $5::jsonb "
    "FROM members m WHERE m.assembly_id = $1 AND m.status = ANY($2::text[]) "
    "ON CONFLICT (member_id, cause) DO NOTHING";
constexpr const char* kEnqueueForMembers =
    "INSERT INTO messages (id, member_id, assembly_id, kind, cause, params) "
    "SELECT gen_random_uuid()::text, m, $2, $3, $4, $5::jsonb FROM unnest($1::text[]) AS m "
    "ON CONFLICT (member_id, cause) DO NOTHING";
constexpr const char* kEnqueueReminders =
    "INSERT INTO messages (id, member_id, assembly_id, kind, cause, params) "
    "SELECT gen_random_uuid()::text, m.member_id, m.assembly_id, 'confirmation-reminder', "
    "'reminder:' || m.member_id || ':' || m.invited_on::text, "
    "jsonb_build_object('invited_on', m.invited_on::text) "
    "FROM members m WHERE m.status = 'invited' AND m.invited_on <= current_date - $1::int "
    "ON CONFLICT (member_id, cause) DO NOTHING";

constexpr const char* kSessionChanged =
    "INSERT INTO sessions (session_id, assembly_id, workshop_theme, session_type, title, "
    "starts_at, ends_at, place, state, sequence) "
    "VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8, $9, $10) "
    "ON CONFLICT (session_id) DO UPDATE SET title = excluded.title, starts_at = "
    "excluded.starts_at, "
    "ends_at = excluded.ends_at, place = excluded.place, state = excluded.state, "
    "sequence = excluded.sequence, updated_at = now() "
    "WHERE sessions.sequence <= excluded.sequence";
constexpr const char* kEnqueueForSeated =
    "INSERT INTO messages (id, member_id, assembly_id, kind, cause, params) "
    "SELECT gen_random_uuid()::text, m.member_id, m.assembly_id, $3, $4, $5::jsonb "
    "FROM members m WHERE m.assembly_id = $1 AND m.status = 'active' "
    "AND ($2 = '' OR m.workshop_theme = $2) ON CONFLICT (member_id, cause) DO NOTHING";
constexpr const char* kEnqueueSessionReminders =
    "INSERT INTO messages (id, member_id, assembly_id, kind, cause, params) "
    "SELECT gen_random_uuid()::text, m.member_id, m.assembly_id, 'session-reminder', "
    "'session-reminder:' || s.session_id || ':' || " SQL_UTC("s.starts_at") ", "
    "jsonb_build_object('session_id', s.session_id, 'assembly_id', s.assembly_id, "
    "'title', s.title, 'starts_at', " SQL_UTC("s.starts_at") ", 'ends_at', " SQL_UTC("s.ends_at") ", "
    "'place', s.place, 'sequence', s.sequence::text) "
    "FROM sessions s JOIN members m ON m.assembly_id = s.assembly_id AND m.status = 'active' "
    "AND (s.workshop_theme = '' OR m.workshop_theme = s.workshop_theme) "
    "WHERE s.state <> 'cancelled' AND s.starts_at > now() "
    "AND (s.starts_at AT TIME ZONE 'Europe/Paris')::date = "
    "(now() AT TIME ZONE 'Europe/Paris')::date + 1 "
    "ON CONFLICT (member_id, cause) DO NOTHING";

constexpr const char* kClaimDue =
    "UPDATE messages SET state = 'sending', claimed_at = now(), attempts = attempts + 1, "
    "updated_at = now() WHERE id IN (SELECT id FROM messages WHERE state = 'pending' "
    "AND next_attempt_at <= now() ORDER BY next_attempt_at, created_at LIMIT $1 "
    "FOR UPDATE SKIP LOCKED) "
    "RETURNING id, member_id, assembly_id, kind, params::text AS params, attempts";
#define RECORD_SET                                                                 \
  "UPDATE messages SET state = $2, last_error = $3, channel = $4, language = $5, " \
  "sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END, "                  \
  "next_attempt_at = now() + make_interval(secs => $6::int), claimed_at = NULL, "  \
  "updated_at = now()"
constexpr const char* kRecord = RECORD_SET " WHERE id = $1";
constexpr const char* kRecordWithBody = RECORD_SET ", body_sealed = $7 WHERE id = $1";
constexpr const char* kExpireClaims =
    "UPDATE messages SET state = 'uncertain', claimed_at = NULL, updated_at = now(), "
    "last_error = 'the sender stopped during the SMTP exchange: whether it left is not known' "
    "WHERE state = 'sending' AND claimed_at < now() - make_interval(secs => $1::int)";
constexpr const char* kRearmWaiting =
    "UPDATE messages SET state = 'pending', next_attempt_at = now(), updated_at = now() "
    "WHERE member_id = $1 AND state = 'waiting'";
constexpr const char* kSkipUnsent =
    "UPDATE messages SET state = 'skipped', last_error = $3, updated_at = now() "
    "WHERE member_id = $1 AND kind = ANY($2::text[]) AND state IN ('pending', 'waiting')";
constexpr const char* kResend =
    "UPDATE messages SET state = 'pending', next_attempt_at = now(), updated_at = now() "
    "WHERE id = $1 AND state IN ('uncertain', 'refused')";
constexpr const char* kDropOldBodies =
    "UPDATE messages SET body_sealed = NULL WHERE body_sealed IS NOT NULL "
    "AND sent_at < now() - make_interval(days => $1::int)";

#define MESSAGE_COLUMNS \
  "id, member_id, assembly_id, kind, cause, state, last_error, channel, language, attempts, " \
  "body_sealed IS NOT NULL AS body_kept, " SQL_UTC("created_at") " AS created_at, "          \
  "coalesce(" SQL_UTC("sent_at") ", '') AS sent_at, " SQL_UTC("next_attempt_at") " AS next_attempt_at "
constexpr const char* kMessages =
    "SELECT " MESSAGE_COLUMNS
    "FROM messages WHERE ($1 = '' OR assembly_id = $1) "
    "AND ($2 = '' OR member_id = $2) AND ($3 = '' OR kind = $3) AND ($4 = '' OR state = $4) "
    "AND ($5 = '' OR cause = $5) ORDER BY created_at DESC, id LIMIT $6";
constexpr const char* kMessage = "SELECT " MESSAGE_COLUMNS "FROM messages WHERE id = $1";
constexpr const char* kSealedBody = "SELECT body_sealed FROM messages WHERE id = $1";

constexpr const char* kFigures =
    "SELECT kind, state, count(*) AS n FROM messages WHERE ($1 = '' OR assembly_id = $1) "
    "GROUP BY kind, state";
constexpr const char* kOldestUnsent =
    "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age "
    "FROM messages WHERE state IN ('pending', 'sending')";

constexpr const char* kReachToPublish =
    "SELECT c.cause, c.assembly_id, c.kind, substr(c.cause, 8) AS subject_id, c.sent, "
    "c.not_sent, c.total FROM (SELECT cause, min(assembly_id) AS assembly_id, "
    "min(kind) AS kind, count(*) FILTER (WHERE state = 'sent')::int AS sent, "
    "count(*) FILTER (WHERE state NOT IN ('sent', 'pending', 'sending'))::int AS not_sent, "
    "count(*)::int AS total, count(*) FILTER (WHERE state IN ('pending', 'sending')) AS left "
    "FROM messages WHERE kind = 'report-published' GROUP BY cause) c "
    "LEFT JOIN reach_published p ON p.cause = c.cause "
    "WHERE c.left = 0 AND (p.cause IS NULL OR p.sent <> c.sent OR p.not_sent <> c.not_sent "
    "OR p.total <> c.total) ORDER BY c.cause";
constexpr const char* kReachPublished =
    "INSERT INTO reach_published (cause, sent, not_sent, total) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (cause) DO UPDATE SET sent = excluded.sent, not_sent = excluded.not_sent, "
    "total = excluded.total, published_at = now()";
constexpr const char* kLockReach = "SELECT pg_advisory_xact_lock(hashtext('notifications-reach'))";

constexpr const char* kRefused =
    "SELECT refused::text[] AS refused FROM preferences WHERE member_id = $1";
constexpr const char* kSetRefused =
    "INSERT INTO preferences (member_id, refused, updated_by) VALUES ($1, $2::text[], $3) "
    "ON CONFLICT (member_id) DO UPDATE SET refused = excluded.refused, updated_at = now(), "
    "updated_by = excluded.updated_by";

constexpr const char* kEraseMessages = "DELETE FROM messages WHERE member_id = $1";
constexpr const char* kErasePreferences = "DELETE FROM preferences WHERE member_id = $1";
constexpr const char* kEraseMember = "DELETE FROM members WHERE member_id = $1";

// A PostgreSQL array literal of plain identifiers (kinds, statuses: no quoting needed).
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "}";
}

std::vector<std::string> array_items(const std::string& literal) {
  std::vector<std::string> out;
  std::string current;
  for (char c : literal) {
    if (c == '{' || c == '}' || c == '"') continue;
    if (c == ',') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::string params_json(const Params& p) {
  return json(p).dump();
}

Params params_of(const std::string& text) {
  Params out;
  auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

Message message_from(const pqxx::row& r) {
  Message m;
  m.id = r["id"].as<std::string>();
  m.member_id = r["member_id"].as<std::string>();
  m.assembly_id = r["assembly_id"].as<std::string>();
  m.kind = r["kind"].as<std::string>();
  m.cause = r["cause"].as<std::string>();
  m.state = r["state"].as<std::string>();
  m.last_error = r["last_error"].as<std::string>();
  m.channel = r["channel"].as<std::string>();
  m.language = r["language"].as<std::string>();
  m.attempts = r["attempts"].as<int>();
  m.body_kept = r["body_kept"].as<bool>();
  m.created_at = r["created_at"].as<std::string>();
  m.sent_at = r["sent_at"].as<std::string>();
  m.next_attempt_at = r["next_attempt_at"].as<std::string>();
  return m;
}

}  // namespace

void member_status(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                   const std::string& status) {
  assembly::db::exec(tx, kMemberStatus, member_id, assembly_id, status);
}

void member_invited(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                    const std::string& invited_on) {
  assembly::db::exec(tx, kMemberInvited, member_id, assembly_id, invited_on);
}

void member_workshop(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                     const std::string& workshop_theme) {
  assembly::db::exec(tx, kMemberWorkshop, member_id, assembly_id, workshop_theme);
}

std::optional<std::string> member_assembly(pqxx::transaction_base& tx,
                                           const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kMemberAssembly, member_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["assembly_id"].as<std::string>();
}

std::optional<std::string> member_status_of(pqxx::transaction_base& tx,
                                            const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kMemberStatusOf, member_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["status"].as<std::string>();
}

bool enqueue(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
             domain::Kind kind, const std::string& cause, const Params& params) {
  return assembly::db::exec(tx, kEnqueue, assembly::core::new_uuid(), member_id, assembly_id,
                            std::string(domain::name(kind)), cause, params_json(params))
             .affected_rows() == 1;
}

long enqueue_for_assembly(pqxx::work& tx, const std::string& assembly_id,
                          const std::vector<std::string>& statuses, domain::Kind kind,
                          const std::string& cause, const Params& params) {
  return static_cast<long>(
      assembly::db::exec(tx, kEnqueueForAssembly, assembly_id, array_literal(statuses),
                         std::string(domain::name(kind)), cause, params_json(params))
          .affected_rows());
}

long enqueue_reminders(pqxx::work& tx, int days) {
  return static_cast<long>(assembly::db::exec(tx, kEnqueueReminders, days).affected_rows());
}

bool session_changed(pqxx::work& tx, const Session& s) {
  return assembly::db::exec(tx, kSessionChanged, s.session_id, s.assembly_id, s.workshop_theme,
                            s.session_type, s.title, s.starts_at, s.ends_at, s.place, s.change,
                            s.sequence)
             .affected_rows() == 1;
}

long enqueue_for_seated(pqxx::work& tx, const std::string& assembly_id,
                        const std::string& workshop_theme, domain::Kind kind,
                        const std::string& cause, const Params& params) {
  return static_cast<long>(assembly::db::exec(tx, kEnqueueForSeated, assembly_id, workshop_theme,
                                              std::string(domain::name(kind)), cause,
                                              params_json(params))
                               .affected_rows());
}

long enqueue_for_members(pqxx::work& tx, const std::vector<std::string>& member_ids,
                         const std::string& assembly_id, domain::Kind kind,
                         const std::string& cause, const Params& params) {
  return static_cast<long>(assembly::db::exec(tx, kEnqueueForMembers, array_literal(member_ids),
                                              assembly_id, std::string(domain::name(kind)), cause,
                                              params_json(params))
                               .affected_rows());
}

long enqueue_session_reminders(pqxx::work& tx) {
  return static_cast<long>(tx.exec(kEnqueueSessionReminders).affected_rows());
}

std::vector<Claimed> claim_due(pqxx::work& tx, int limit) {
  std::vector<Claimed> out;
  for (const auto& r : assembly::db::exec(tx, kClaimDue, limit)) {
    auto kind = domain::kind_named(r["kind"].as<std::string>());
    if (!kind) continue;  // a kind of a newer version: left claimed, then uncertain
    out.push_back({r["id"].as<std::string>(), r["member_id"].as<std::string>(),
                   r["assembly_id"].as<std::string>(), *kind,
                   params_of(r["params"].as<std::string>()), r["attempts"].as<int>()});
  }
  return out;
}

void record(pqxx::work& tx, const std::string& id, const Outcome& o) {
  const std::string state = o.retry_in_seconds ? "pending" : std::string(domain::name(o.state));
  const int wait = o.retry_in_seconds.value_or(0);
  if (o.body_sealed)
    assembly::db::exec(tx, kRecordWithBody, id, state, o.error, o.channel, o.language, wait,
                       pqxx::binarystring(o.body_sealed->data(), o.body_sealed->size()));
  else
    assembly::db::exec(tx, kRecord, id, state, o.error, o.channel, o.language, wait);
}

long expire_claims(pqxx::work& tx, int lease_seconds) {
  return static_cast<long>(assembly::db::exec(tx, kExpireClaims, lease_seconds).affected_rows());
}

long rearm_waiting(pqxx::work& tx, const std::string& member_id) {
  return static_cast<long>(assembly::db::exec(tx, kRearmWaiting, member_id).affected_rows());
}

long skip_unsent(pqxx::work& tx, const std::string& member_id,
                 const std::vector<std::string>& kinds, const std::string& why) {
  return static_cast<long>(
      assembly::db::exec(tx, kSkipUnsent, member_id, array_literal(kinds), why).affected_rows());
}

bool resend(pqxx::work& tx, const std::string& id) {
  return assembly::db::exec(tx, kResend, id).affected_rows() == 1;
}

long drop_old_bodies(pqxx::work& tx, int days) {
  return static_cast<long>(assembly::db::exec(tx, kDropOldBodies, days).affected_rows());
}

std::vector<Message> messages(pqxx::transaction_base& tx, const Filter& f) {
  std::vector<Message> out;
  for (const auto& r : assembly::db::exec(tx, kMessages, f.assembly_id, f.member_id, f.kind,
                                          f.state, f.cause, f.limit))
    out.push_back(message_from(r));
  return out;
}

std::optional<Message> message(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kMessage, id);
  if (rows.empty()) return std::nullopt;
  return message_from(rows[0]);
}

std::optional<std::string> sealed_body(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kSealedBody, id);
  if (rows.empty() || rows[0]["body_sealed"].is_null()) return std::nullopt;
  return pqxx::binarystring(rows[0]["body_sealed"]).str();
}

std::map<std::pair<std::string, std::string>, long> figures(pqxx::transaction_base& tx,
                                                            const std::string& assembly_id) {
  std::map<std::pair<std::string, std::string>, long> out;
  for (const auto& r : assembly::db::exec(tx, kFigures, assembly_id))
    out[{r["kind"].as<std::string>(), r["state"].as<std::string>()}] = r["n"].as<long>();
  return out;
}

double oldest_unsent_seconds(pqxx::transaction_base& tx) {
  return tx.exec1(kOldestUnsent)["age"].as<double>();
}

std::vector<Reach> reach_to_publish(pqxx::work& tx) {
  tx.exec(kLockReach);  // one replica at a time publishes
  std::vector<Reach> out;
  for (const auto& r : tx.exec(kReachToPublish))
    out.push_back({r["cause"].as<std::string>(), r["assembly_id"].as<std::string>(),
                   r["kind"].as<std::string>(), r["subject_id"].as<std::string>(),
                   r["sent"].as<int>(), r["not_sent"].as<int>(), r["total"].as<int>()});
  return out;
}

void reach_published(pqxx::work& tx, const Reach& r) {
  assembly::db::exec(tx, kReachPublished, r.cause, r.sent, r.not_sent, r.total);
}

std::vector<std::string> refused(pqxx::transaction_base& tx, const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kRefused, member_id);
  if (rows.empty()) return {};
  return array_items(rows[0]["refused"].as<std::string>());
}

void set_refused(pqxx::work& tx, const std::string& member_id,
                 const std::vector<std::string>& kinds, const std::string& by) {
  assembly::db::exec(tx, kSetRefused, member_id, array_literal(kinds), by);
}

std::map<std::string, long> erase_member(pqxx::work& tx, const std::string& member_id) {
  return {{"messages",
           static_cast<long>(assembly::db::exec(tx, kEraseMessages, member_id).affected_rows())},
          {"preferences",
           static_cast<long>(assembly::db::exec(tx, kErasePreferences, member_id).affected_rows())},
          {"members",
           static_cast<long>(assembly::db::exec(tx, kEraseMember, member_id).affected_rows())}};
}

}  // namespace notifications::store
