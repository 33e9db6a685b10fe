#include "app/trainings.h"

#include "assembly/core/refusal.h"
#include "events/publish.h"
#include "store/members.h"

namespace membership::app {
namespace core = assembly::core;

namespace {

domain::TrainingTerms terms_of(const store::Training& t) {
  return {t.capacity, domain::training_start(t.held_on, t.starts_at)};
}

void attend(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Training& t,
            const std::string& member_id, const std::string& status, const std::string& by,
            const std::string& via) {
  auto revision = store::record_attendance(tx, t.id, member_id, status, by, via);
  events::training_attendance_recorded(tx, outbox, t, member_id, status, revision, by);
}

}  // namespace

store::Training must_find_training(pqxx::transaction_base& tx, const std::string& id,
                                   bool for_update) {
  auto t = store::find_training(tx, id, for_update);
  if (!t) throw core::not_found("no training " + id);
  return *t;
}

store::Training offer_training(pqxx::work& tx, const assembly::events::Outbox& outbox,
                               store::Training t, const std::string& by) {
  if (!store::find_assembly(tx, t.assembly_id))
    throw core::not_found("no assembly " + t.assembly_id);
  store::insert_training(tx, t, by);
  auto out = must_find_training(tx, t.id);
  events::training_offered(tx, outbox, out);
  return out;
}

SignUpResult sign_up(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const std::string& training_id, const std::string& member_id,
                     const std::string& by, const std::string& now) {
  auto t = must_find_training(tx, training_id, true);  // one sign-up of a training at a time
  auto m = store::find(tx, member_id);
  if (!m) throw core::not_found("no member " + member_id);
  auto outcome = domain::sign_up(terms_of(t), store::current_sign_ups(tx, training_id),
                                 {m->id, m->assembly_id == t.assembly_id, m->status}, now);
  if (outcome.is_new) {
    store::insert_sign_up(tx, training_id, member_id, outcome.state, by);
    events::training_signed_up(tx, outbox, t, member_id, outcome, by);
  }
  return {must_find_training(tx, training_id), outcome};
}

WithdrawalResult withdraw(pqxx::work& tx, const assembly::events::Outbox& outbox,
                          const std::string& training_id, const std::string& member_id,
                          const std::string& by, const std::string& now) {
  auto t = must_find_training(tx, training_id, true);
  auto outcome =
      domain::withdraw(terms_of(t), store::current_sign_ups(tx, training_id), member_id,
                       store::attendance_status(tx, training_id, member_id).has_value(), now);
  store::withdraw_sign_up(tx, training_id, member_id, by);
  events::training_withdrawn(tx, outbox, t, member_id, outcome.was, by);
  if (outcome.promoted) {
    store::place(tx, training_id, *outcome.promoted);
    events::training_place_offered(tx, outbox, t, *outcome.promoted, member_id);
  }
  return {must_find_training(tx, training_id), outcome};
}

int record_attendance(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const std::string& training_id, const std::vector<AttendanceLine>& lines,
                      const std::string& by) {
  auto t = must_find_training(tx, training_id, true);
  const auto current = store::current_sign_ups(tx, training_id);
  for (const auto& l : lines)  // every line checked before any is written
    domain::check_attendance(current, l.member_id, l.status, l.field);
  int changed = 0;
  for (const auto& l : lines) {
    auto was = store::attendance_status(tx, training_id, l.member_id);
    if (was && *was == l.status) continue;  // unchanged: no new revision
    attend(tx, outbox, t, l.member_id, l.status, by, "attendance");
    ++changed;
  }
  return changed;
}

int record_followed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                    const std::string& training_id, const std::vector<std::string>& member_ids,
                    const std::vector<std::string>& fields, const std::string& by) {
  auto t = must_find_training(tx, training_id, true);
  int added = 0;
  for (std::size_t i = 0; i < member_ids.size(); ++i) {
    const auto& at = fields[i];
    auto m = store::find(tx, member_ids[i]);
    if (!m || m->assembly_id != t.assembly_id)
      throw core::invalid("no member " + member_ids[i] + " in this training's assembly", at);
    if (m->status != domain::Status::confirmed && m->status != domain::Status::active)
      throw core::invalid("member " + m->id + " is " + domain::text(m->status) +
                              "; trainings are for confirmed and active members",
                          at);
    if (domain::needs_place_to_follow(terms_of(t), store::current_sign_ups(tx, training_id), m->id,
                                      at))
      store::insert_sign_up(tx, training_id, m->id, domain::SignUpState::placed, by);
    auto was = store::attendance_status(tx, training_id, m->id);
    if (was && *was == "present") continue;
    attend(tx, outbox, t, m->id, "present", by, "followed");
    ++added;
  }
  return added;
}

}  // namespace membership::app
