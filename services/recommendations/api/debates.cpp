// The debate on a motion at the last plenary: the group's presentation, the
// interventions (by role; a name only with the speaker's consent) and the
// summary, recorded by the secretariat; public to read.
#include "app/debates.h"

#include "api/routes.h"
#include "app/drafting.h"
#include "assembly/core/ids.h"
#include "assembly/service/api.h"

namespace recommendations::api {
using namespace assembly::service::api;

namespace {

// One speaker: a role, and a name only with `name_consent: true`.
domain::Speaker read_speaker(body::Fields& f, const json& o, const std::string& at,
                             bool with_summary) {
  auto g = f.nested(o, at);
  domain::Speaker s;
  const auto role_name = g.string("role", 40);  // "" when missing (already named)
  const auto role = domain::parse_speaker_role(role_name);
  g.check(role_name.empty() || role.has_value(), at + "/role",
          "role must be one of " + domain::speaker_role_names());
  if (role) s.role = *role;
  s.name = g.string_or("name", "", 200);
  const bool consent_ok = !g.has("name_consent") || o["name_consent"].is_boolean();
  g.check(consent_ok, at + "/name_consent", "name_consent must be true or false");
  const bool consent = consent_ok && g.has("name_consent") && o["name_consent"].get<bool>();
  g.check(domain::name_recordable(s.name, consent), at + "/name",
          "a name is recorded only when the speaker agreed (name_consent: true)");
  if (with_summary) s.summary = g.string("summary", 5000);
  return s;
}

domain::Debate read_debate(http::Request& req) {
  domain::Debate d;
  d.motion_id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  d.plenary_session_id = f.string("plenary_session_id", 64);
  f.check(d.plenary_session_id.empty() || assembly::core::is_uuid(d.plenary_session_id),
          "/plenary_session_id", "plenary_session_id is the plenary session's id (a uuid)");
  const bool has_presentation = b.is_object() && b.contains("presentation");
  f.check(has_presentation, "/presentation", "presentation is required: {summary, speakers}");
  if (has_presentation) {
    const auto& p = b["presentation"];
    auto g = f.nested(p, "/presentation");
    d.presentation_summary = g.string("summary", 10000);
    const auto& speakers = g.array("speakers");
    for (std::size_t i = 0; i < speakers.size(); ++i)
      d.presenters.push_back(
          read_speaker(f, speakers[i], "/presentation/speakers/" + std::to_string(i), false));
  }
  const auto& interventions = f.has("interventions") ? f.array("interventions") : json::array();
  for (std::size_t i = 0; i < interventions.size(); ++i)
    d.interventions.push_back(
        read_speaker(f, interventions[i], "/interventions/" + std::to_string(i), true));
  d.summary = f.string("summary", 20000);
  f.done();
  return d;
}

json speaker_json(const domain::Speaker& s, bool with_summary) {
  json out = {{"role", domain::to_string(s.role)},
              {"name", s.name.empty() ? json() : json(s.name)}};
  if (with_summary) out["summary"] = s.summary;
  return out;
}

json debate_json(const store::StoredDebate& s) {
  const auto& d = s.debate;
  json presenters = json::array(), interventions = json::array();
  for (const auto& p : d.presenters) presenters.push_back(speaker_json(p, false));
  for (const auto& i : d.interventions) interventions.push_back(speaker_json(i, true));
  return {{"motion_id", d.motion_id},
          {"plenary_session_id", d.plenary_session_id},
          {"presentation", {{"summary", d.presentation_summary}, {"speakers", presenters}}},
          {"interventions", interventions},
          {"summary", d.summary},
          {"recorded_at", s.recorded_at}};
}

http::Response put_debate(Deps d, http::Request& req) {
  auto debate = read_debate(req);
  try {
    auto out = d.db.transact([&](pqxx::work& tx) {
      return app::record_debate(tx, d.outbox, debate, req.caller().actor());
    });
    return http::Response::json(200, debate_json(out));
  } catch (const app::StatusRefused& r) {
    throw http::to_problem(r.refusal()).with("status", r.status());
  }
}

http::Response get_debate(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) { return app::must_find_debate(tx, id); });
  return http::Response::json(200, debate_json(out));
}

}  // namespace

void add_debate_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  ctx.router.add(Method::Put, "/v1/motions/:id/debate", Access::secretariat(), route(put_debate));
  ctx.router.add(Method::Get, "/v1/motions/:id/debate", Access::anyone(), route(get_debate));
}

}  // namespace recommendations::api
