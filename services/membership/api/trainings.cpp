// Trainings for volunteers (app/trainings): the secretariat offers them; active members sign up
// and withdraw themselves (or the secretariat for them), a full training keeping a waiting list;
// the secretariat records attendance of the members holding a place.
#include "api/trainings.h"

#include "api/access.h"
#include "api/json.h"
#include "app/trainings.h"
#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace membership::api {
using namespace assembly::service::api;

namespace {

const Access kStaff = Access::secretariat();
const Access kStaffOrMember = Access::secretariat_or_member();

bool is_staff(const http::Request& req) {
  return assembly::auth::reads_as_secretariat(req.caller());
}

// A member reads only their own assembly's trainings (403 otherwise, before anything is read).
void staff_or_member_of(pqxx::work& tx, const http::Request& req, const std::string& assembly_id) {
  if (is_staff(req)) return;
  auto me = store::find(tx, req.caller().actor());
  if (!me || me->assembly_id != assembly_id)
    throw http::forbidden("a member reads only their own assembly's trainings");
}

// A member signs up and withdraws only themself.
void self_or_staff_id(const http::Request& req, const std::string& member_id) {
  if (!is_staff(req) && req.caller().actor() != member_id)
    throw http::forbidden("a member signs up and withdraws only themself");
}

bool is_http_url(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

// The new training as asked: every invalid field named at once.
store::Training training_input(const json& b) {
  body::Fields f(b);
  store::Training t;
  t.topic = f.string("topic", 64);
  const auto topic = domain::parse_training_topic(t.topic);
  f.check(t.topic.empty() || topic.has_value(), "/topic",
          "topic must be one of " + domain::training_topic_list());
  t.topic_text = f.string_or("topic_text", "", 200);
  f.check(topic != domain::TrainingTopic::other || !t.topic_text.empty() || f.has("topic_text"),
          "/topic_text", "topic other needs topic_text: what the training is about");
  t.title = f.string("title", 200);
  t.starts_at = f.has("starts_at") ? f.utc_time("starts_at") : "";
  t.ends_at = f.has("ends_at") ? f.utc_time("ends_at") : "";
  t.held_on =
      f.has("held_on") || !f.has("starts_at") ? f.date("held_on") : t.starts_at.substr(0, 10);
  f.check(t.starts_at.empty() || t.held_on.empty() || t.starts_at.substr(0, 10) == t.held_on,
          "/held_on", "held_on must be the day of starts_at");
  f.check(t.ends_at.empty() || (!t.starts_at.empty() && t.ends_at > t.starts_at), "/ends_at",
          "ends_at needs starts_at and comes after it");
  t.place = f.string_or("place", "", 300);
  t.online_url = f.string_or("online_url", "", 2000);
  f.check(t.online_url.empty() || is_http_url(t.online_url), "/online_url",
          "online_url must be an http(s) address");
  if (f.has("capacity")) t.capacity = static_cast<int>(f.integer("capacity", 1, 1000));
  f.done();
  return t;
}

http::Response offer(Deps d, http::Request& req) {
  auto t = training_input(req.json());
  t.id = assembly::core::new_uuid();
  t.assembly_id = req.param("id");
  auto out = d.db.transact(
      [&](pqxx::work& tx) { return app::offer_training(tx, d.outbox, t, req.caller().actor()); });
  return http::Response::json(201, to_json(out));
}

http::Response assembly_trainings(Deps d, http::Request& req) {
  const auto& assembly_id = req.param("id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    staff_or_member_of(tx, req, assembly_id);
    return store::trainings_of_assembly(tx, assembly_id);
  });
  return http::Response::items(out, [](const store::Training& t) { return to_json(t); });
}

http::Response get_training(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    auto t = app::must_find_training(tx, id);
    staff_or_member_of(tx, req, t.assembly_id);
    return t;
  });
  return http::Response::json(200, to_json(out));
}

// Signing up again answers the same (200) and changes nothing.
http::Response sign_up(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto member_id = body::uuid_param(req, "member_id");
  self_or_staff_id(req, member_id);
  auto r = d.db.transact([&](pqxx::work& tx) {
    return app::sign_up(tx, d.outbox, id, member_id, req.caller().actor(),
                        assembly::core::utc_now());
  });
  const auto& o = r.outcome;
  return http::Response::json(
      o.is_new ? 201 : 200,
      {{"training_id", id},
       {"member_id", member_id},
       {"state", domain::to_string(o.state)},
       {"waiting_position", o.waiting_position == 0 ? json() : json(o.waiting_position)},
       {"already_signed_up", !o.is_new},
       {"training", to_json(r.training)}});
}

http::Response withdraw(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto member_id = body::uuid_param(req, "member_id");
  self_or_staff_id(req, member_id);
  auto r = d.db.transact([&](pqxx::work& tx) {
    return app::withdraw(tx, d.outbox, id, member_id, req.caller().actor(),
                         assembly::core::utc_now());
  });
  const auto& o = r.outcome;
  return http::Response::json(200, {{"training_id", id},
                                    {"member_id", member_id},
                                    {"state", "withdrawn"},
                                    {"previous_state", domain::to_string(o.was)},
                                    {"promoted_member_id", o.promoted ? json(*o.promoted) : json()},
                                    {"training", to_json(r.training)}});
}

// The roster (places, in sign-up order) and the waiting list (in order).
http::Response sign_ups(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [t, lines] = d.db.transact([&](pqxx::work& tx) {
    return std::pair{app::must_find_training(tx, id), store::roster(tx, id)};
  });
  json placed = json::array(), waiting = json::array();
  for (const auto& l : lines)
    (l.state == domain::SignUpState::placed ? placed : waiting).push_back(to_json(l));
  return http::Response::json(200,
                              {{"training", to_json(t)}, {"placed", placed}, {"waiting", waiting}});
}

// Bulk, by the secretariat; a correction is a new revision kept with who made it.
http::Response put_attendance(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto& records = f.array("records");
  f.check(!b.is_object() || !b.contains("records") || !b["records"].is_array() ||
              (!records.empty() && records.size() <= 500),
          "/records", "records: 1 to 500");
  std::vector<app::AttendanceLine> lines;
  for (std::size_t i = 0; i < records.size() && i < 500; ++i) {
    const auto at = "/records/" + std::to_string(i);
    f.check(records[i].is_object(), at, "a record is an object {member_id, status}");
    if (!records[i].is_object()) continue;
    auto r = f.nested(records[i], at);
    lines.push_back({r.string("member_id", 64), r.string("status", 16), at});
  }
  f.done();
  auto [changed, items] = d.db.transact([&](pqxx::work& tx) {
    int n = app::record_attendance(tx, d.outbox, id, lines, req.caller().actor());
    return std::pair{n, store::attendance(tx, id)};
  });
  return http::Response::json(
      200, {{"training_id", id}, {"changed", changed}, {"items", to_json(items)}});
}

http::Response get_attendance(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_training(tx, id);
    return store::attendance(tx, id);
  });
  return http::Response::json(200, {{"training_id", id}, {"items", to_json(out)}});
}

// The shortcut kept from before: these members followed the training (attendance present).
http::Response followed(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto& ids = f.array("member_ids");
  if (f.ok())
    f.check(!ids.empty() && ids.size() <= 1000, "/member_ids", "member_ids: 1 to 1000 member ids");
  std::vector<std::string> member_ids, fields;
  for (std::size_t i = 0; i < ids.size() && i < 1000; ++i) {
    const auto at = "/member_ids/" + std::to_string(i);
    f.check(ids[i].is_string(), at, "a member id is a string");
    member_ids.push_back(ids[i].is_string() ? ids[i].get<std::string>() : "");
    fields.push_back(at);
  }
  f.done();
  auto out = d.db.transact([&](pqxx::work& tx) {
    int added = app::record_followed(tx, d.outbox, id, member_ids, fields, req.caller().actor());
    auto after = to_json(app::must_find_training(tx, id));
    after["newly_recorded"] = added;
    return after;
  });
  return http::Response::json(200, out);
}

// The member's own sign-ups in force (a place or a waiting position), with their attendance.
http::Response member_trainings(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    self_or_staff(tx, req, id);
    return store::sign_ups_of_member(tx, id);
  });
  return http::Response::items(out, [](const store::MemberSignUp& s) { return to_json(s); });
}

}  // namespace

json to_json(const domain::TrainingCounts& c) {
  return {{"signed_up", c.signed_up}, {"placed", c.placed},   {"waiting", c.waiting},
          {"attended", c.present},    {"excused", c.excused}, {"absent", c.absent}};
}

json to_json(const domain::TrainingTotals& t, std::size_t offered) {
  auto out = to_json(t.counts);
  out["offered"] = offered;
  out["members_signed_up"] = t.members_signed_up;
  out["members_attended"] = t.members_attended;
  return out;
}

void add_training_routes(assembly::service::Context& ctx) {
  auto& r = ctx.router;
  auto to = routes_with(ctx);
  r.add(Method::Post, "/v1/assemblies/:id/trainings", kStaff, to(offer));
  r.add(Method::Get, "/v1/assemblies/:id/trainings", kStaffOrMember, to(assembly_trainings));
  r.add(Method::Get, "/v1/trainings/:id", kStaffOrMember, to(get_training));
  r.add(Method::Put, "/v1/trainings/:id/sign-ups/:member_id", kStaffOrMember, to(sign_up),
        {1 << 20, false});
  r.add(Method::Delete, "/v1/trainings/:id/sign-ups/:member_id", kStaffOrMember, to(withdraw));
  r.add(Method::Get, "/v1/trainings/:id/sign-ups", kStaff, to(sign_ups));
  r.add(Method::Put, "/v1/trainings/:id/attendance", kStaff, to(put_attendance));
  r.add(Method::Get, "/v1/trainings/:id/attendance", kStaff, to(get_attendance));
  r.add(Method::Post, "/v1/trainings/:id/followed", kStaff, to(followed));
  r.add(Method::Get, "/v1/members/:id/trainings", kStaffOrMember, to(member_trainings));
}

}  // namespace membership::api
