// A session's participants beside the members (city departments' staff, representatives of
// elected officials) and their attendance; a plenary's decisions.
#include "app/participants.h"

#include "api/json.h"
#include "api/scope.h"
#include "api/sessions.h"
#include "app/sessions.h"
#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"
#include "assembly/service/api.h"

namespace workshops::api {
using namespace assembly::service::api;

namespace {

app::NewParticipant parse_participant(const json& b) {
  body::Fields f(b);
  app::NewParticipant p;
  const auto kind = domain::parse_participant_kind(f.has("kind") ? f.string("kind", 32) : "");
  f.check(kind.has_value(), "/kind", "kind must be department or elected-representative");
  if (kind) p.kind = *kind;
  p.name = f.string("name", 200);
  f.check(!f.has("name") || !p.name.empty(), "/name", "a name is required");
  p.organisation = f.string("organisation", 200);
  f.check(!f.has("organisation") || !p.organisation.empty(), "/organisation",
          "the department, or whose representative, is required");
  p.title = f.string_or("title", "", 200);
  f.done();
  return p;
}

http::Response add_participant(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto p = parse_participant(req.json());
  auto out = d.db.transact([&](pqxx::work& tx) {
    return app::add_participant(tx, d.outbox, id, p, req.caller().actor());
  });
  auto r = http::Response::json(201, to_json(out, true));
  r.headers.push_back({"Location", "/v1/sessions/" + id + "/participants/" + out.id});
  return r;
}

http::Response remove_participant(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto participant = body::uuid_param(req, "participant");
  d.db.transact([&](pqxx::work& tx) {
    app::remove_participant(tx, d.outbox, id, participant, req.caller().actor());
  });
  return http::Response::json(
      200, {{"session_id", id}, {"participant_id", participant}, {"removed", true}});
}

// Names and titles: the secretariat, members of the session's workshop (any workshop of the
// assembly for a plenary) and the workshop's facilitators.
http::Response list_participants(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto& caller = req.caller();
  const bool staff = assembly::auth::reads_as_secretariat(caller) || reads_as_facilitator(caller);
  auto list = d.db.transact([&](pqxx::work& tx) {
    facilitator_reads(caller, app::session_for_reader(tx, id, caller.actor(), staff).workshop_id);
    return store::participants(tx, id);
  });
  return http::Response::json(
      200, {{"session_id", id},
            {"items", http::json_array(list, [](const auto& p) { return to_json(p, true); })}});
}

// The secretariat records participants' attendance in bulk, like the members' (a correction is
// a new revision, kept with who made it). Every record is read before anything is written.
http::Response put_participant_attendance(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto& records = f.array("records");
  f.check(!records.empty() && records.size() <= 500, "/records", "records: 1 to 500");
  std::vector<std::pair<std::string, std::string>> wanted;
  for (std::size_t i = 0; i < records.size() && i < 500; ++i) {
    const auto at = "/records/" + std::to_string(i);
    auto r = f.nested(records[i], at);
    auto participant = r.string("participant_id", 64);
    auto status = r.string("status", 16);
    r.check(status.empty() || domain::is_attendance_status(status), at + "/status",
            "status must be present, excused or absent");
    wanted.emplace_back(participant, status);
  }
  f.done();
  auto [changed, items] = d.db.transact([&](pqxx::work& tx) {
    auto s = app::must_find(tx, id, true);
    int changed = 0;
    for (std::size_t i = 0; i < wanted.size(); ++i)
      if (app::record_participant_attendance(tx, s, wanted[i].first, wanted[i].second,
                                             req.caller().actor(),
                                             "/records/" + std::to_string(i) + "/participant_id"))
        ++changed;
    return std::pair{changed, store::participant_attendance(tx, id)};
  });
  return http::Response::json(
      200, {{"session_id", id}, {"changed", changed}, {"items", to_json_array(items)}});
}

// Public: what the plenary decided, as known to workshops.
http::Response decisions(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [s, list] = d.db.transact([&](pqxx::work& tx) { return app::plenary_decisions(tx, id); });
  return http::Response::json(200, {{"session_id", s.id},
                                    {"assembly_id", s.assembly_id},
                                    {"title", s.title},
                                    {"starts_at", s.starts_at},
                                    {"state", domain::to_string(s.state)},
                                    {"items", to_json_array(list)}});
}

}  // namespace

void add_participant_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  // A facilitator runs its workshops' sessions (the dispatcher checks the session's workshop).
  const Access staff =
      Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kFacilitator});
  const Access reads = Access::roles_of(
      {assembly::auth::kSecretariat, assembly::auth::kMember, assembly::auth::kFacilitator});
  auto& r = ctx.router;
  r.add(Method::Post, "/v1/sessions/:id/participants", staff, route(add_participant));
  r.add(Method::Get, "/v1/sessions/:id/participants", reads, route(list_participants),
        http::personal_data());
  r.add(Method::Delete, "/v1/sessions/:id/participants/:participant", staff,
        route(remove_participant));
  r.add(Method::Put, "/v1/sessions/:id/participant-attendance", staff,
        route(put_participant_attendance));
  r.add(Method::Get, "/v1/sessions/:id/decisions", Access::anyone(), route(decisions));
}

}  // namespace workshops::api
