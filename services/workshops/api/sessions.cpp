#include "api/sessions.h"

#include <sodium.h>

#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/http/rate_limit.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/calendar.h"
#include "domain/sessions.h"
#include "store/session_store.h"
#include "store/workshop_store.h"

namespace workshops::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

const Access kStaff = Access::secretariat();
const Access kStaffOrMember = Access::secretariat_or_member();

// What the public sees of a session; members and staff see minutes, documents and the online
// link; only staff see the check-in code.
json view(json s, const assembly::auth::Principal* caller) {
  bool staff = caller && caller->has(assembly::auth::kSecretariat);
  if (!staff) s.erase("checkin_code");
  if (!caller) {
    s.erase("minutes");
    s.erase("documents");
    s.erase("online_link");
  }
  s.erase("day");
  return s;
}

json must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update = false) {
  auto s = store::find_session(tx, id, for_update);
  if (!s) throw http::not_found("no session " + id);
  return *s;
}

void refuse(const json& s, domain::SessionChange c) {
  if (auto why = domain::refuse_change(s["state"].get<std::string>(), c))
    throw http::conflict(*why).with("state", s["state"]);
}

// One attendance record (checked against the roster that day), its change line and its event.
unsigned attend(pqxx::work& tx, const assembly::events::Outbox& outbox, const json& s,
                const std::string& member_id, const std::string& status, const std::string& by,
                const std::string& via, const std::string& field) {
  auto periods = store::roster_periods(
      tx, s["assembly_id"], s["workshop_id"].is_null() ? "" : s["workshop_id"].get<std::string>(),
      member_id);
  if (auto why = domain::refuse_attendance(s["state"].get<std::string>(), status, periods,
                                           s["day"].get<std::string>()))
    throw http::unprocessable(*why, field);
  auto revision = store::record_attendance(tx, s["id"], member_id, status, by, via);
  assembly::workshops::v1::AttendanceRecorded e;
  e.set_session_id(s["id"]);
  e.set_workshop_id(s["workshop_id"].is_null() ? "" : s["workshop_id"].get<std::string>());
  e.set_assembly_id(s["assembly_id"]);
  e.set_member_id(member_id);
  e.set_session_type(s["type"]);
  e.set_status(status);
  e.set_held_at(s["starts_at"]);
  e.set_revision(revision);
  e.set_recorded_by(by);
  outbox.append(tx, e, s["id"]);
  return revision;
}

std::vector<domain::CalendarEvent> calendar_events(const json& sessions) {
  std::vector<domain::CalendarEvent> out;
  for (const auto& s : sessions) {
    std::string where = s["place"];
    if (where.empty()) where = s["online_link"];
    if (s["type"] == "site-visit" && !s["site"].get<std::string>().empty()) where = s["site"];
    out.push_back({s["id"], s["starts_at"], s["ends_at"],
                   std::string(s["title"]) + " (" + std::string(s["type"]) + ")", where,
                   s["agenda"], s["state"], s["sequence"]});
  }
  return out;
}

}  // namespace

void add_session_routes(assembly::service::Context& ctx,
                        std::shared_ptr<assembly::pii::Keyring> keyring) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;

  // --- Phases: discovery, recommendations, co-construction and vote.
  ctx.router.add(Method::Put, "/v1/assemblies/:id/phases/:kind", kStaff, [&db](http::Request& req) {
    const auto& assembly_id = req.param("id");
    const auto& kind = req.param("kind");
    if (kind != "discovery" && kind != "recommendations" && kind != "co-construction-and-vote")
      throw http::not_found("no phase \"" + kind +
                            "\": discovery, recommendations or co-construction-and-vote");
    auto b = req.json();
    auto starts = body::date(b, "starts_on"), ends = body::date(b, "ends_on");
    if (ends < starts) throw http::unprocessable("the phase ends before it starts", "/ends_on");
    auto out = db.transact([&](pqxx::work& tx) {
      store::upsert_phase(tx, assembly_id, kind, starts, ends);
      return store::phases(tx, assembly_id);
    });
    return http::Response::json(200, {{"assembly_id", assembly_id}, {"items", out}});
  });
  ctx.router.add(
      Method::Get, "/v1/assemblies/:id/phases", Access::anyone(), [&db](http::Request& req) {
        auto out = db.transact([&](pqxx::work& tx) { return store::phases(tx, req.param("id")); });
        return http::Response::json(200, {{"assembly_id", req.param("id")}, {"items", out}});
      });

  // --- Sessions.
  ctx.router.add(Method::Post, "/v1/sessions", kStaff, [&db](http::Request& req) {
    auto b = req.json();
    store::NewSession s;
    s.id = assembly::core::new_uuid();
    s.type = body::string(b, "type", "", 32);
    if (!domain::is_session_type(s.type))
      throw http::unprocessable(
          "type must be working-session, hearing, site-visit, training, plenary or co-construction",
          "/type");
    s.title = body::string(b, "title", "", 300);
    if (s.title.empty()) throw http::unprocessable("title is required", "/title");
    s.starts_at = body::utc_time(b, "starts_at");
    s.ends_at = body::utc_time(b, "ends_at");
    if (s.ends_at <= s.starts_at)
      throw http::unprocessable("the session ends before it starts", "/ends_at");
    s.place = body::string_or(b, "place", "", "", 300);
    s.online_link = body::string_or(b, "online_link", "", "", 500);
    if (s.place.empty() && s.online_link.empty())
      throw http::unprocessable("a place or an online link is required", "/place");
    s.agenda = body::string_or(b, "agenda", "", "", 20000);
    s.site = body::string_or(b, "site", "", "", 300);
    if (s.type == "site-visit" && s.site.empty())
      throw http::unprocessable("a site visit names its site", "/site");
    if (b.contains("speakers")) {
      const auto& sp = body::array(b, "speakers");
      for (std::size_t i = 0; i < sp.size(); ++i) {
        const auto at = "/speakers/" + std::to_string(i);
        const auto& o = body::object(sp[i], at);
        s.speakers.push_back({{"name", body::string(o, "name", at, 200)},
                              {"organisation", body::string_or(o, "organisation", "", at, 200)},
                              {"topic", body::string_or(o, "topic", "", at, 300)}});
      }
    }
    if (s.type == "hearing" && s.speakers.empty())
      throw http::unprocessable("a hearing names the people heard", "/speakers");
    unsigned char random[6];
    randombytes_buf(random, sizeof random);
    s.checkin_code = domain::checkin_code(random);
    auto out = db.transact([&](pqxx::work& tx) {
      if (s.type == "plenary") {
        s.assembly_id = body::string(b, "assembly_id", "", 64);
        if (b.contains("workshop_id"))
          throw http::unprocessable("a plenary gathers every workshop: no workshop_id",
                                    "/workshop_id");
      } else {
        auto wid = body::string(b, "workshop_id", "", 64);
        auto w = store::find(tx, wid);
        if (!w) throw http::unprocessable("no workshop " + wid, "/workshop_id");
        s.workshop_id = w->id;
        s.assembly_id = w->assembly_id;
      }
      store::insert_session(tx, s, req.caller().subject);
      store::record_change(tx, s.id, req.caller().subject, "scheduled",
                           {{"starts_at", s.starts_at}, {"ends_at", s.ends_at}});
      return must_find(tx, s.id);
    });
    auto r = http::Response::json(201, view(out, &req.caller()));
    r.headers.push_back({"Location", "/v1/sessions/" + s.id});
    return r;
  });

  ctx.router.add(Method::Get, "/v1/sessions", Access::anyone(), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto workshop_id = req.query_param("workshop_id").value_or("");
    auto list = db.transact(
        [&](pqxx::work& tx) { return store::list_sessions(tx, assembly_id, workshop_id); });
    json items = json::array();
    for (auto& s : list) items.push_back(view(s, nullptr));
    return http::Response::json(200, {{"items", items}});
  });

  // Public fields for anyone; with a token, members see minutes and documents, staff everything.
  ctx.router.add(Method::Get, "/v1/sessions/:id", Access::anyone(), [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto s = db.transact([&](pqxx::work& tx) { return must_find(tx, id); });
    return http::Response::json(200, view(s, nullptr));
  });
  ctx.router.add(Method::Get, "/v1/sessions/:id/details", kStaffOrMember,
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto out = db.transact([&](pqxx::work& tx) {
                     auto s = must_find(tx, id);
                     s["changes"] = store::changes(tx, id);
                     return s;
                   });
                   return http::Response::json(200, view(out, &req.caller()));
                 });

  ctx.router.add(Method::Post, "/v1/sessions/:id/reschedule", kStaff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    auto starts = body::utc_time(b, "starts_at"), ends = body::utc_time(b, "ends_at");
    if (ends <= starts) throw http::unprocessable("the session ends before it starts", "/ends_at");
    auto reason = body::string(b, "reason", "", 500);
    if (reason.empty()) throw http::unprocessable("a reason is required", "/reason");
    auto out = db.transact([&](pqxx::work& tx) {
      auto s = must_find(tx, id, true);
      refuse(s, domain::SessionChange::reschedule);
      store::reschedule(tx, id, starts, ends);
      store::record_change(
          tx, id, req.caller().subject, "rescheduled",
          {{"from", s["starts_at"]}, {"to", starts}, {"ends_at", ends}, {"reason", reason}});
      return must_find(tx, id);
    });
    return http::Response::json(200, view(out, &req.caller()));
  });

  ctx.router.add(Method::Post, "/v1/sessions/:id/cancel", kStaff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto reason = body::string(req.json(), "reason", "", 500);
    if (reason.empty()) throw http::unprocessable("a reason is required", "/reason");
    auto out = db.transact([&](pqxx::work& tx) {
      auto s = must_find(tx, id, true);
      refuse(s, domain::SessionChange::cancel);
      store::set_state(tx, id, "cancelled", reason);
      store::record_change(tx, id, req.caller().subject, "cancelled", {{"reason", reason}});
      return must_find(tx, id);
    });
    return http::Response::json(200, view(out, &req.caller()));
  });

  ctx.router.add(Method::Post, "/v1/sessions/:id/held", kStaff, [&db, &outbox](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.body.empty() ? json::object() : req.json();
    auto minutes = body::string_or(b, "minutes", "", "", 200000);
    auto out = db.transact([&](pqxx::work& tx) {
      auto s = must_find(tx, id, true);
      refuse(s, domain::SessionChange::hold);
      store::set_state(tx, id, "held", "");
      if (!minutes.empty()) store::set_minutes(tx, id, minutes);
      store::record_change(tx, id, req.caller().subject, "held", json::object());
      assembly::workshops::v1::SessionHeld e;
      e.set_session_id(id);
      e.set_workshop_id(s["workshop_id"].is_null() ? "" : s["workshop_id"].get<std::string>());
      e.set_assembly_id(s["assembly_id"]);
      e.set_session_type(s["type"]);
      e.set_title(s["title"]);
      e.set_starts_at(s["starts_at"]);
      e.set_speakers(static_cast<unsigned>(s["speakers"].size()));
      outbox.append(tx, e, id);
      return must_find(tx, id);
    });
    return http::Response::json(200, view(out, &req.caller()));
  });

  ctx.router.add(Method::Put, "/v1/sessions/:id/minutes", kStaff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto minutes = body::string(req.json(), "minutes", "", 200000);
    auto out = db.transact([&](pqxx::work& tx) {
      auto s = must_find(tx, id, true);
      if (s["state"] == "cancelled")
        throw http::conflict("the session was cancelled: it has no minutes");
      store::set_minutes(tx, id, minutes);
      store::record_change(tx, id, req.caller().subject, "minutes", {{"length", minutes.size()}});
      return must_find(tx, id);
    });
    return http::Response::json(200, view(out, &req.caller()));
  });

  ctx.router.add(Method::Post, "/v1/sessions/:id/documents", kStaff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    json doc = {{"title", body::string(b, "title", "", 300)},
                {"url", body::string(b, "url", "", 2000)}};
    if (doc["title"] == "") throw http::unprocessable("title is required", "/title");
    if (doc["url"].get<std::string>().rfind("https://", 0) != 0 &&
        doc["url"].get<std::string>().rfind("http://", 0) != 0)
      throw http::unprocessable("url must be an http(s) address", "/url");
    auto out = db.transact([&](pqxx::work& tx) {
      must_find(tx, id, true);
      store::add_document(tx, id, doc);
      store::record_change(tx, id, req.caller().subject, "document", doc);
      return must_find(tx, id);
    });
    return http::Response::json(201, view(out, &req.caller()));
  });

  // --- Attendance: the secretariat records a session's in bulk (a correction is a new revision,
  // kept with who made it); each change publishes AttendanceRecorded.
  ctx.router.add(
      Method::Put, "/v1/sessions/:id/attendance", kStaff, [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        const auto& records = body::array(b, "records");
        if (records.empty() || records.size() > 500)
          throw http::unprocessable("records: 1 to 500", "/records");
        auto out = db.transact([&](pqxx::work& tx) {
          auto s = must_find(tx, id, true);
          int changed = 0;
          for (std::size_t i = 0; i < records.size(); ++i) {
            const auto at = "/records/" + std::to_string(i);
            const auto& r = body::object(records[i], at);
            auto member = body::string(r, "member_id", at, 64);
            auto status = body::string(r, "status", at, 16);
            auto current = tx.exec_params(
                "SELECT status FROM attendance WHERE session_id = $1 AND member_id = $2", id,
                member);
            if (!current.empty() && current[0][0].as<std::string>() == status)
              continue;  // unchanged: no new revision
            attend(tx, outbox, s, member, status, req.caller().subject, "secretariat",
                   at + "/status");
            ++changed;
          }
          return json{
              {"session_id", id}, {"changed", changed}, {"items", store::attendance(tx, id)}};
        });
        return http::Response::json(200, out);
      });

  ctx.router.add(Method::Get, "/v1/sessions/:id/attendance", kStaff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) {
      must_find(tx, id);
      return store::attendance(tx, id);
    });
    return http::Response::json(200, {{"session_id", id}, {"items", out}});
  });

  // A member checks in with the code shown in the room, from an hour before the start to an hour
  // after the end. Attempts are limited per member (the code is short).
  auto limiter = std::make_shared<http::RateLimiter>(5.0, 5.0);
  ctx.router.add(
      Method::Post, "/v1/sessions/:id/check-in", Access::roles_of({assembly::auth::kMember}),
      [&db, &outbox, limiter](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        limiter->take(req.caller().subject);
        auto code = body::string(req.json(), "code", "", 16);
        auto out = db.transact([&](pqxx::work& tx) {
          auto s = must_find(tx, id, true);
          const std::string expected = s["checkin_code"];
          if (code.size() != expected.size() ||
              sodium_memcmp(code.data(), expected.data(), code.size()) != 0)
            throw http::unprocessable("this is not the session's check-in code", "/code");
          auto open = tx.exec_params1(
                            "SELECT now() BETWEEN starts_at - interval '1 hour' AND ends_at + "
                            "interval '1 hour' "
                            "FROM sessions WHERE id = $1",
                            id)[0]
                          .as<bool>();
          if (!open)
            throw http::conflict(
                "check-in is open from an hour before the session to an hour after it");
          auto revision = attend(tx, outbox, s, req.caller().subject, "present",
                                 req.caller().subject, "check-in", "/code");
          return json{{"session_id", id},
                      {"member_id", req.caller().subject},
                      {"status", "present"},
                      {"revision", revision}};
        });
        return http::Response::json(200, out);
      });

  // --- Calendars. A workshop's feed is public (public fields). A member's feed is reached by a
  // link holding a keyed signature of their id (calendar applications send no bearer token).
  ctx.router.add(Method::Get, "/v1/workshops/:id/calendar.ics", Access::anyone(),
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto [title, sessions] = db.transact([&](pqxx::work& tx) {
                     auto w = store::find(tx, id);
                     if (!w) throw http::not_found("no workshop " + id);
                     return std::pair{w->title, store::list_sessions(tx, w->assembly_id, id)};
                   });
                   return http::Response::text(
                       200,
                       domain::render_calendar("Atelier — " + title, calendar_events(sessions),
                                               assembly::core::utc_now()),
                       "text/calendar; charset=utf-8");
                 });

  auto signature = [keyring](const std::string& member_id) {
    return keyring->pseudonym("calendar", member_id, 32);
  };
  ctx.router.add(
      Method::Get, "/v1/members/:id/calendar-link", kStaffOrMember,
      [signature](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        if (!req.caller().has(assembly::auth::kSecretariat) && req.caller().subject != id)
          throw http::forbidden("a member may read only their own calendar link");
        return http::Response::json(
            200,
            {{"member_id", id}, {"path", "/v1/calendars/" + id + "/" + signature(id) + ".ics"}});
      });
  ctx.router.add(
      Method::Get, "/v1/calendars/:member/:file", Access::anyone(),
      [&db, signature](http::Request& req) {
        auto member = body::uuid_param(req, "member");
        const auto& file = req.param("file");
        auto expected = signature(member) + ".ics";
        if (file.size() != expected.size() ||
            sodium_memcmp(file.data(), expected.data(), file.size()) != 0)
          throw http::not_found("no such calendar");
        auto sessions = db.transact([&](pqxx::work& tx) {
          json out = json::array();
          for (const auto& w : store::workshops_of_member(tx, member))
            for (const auto& s : store::list_sessions(tx, w.assembly_id, w.id)) out.push_back(s);
          return out;
        });
        return http::Response::text(
            200,
            domain::render_calendar("Mes séances — Assemblée citoyenne", calendar_events(sessions),
                                    assembly::core::utc_now()),
            "text/calendar; charset=utf-8");
      });
}

}  // namespace workshops::api
