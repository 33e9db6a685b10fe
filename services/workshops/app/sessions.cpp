#include "app/sessions.h"

#include <sodium.h>

#include "events/publish.h"
#include "store/workshop_store.h"

namespace workshops::app {
namespace core = assembly::core;

namespace {

void refuse(const store::Session& s, domain::SessionChange c) {
  if (auto why = domain::refuse_change(s.state, c))
    throw StateRefused(*why, std::string(domain::to_string(s.state)));
}

// One attendance record, its change line and its event.
unsigned attend(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Session& s,
                const std::string& member_id, const std::string& status, const std::string& by,
                const std::string& via, const std::string& field, const std::string& reason = "") {
  auto periods = store::roster_periods(tx, s.assembly_id, s.workshop_id, member_id);
  if (auto why = domain::refuse_attendance(domain::to_string(s.state), status, periods, s.day))
    throw core::invalid(*why, field);
  auto revision = store::record_attendance(tx, s.id, member_id, status, by, via, reason);
  events::attendance_recorded(tx, outbox, s, member_id, status, revision, by);
  return revision;
}

std::vector<domain::PhaseWindow> phase_windows(pqxx::transaction_base& tx,
                                               const std::string& assembly_id) {
  std::vector<domain::PhaseWindow> out;
  for (const auto& p : store::phases(tx, assembly_id))
    if (auto kind = domain::parse_phase_kind(p.kind))
      out.push_back({*kind, p.starts_on, p.ends_on});
  return out;
}

// The phase the session belongs to ("" when none is known); refused when it falls outside it.
// The phases stay as read until the transaction ends.
std::string phase_of(pqxx::work& tx, const std::string& assembly_id, domain::SessionType type,
                     const std::string& starts_at, const std::string& ends_at,
                     const std::string& named) {
  store::lock_phases(tx, assembly_id);
  auto phase =
      domain::place_session(type, starts_at.substr(0, 10), ends_at.substr(0, 10),
                            domain::parse_phase_kind(named), phase_windows(tx, assembly_id));
  return phase ? std::string(domain::to_string(*phase)) : "";
}

}  // namespace

std::vector<store::Phase> set_phase(pqxx::work& tx, const std::string& assembly_id,
                                    domain::PhaseKind kind, const std::string& starts_on,
                                    const std::string& ends_on) {
  store::lock_phases(tx, assembly_id);
  domain::check_phase({kind, starts_on, ends_on}, phase_windows(tx, assembly_id));
  store::upsert_phase(tx, assembly_id, std::string(domain::to_string(kind)), starts_on, ends_on);
  return store::phases(tx, assembly_id);
}

store::Session must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update) {
  auto s = store::find_session(tx, id, for_update);
  if (!s) throw core::not_found("no session " + id);
  return *s;
}

store::Session schedule(pqxx::work& tx, const assembly::events::Outbox& outbox, store::NewSession s,
                        const std::string& by, const MayAct& may_act) {
  if (s.type != domain::SessionType::plenary) {
    auto w = store::find(tx, s.workshop_id);
    if (!w) throw core::invalid("no workshop " + s.workshop_id, "/workshop_id");
    s.workshop_id = w->id;
    s.assembly_id = w->assembly_id;
  }
  if (may_act) may_act(s.assembly_id, s.workshop_id);
  s.phase_named = !s.phase.empty();
  s.phase = phase_of(tx, s.assembly_id, s.type, s.starts_at, s.ends_at, s.phase);
  store::insert_session(tx, s, by);
  store::record_change(tx, s.id, by, "scheduled",
                       {{"starts_at", s.starts_at}, {"ends_at", s.ends_at}});
  auto out = must_find(tx, s.id);
  events::session_changed(tx, outbox, out, "scheduled");
  return out;
}

store::Session reschedule(pqxx::work& tx, const assembly::events::Outbox& outbox,
                          const std::string& id, const std::string& starts_at,
                          const std::string& ends_at, const std::string& reason,
                          const std::string& by) {
  auto s = must_find(tx, id, true);
  refuse(s, domain::SessionChange::reschedule);
  auto phase =
      phase_of(tx, s.assembly_id, s.type, starts_at, ends_at, s.phase_named ? s.phase : "");
  store::reschedule(tx, id, starts_at, ends_at, phase);
  store::record_change(
      tx, id, by, "rescheduled",
      {{"from", s.starts_at}, {"to", starts_at}, {"ends_at", ends_at}, {"reason", reason}});
  auto out = must_find(tx, id);
  events::session_changed(tx, outbox, out, "moved", s.starts_at);
  return out;
}

store::Session cancel(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                      const std::string& reason, const std::string& by) {
  auto s = must_find(tx, id, true);
  refuse(s, domain::SessionChange::cancel);
  store::set_state(tx, id, domain::SessionState::cancelled, reason);
  store::record_change(tx, id, by, "cancelled", {{"reason", reason}});
  auto out = must_find(tx, id);
  events::session_changed(tx, outbox, out, "cancelled");
  return out;
}

store::Session hold(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                    const std::string& minutes, const std::string& by) {
  auto s = must_find(tx, id, true);
  refuse(s, domain::SessionChange::hold);
  store::set_state(tx, id, domain::SessionState::held, "");
  if (!minutes.empty()) store::set_minutes(tx, id, minutes);
  store::record_change(tx, id, by, "held", nlohmann::json::object());
  events::session_held(tx, outbox, s);
  return must_find(tx, id);
}

store::Session set_minutes(pqxx::work& tx, const std::string& id, const std::string& minutes,
                           const std::string& by) {
  auto s = must_find(tx, id, true);
  if (s.state == domain::SessionState::cancelled)
    throw core::conflict("the session was cancelled: it has no minutes");
  store::set_minutes(tx, id, minutes);
  store::record_change(tx, id, by, "minutes", {{"length", minutes.size()}});
  return must_find(tx, id);
}

store::Session add_document(pqxx::work& tx, const std::string& id, const store::Document& doc,
                            const std::string& by) {
  must_find(tx, id, true);
  store::add_document(tx, id, doc);
  store::record_change(tx, id, by, "document", {{"title", doc.title}, {"url", doc.url}});
  return must_find(tx, id);
}

std::vector<std::size_t> unexplained_corrections(pqxx::transaction_base& tx,
                                                 const std::string& session_id,
                                                 const std::vector<AttendanceRecord>& records) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < records.size(); ++i)
    if (domain::correction_lacks_reason(
            store::attendance_status(tx, session_id, records[i].member_id), records[i].status,
            records[i].reason))
      out.push_back(i);
  return out;
}

bool record_attendance(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Session& s, const AttendanceRecord& record,
                       const std::string& by, const std::string& field) {
  auto current = store::attendance_status(tx, s.id, record.member_id);
  if (current && *current == record.status) return false;  // unchanged: no new revision
  attend(tx, outbox, s, record.member_id, record.status, by, "secretariat", field,
         current ? record.reason : std::string());
  return true;
}

unsigned check_in(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                  const std::string& member_id, const std::string& code) {
  auto s = must_find(tx, id, true);
  const auto& expected = s.checkin_code;
  if (code.size() != expected.size() ||
      sodium_memcmp(code.data(), expected.data(), code.size()) != 0)
    throw core::invalid("this is not the session's check-in code", "/code");
  if (!store::checkin_open(tx, id))
    throw core::conflict("check-in is open from an hour before the session to an hour after it");
  return attend(tx, outbox, s, member_id, "present", member_id, "check-in", "/code");
}

std::pair<std::string, std::vector<store::Session>> workshop_sessions(pqxx::transaction_base& tx,
                                                                      const std::string& id) {
  auto w = store::find(tx, id);
  if (!w) throw core::not_found("no workshop " + id);
  return {w->title, store::list_sessions(tx, w->assembly_id, id)};
}

std::vector<store::Session> member_sessions(pqxx::transaction_base& tx,
                                            const std::string& member_id) {
  std::vector<store::Session> out;
  for (const auto& w : store::workshops_of_member(tx, member_id))
    for (auto& s : store::list_sessions(tx, w.assembly_id, w.id)) out.push_back(std::move(s));
  return out;
}

}  // namespace workshops::app
