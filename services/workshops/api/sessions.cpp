#include "api/sessions.h"

#include <sodium.h>

#include <functional>

#include "api/json.h"
#include "api/scope.h"
#include "app/sessions.h"
#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/http/rate_limit.h"
#include "assembly/service/api.h"
#include "domain/calendar.h"
#include "domain/participants.h"
#include "domain/phases.h"
#include "domain/sessions.h"
#include "store/participant_store.h"

namespace workshops::api {
using namespace assembly::service::api;

namespace {

// A refusal of the session's state answers 409 with the state, as a problem member.
template <typename Fn>
auto naming_state(Fn&& fn) {
  try {
    return fn();
  } catch (const app::StateRefused& r) {
    throw http::to_problem(r.refusal()).with("state", r.state());
  }
}

http::Response session(int status, const store::Session& s, const http::Request& req) {
  return http::Response::json(status, to_json(s, &req.caller()));
}

std::vector<domain::CalendarEvent> calendar_events(const std::vector<store::Session>& sessions) {
  std::vector<domain::CalendarEvent> out;
  for (const auto& s : sessions) {
    std::string where = s.place;
    if (where.empty()) where = s.online_link;
    if (s.type == domain::SessionType::site_visit && !s.site.empty()) where = s.site;
    out.push_back({s.id, s.starts_at, s.ends_at,
                   s.title + " (" + std::string(domain::to_string(s.type)) + ")", where, s.agenda,
                   std::string(domain::to_string(s.state)), s.sequence});
  }
  return out;
}

http::Response calendar(const std::string& name, const std::vector<store::Session>& sessions) {
  return http::Response::text(
      200, domain::render_calendar(name, calendar_events(sessions), assembly::core::utc_now()),
      "text/calendar; charset=utf-8");
}

// --- Phases: discovery, recommendations, co-construction and vote.
http::Response put_phase(Deps d, http::Request& req) {
  const auto& assembly_id = req.param("id");
  const auto& kind = req.param("kind");
  auto phase = domain::parse_phase_kind(kind);
  if (!phase) throw http::not_found("no phase \"" + kind + "\": " + domain::kPhaseKindsText);
  const auto b = req.json();
  body::Fields f(b);
  auto starts = f.date("starts_on"), ends = f.date("ends_on");
  f.check(starts.empty() || ends.empty() || ends >= starts, "/ends_on",
          "the phase ends before it starts");
  f.done();
  auto out = d.db.transact(
      [&](pqxx::work& tx) { return app::set_phase(tx, assembly_id, *phase, starts, ends); });
  return http::Response::json(200, {{"assembly_id", assembly_id}, {"items", to_json_array(out)}});
}

http::Response get_phases(Deps d, http::Request& req) {
  auto out = d.db.transact([&](pqxx::work& tx) { return store::phases(tx, req.param("id")); });
  return http::Response::json(200,
                              {{"assembly_id", req.param("id")}, {"items", to_json_array(out)}});
}

// --- Sessions.
std::vector<store::Speaker> parse_speakers(body::Fields& f) {
  std::vector<store::Speaker> out;
  if (!f.has("speakers")) return out;
  const auto& sp = f.array("speakers");
  for (std::size_t i = 0; i < sp.size(); ++i) {
    const auto at = "/speakers/" + std::to_string(i);
    auto o = f.nested(sp[i], at);
    store::Speaker speaker{o.string("name", 200), o.string_or("organisation", "", 200),
                           o.string_or("topic", "", 300)};
    out.push_back(std::move(speaker));
  }
  return out;
}

store::NewSession parse_new_session(const json& b) {
  body::Fields f(b);
  store::NewSession s;
  s.id = assembly::core::new_uuid();
  const auto type = domain::parse_session_type(f.has("type") ? f.string("type", 32) : "");
  f.check(type.has_value(), "/type",
          "type must be working-session, hearing, site-visit, training, plenary or "
          "co-construction");
  if (type) s.type = *type;
  s.title = f.string("title", 300);
  s.starts_at = f.utc_time("starts_at");
  s.ends_at = f.utc_time("ends_at");
  if (!s.starts_at.empty() && !s.ends_at.empty())
    f.check(s.ends_at > s.starts_at, "/ends_at", "the session ends before it starts");
  s.place = f.string_or("place", "", 300);
  s.online_link = f.string_or("online_link", "", 500);
  f.check(!s.place.empty() || !s.online_link.empty(), "/place",
          "a place or an online link is required");
  s.phase = f.string_or("phase", "", 32);
  f.check(s.phase.empty() || domain::parse_phase_kind(s.phase).has_value(), "/phase",
          std::string("phase must be ") + domain::kPhaseKindsText);
  s.agenda = f.string_or("agenda", "", 20000);
  s.site = f.string_or("site", "", 300);
  if (type == domain::SessionType::site_visit)
    f.check(!s.site.empty(), "/site", "a site visit names its site");
  s.speakers = parse_speakers(f);
  if (type == domain::SessionType::hearing)
    f.check(!s.speakers.empty(), "/speakers", "a hearing names the people heard");
  if (type == domain::SessionType::plenary) {
    s.assembly_id = f.string("assembly_id", 64);
    f.check(!f.has("workshop_id"), "/workshop_id",
            "a plenary gathers every workshop: no workshop_id");
  } else {
    s.workshop_id = f.string("workshop_id", 64);
  }
  f.done();
  unsigned char random[6];
  randombytes_buf(random, sizeof random);
  s.checkin_code = domain::checkin_code(random);
  return s;
}

http::Response create_session(Deps d, http::Request& req) {
  auto s = parse_new_session(req.json());
  // The session's assembly is known once its workshop is found: the limits of the caller's
  // account are checked then, before anything is written.
  auto may_act = [&req](const std::string& assembly_id, const std::string& workshop_id) {
    http::require_scope(req, http::Scope{assembly_id, workshop_id});
  };
  auto out = d.db.transact([&](pqxx::work& tx) {
    return app::schedule(tx, d.outbox, s, req.caller().actor(), may_act);
  });
  auto r = session(201, out, req);
  r.headers.push_back({"Location", "/v1/sessions/" + s.id});
  return r;
}

http::Response list_sessions(Deps d, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto workshop_id = req.query_param("workshop_id").value_or("");
  auto list = d.db.transact(
      [&](pqxx::work& tx) { return store::list_sessions(tx, assembly_id, workshop_id); });
  return http::Response::items(list, [](const auto& s) { return to_json(s, nullptr); });
}

// Public fields for anyone; with a token, members see minutes and documents, staff everything.
http::Response get_session(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [s, participants] = d.db.transact([&](pqxx::work& tx) {
    return std::pair{app::must_find(tx, id), store::participants(tx, id)};
  });
  auto out = to_json(s, nullptr);
  out["participants"] = to_json_array(participants);  // kinds and organisations only
  return http::Response::json(200, out);
}

http::Response session_details(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [s, changes] = d.db.transact([&](pqxx::work& tx) {
    auto s = app::must_find(tx, id);
    facilitator_reads(req.caller(), s.workshop_id);
    return std::pair{s, store::changes(tx, id)};
  });
  auto out = to_json(s, &req.caller());
  out["changes"] = to_json_array(changes);
  return http::Response::json(200, out);
}

http::Response reschedule(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto starts = f.utc_time("starts_at"), ends = f.utc_time("ends_at");
  f.check(starts.empty() || ends.empty() || ends > starts, "/ends_at",
          "the session ends before it starts");
  auto reason = f.string("reason", 500);  // an empty reason is named ("must not be empty")
  f.done();
  auto s = naming_state([&] {
    return d.db.transact([&](pqxx::work& tx) {
      return app::reschedule(tx, d.outbox, id, starts, ends, reason, req.caller().actor());
    });
  });
  return session(200, s, req);
}

http::Response cancel(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto reason = f.string("reason", 500);  // an empty reason is named ("must not be empty")
  f.done();
  auto s = naming_state([&] {
    return d.db.transact([&](pqxx::work& tx) {
      return app::cancel(tx, d.outbox, id, reason, req.caller().actor());
    });
  });
  return session(200, s, req);
}

http::Response held(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.body.empty() ? json::object() : req.json();
  body::Fields f(b);
  auto minutes = f.string_or("minutes", "", 200000);
  f.done();
  auto s = naming_state([&] {
    return d.db.transact(
        [&](pqxx::work& tx) { return app::hold(tx, d.outbox, id, minutes, req.caller().actor()); });
  });
  return session(200, s, req);
}

http::Response put_minutes(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto minutes = f.string("minutes", 200000);
  f.done();
  auto s = d.db.transact(
      [&](pqxx::work& tx) { return app::set_minutes(tx, id, minutes, req.caller().actor()); });
  return session(200, s, req);
}

http::Response add_document(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  store::Document doc{f.string("title", 300), f.string("url", 2000)};
  f.check(doc.url.empty() || doc.url.rfind("https://", 0) == 0 || doc.url.rfind("http://", 0) == 0,
          "/url", "url must be an http(s) address");  // "" is named already
  f.done();
  auto s = d.db.transact(
      [&](pqxx::work& tx) { return app::add_document(tx, id, doc, req.caller().actor()); });
  return session(201, s, req);
}

// --- Attendance: the secretariat records a session's in bulk (a correction is a new revision,
// kept with who made it and its reason: refused without one, every such record named); each
// change publishes AttendanceRecorded.
http::Response put_attendance(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto& list = f.array("records");
  if (f.has("records") && b.at("records").is_array())  // not an array: named already
    f.check(!list.empty() && list.size() <= 500, "/records", "records: 1 to 500");
  std::vector<app::AttendanceRecord> records;
  for (std::size_t i = 0; i < list.size() && i < 500; ++i) {
    auto r = f.nested(list[i], "/records/" + std::to_string(i));
    auto member = r.string("member_id", 64);
    auto status = r.string("status", 16);
    records.push_back({member, status, r.string_or("reason", "", 500)});
  }
  f.done();
  auto [changed, items] = d.db.transact([&](pqxx::work& tx) {
    auto s = app::must_find(tx, id, true);
    body::Fields reasons(b);
    for (auto i : app::unexplained_corrections(tx, id, records))
      reasons.check(false, "/records/" + std::to_string(i) + "/reason",
                    "a correction (a status recorded already, changed) needs its reason");
    reasons.done();
    int changed = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto at = "/records/" + std::to_string(i);
      if (app::record_attendance(tx, d.outbox, s, records[i], req.caller().actor(), at + "/status"))
        ++changed;
    }
    return std::pair{changed, store::attendance(tx, id)};
  });
  return http::Response::json(
      200, {{"session_id", id}, {"changed", changed}, {"items", to_json_array(items)}});
}

http::Response get_attendance(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [members, participants] = d.db.transact([&](pqxx::work& tx) {
    facilitator_reads(req.caller(), app::must_find(tx, id).workshop_id);
    return std::pair{store::attendance(tx, id), store::participant_attendance(tx, id)};
  });
  auto statuses = [](const auto& list) {
    std::vector<std::string> out;
    for (const auto& a : list) out.push_back(a.status);
    return to_json(domain::count_statuses(out));
  };
  return http::Response::json(
      200,
      {{"session_id", id},
       {"items", to_json_array(members)},
       {"participants", to_json_array(participants)},
       {"figures", {{"members", statuses(members)}, {"participants", statuses(participants)}}}});
}

// A member checks in with the code shown in the room, from an hour before the start to an hour
// after the end. Attempts are limited per member (the code is short).
http::Response check_in(Deps d, http::RateLimiter& limiter, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  limiter.take(req.caller().actor());
  const auto b = req.json();
  body::Fields f(b);
  auto code = f.string("code", 16);
  f.done();
  const auto& member = req.caller().actor();
  auto revision =
      d.db.transact([&](pqxx::work& tx) { return app::check_in(tx, d.outbox, id, member, code); });
  return http::Response::json(
      200,
      {{"session_id", id}, {"member_id", member}, {"status", "present"}, {"revision", revision}});
}

// --- Calendars. A workshop's feed is public (public fields). A member's feed is reached by a
// link holding a keyed signature of their id (calendar applications send no bearer token).
http::Response workshop_calendar(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [title, sessions] =
      d.db.transact([&](pqxx::work& tx) { return app::workshop_sessions(tx, id); });
  return calendar("Atelier — " + title, sessions);
}

using Signature = std::function<std::string(const std::string&)>;

http::Response calendar_link(const Signature& signature, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  if (!assembly::auth::reads_as_secretariat(req.caller()) && req.caller().actor() != id)
    throw http::forbidden("a member may read only their own calendar link");
  return http::Response::json(
      200, {{"member_id", id}, {"path", "/v1/calendars/" + id + "/" + signature(id) + ".ics"}});
}

http::Response member_calendar(Deps d, const Signature& signature, http::Request& req) {
  auto member = body::uuid_param(req, "member");
  const auto& file = req.param("file");
  auto expected = signature(member) + ".ics";
  if (file.size() != expected.size() ||
      sodium_memcmp(file.data(), expected.data(), file.size()) != 0)
    throw http::not_found("no such calendar");
  auto sessions = d.db.transact([&](pqxx::work& tx) { return app::member_sessions(tx, member); });
  return calendar("Mes séances — Assemblée citoyenne", sessions);
}

}  // namespace

void add_session_routes(assembly::service::Context& ctx,
                        std::shared_ptr<assembly::pii::Keyring> keyring) {
  const Deps d{ctx.db, ctx.outbox};
  auto route = routes_with(ctx);
  auto limiter = std::make_shared<http::RateLimiter>(5.0, 5.0);
  Signature signature = [keyring](const std::string& member_id) {
    return keyring->pseudonym("calendar", member_id, 32);
  };
  const Access staff = Access::secretariat(), anyone = Access::anyone();
  // A facilitator runs its workshops' sessions (the dispatcher checks the session's workshop;
  // a creation checks it in the handler).
  const Access runs =
      Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kFacilitator});
  const Access reads = Access::roles_of(
      {assembly::auth::kSecretariat, assembly::auth::kMember, assembly::auth::kFacilitator});
  const http::RouteOptions creation{1 << 20, true, http::ScopeCheck::in_handler};
  auto& r = ctx.router;
  r.add(Method::Put, "/v1/assemblies/:id/phases/:kind", staff, route(put_phase));
  r.add(Method::Get, "/v1/assemblies/:id/phases", anyone, route(get_phases));
  r.add(Method::Post, "/v1/sessions", runs, route(create_session), creation);
  r.add(Method::Get, "/v1/sessions", anyone, route(list_sessions));
  r.add(Method::Get, "/v1/sessions/:id", anyone, route(get_session));
  r.add(Method::Get, "/v1/sessions/:id/details", reads, route(session_details));
  r.add(Method::Post, "/v1/sessions/:id/reschedule", runs, route(reschedule));
  r.add(Method::Post, "/v1/sessions/:id/cancel", runs, route(cancel));
  r.add(Method::Post, "/v1/sessions/:id/held", runs, route(held));
  r.add(Method::Put, "/v1/sessions/:id/minutes", runs, route(put_minutes));
  r.add(Method::Post, "/v1/sessions/:id/documents", runs, route(add_document));
  r.add(Method::Put, "/v1/sessions/:id/attendance", runs, route(put_attendance));
  r.add(Method::Get, "/v1/sessions/:id/attendance", runs, route(get_attendance));
  r.add(Method::Post, "/v1/sessions/:id/check-in", Access::roles_of({assembly::auth::kMember}),
        [d, limiter](http::Request& req) { return check_in(d, *limiter, req); });
  r.add(Method::Get, "/v1/workshops/:id/calendar.ics", anyone, route(workshop_calendar));
  r.add(Method::Get, "/v1/members/:id/calendar-link", Access::secretariat_or_member(),
        [signature](http::Request& req) { return calendar_link(signature, req); });
  r.add(Method::Get, "/v1/calendars/:member/:file", anyone,
        [d, signature](http::Request& req) { return member_calendar(d, signature, req); });
}

}  // namespace workshops::api
