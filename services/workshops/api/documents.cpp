#include "app/documents.h"

#include <tuple>

#include "api/json.h"
#include "api/sessions.h"
#include "app/axes.h"
#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"
#include "assembly/core/diff.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace workshops::api {
using namespace assembly::service::api;

namespace {

store::Workshop staff_or_on_roster(pqxx::transaction_base& tx, const http::Request& req,
                                   const std::string& id) {
  return app::staff_or_on_roster(tx, id, req.caller().actor(),
                                 assembly::auth::reads_as_secretariat(req.caller()));
}

// --- Priority axes, chosen by the workshop in the discovery phase: the whole ordered list at
// once.
std::vector<store::Axis> parse_axes(body::Fields& f, const json& b) {
  std::vector<store::Axis> out;
  const auto& axes = f.array("axes");
  if (f.has("axes") && b.at("axes").is_array())  // not an array: named already
    f.check(!axes.empty() && axes.size() <= 20, "/axes", "axes: 1 to 20");
  for (std::size_t i = 0; i < axes.size() && i < 20; ++i) {
    auto a = f.nested(axes[i], "/axes/" + std::to_string(i));
    auto title = a.string("title", 300);
    out.push_back({static_cast<int>(i + 1), title, a.string_or("description", "", 5000), ""});
  }
  return out;
}

http::Response put_axes(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto chosen_on = f.date("chosen_on");
  auto axes = parse_axes(f, b);
  // Required once the members chose the axes (a correction), optional before.
  auto reason = f.string_or("reason", "", 1000);
  f.done();
  auto out = d.db.transact([&](pqxx::work& tx) {
    return app::set_axes(tx, d.outbox, id, chosen_on, axes, reason, req.caller().actor());
  });
  return http::Response::json(200, {{"workshop_id", id}, {"items", to_json_array(out)}});
}

http::Response get_axes(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_workshop(tx, id);
    auto choice = store::find_choice(tx, id);
    return std::make_tuple(store::axes(tx, id), store::corrections(tx, id),
                           choice && choice->state == domain::AxesChoiceState::closed);
  });
  const auto& [axes, corrections, by_members] = out;
  return http::Response::json(200, {{"workshop_id", id},
                                    {"items", to_json_array(axes)},
                                    {"chosen_by", by_members ? "members" : "secretariat"},
                                    {"corrections", to_json_array(corrections)}});
}

// --- The synthesis notebook: each save is a new version (never overwritten).
http::Response save_version(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto text = f.string("text", 500000);  // an empty text is named ("must not be empty")
  auto note = f.string_or("note", "", 500);
  f.done();
  auto v = d.db.transact([&](pqxx::work& tx) {
    staff_or_on_roster(tx, req, id);
    return app::save_version(tx, id, text, note, req.caller().actor());
  });
  return http::Response::json(201, to_json(v));
}

http::Response list_versions(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    staff_or_on_roster(tx, req, id);
    return store::versions(tx, id);
  });
  json items = json::array();
  for (const auto& v : out) items.push_back(to_json(v));
  return http::Response::json(200, {{"workshop_id", id}, {"items", items}});
}

http::Response get_version(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int v = body::version_param(req, "version");
  auto out = d.db.transact([&](pqxx::work& tx) {
    staff_or_on_roster(tx, req, id);
    return app::must_find_version(tx, id, v);
  });
  return http::Response::json(200, to_json(out, true));
}

// Any two versions compared, line by line.
http::Response diff(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int from = body::version_param(req, "from"), to = body::version_param(req, "to");
  auto lines = d.db.transact([&](pqxx::work& tx) {
    staff_or_on_roster(tx, req, id);
    auto a = app::must_find_version(tx, id, from, " (from)").text;
    auto b = app::must_find_version(tx, id, to, " (to)").text;
    return assembly::core::diff_lines(a, b);
  });
  json out = json::array();
  int added = 0, removed = 0;
  for (const auto& l : lines) {
    out.push_back({{"op", std::string(1, l.op)}, {"text", l.text}});
    added += l.op == '+';
    removed += l.op == '-';
  }
  return http::Response::json(200, {{"workshop_id", id},
                                    {"from", from},
                                    {"to", to},
                                    {"added", added},
                                    {"removed", removed},
                                    {"lines", out},
                                    {"unified", assembly::core::render_diff(lines)}});
}

http::Response submit_version(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int v = body::version_param(req, "version");
  auto out = d.db.transact([&](pqxx::work& tx) {
    return app::submit_version(tx, d.outbox, id, v, req.caller().actor());
  });
  return http::Response::json(200, to_json(out));
}

// --- Mandates: the executive proposes one per workshop; the plenary votes on it here (see
// README).
// The mandate names the submitted notebook version it answers ("au regard de ces carnets de
// synthèse, l'exécutif a proposé à chaque atelier un mandat").
http::Response propose_mandate(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto text = f.string("text", 20000);  // an empty text is named ("must not be empty")
  auto version = static_cast<int>(f.integer("notebook_version", 1, 1000000));
  auto named = f.string_or("department", "", 200);
  f.done();
  // City-service staff propose for their token's department (403 when the body names another);
  // the secretariat for the department it names; either among the workshop's (app).
  const auto department = http::acting_department(req, named);
  const auto proposer = req.caller().has(assembly::auth::kCityService)
                            ? domain::Proposer::city_service
                            : domain::Proposer::secretariat;
  auto m = d.db.transact([&](pqxx::work& tx) {
    return app::propose_mandate(tx, id, text, version, proposer, department, req.caller().actor());
  });
  return http::Response::json(201, to_json(m));
}

http::Response list_mandates(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_workshop(tx, id);
    return store::mandates(tx, id);
  });
  return http::Response::json(200, {{"workshop_id", id}, {"items", to_json_array(out)}});
}

// The plenary's vote: adopted when more for than against among the votes cast; `unanimous` when
// nobody voted against or abstained (the Paris plenary, June 2022).
http::Response vote_mandate(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  store::MandateVote v;
  v.votes_for = static_cast<int>(f.integer("votes_for", 0, 100000));
  v.votes_against = static_cast<int>(f.integer("votes_against", 0, 100000));
  v.abstentions = static_cast<int>(f.integer("abstentions", 0, 100000));
  // A count at fault is named already (and read as 0).
  auto count_given = [&b](const char* key) {
    return b.is_object() && b.contains(key) && b.at(key).is_number_integer() &&
           b.at(key).get<long long>() >= 0 && b.at(key).get<long long>() <= 100000;
  };
  if (count_given("votes_for") && count_given("votes_against"))
    f.check(v.votes_for + v.votes_against > 0, "/votes_for", "no vote was cast");
  v.session_id = f.string("session_id", 64);
  f.done();
  auto m = d.db.transact(
      [&](pqxx::work& tx) { return app::vote_mandate(tx, d.outbox, id, v, req.caller().actor()); });
  return http::Response::json(200, to_json(m));
}

}  // namespace

void add_document_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  const Access staff = Access::secretariat(), staff_or_member = Access::secretariat_or_member();
  auto& r = ctx.router;
  r.add(Method::Put, "/v1/workshops/:id/priority-axes", staff, route(put_axes));
  r.add(Method::Get, "/v1/workshops/:id/priority-axes", Access::anyone(), route(get_axes));
  r.add(Method::Post, "/v1/workshops/:id/notebook/versions", staff_or_member, route(save_version));
  r.add(Method::Get, "/v1/workshops/:id/notebook/versions", staff_or_member, route(list_versions));
  r.add(Method::Get, "/v1/workshops/:id/notebook/versions/:version", staff_or_member,
        route(get_version));
  r.add(Method::Get, "/v1/workshops/:id/notebook/diff", staff_or_member, route(diff));
  r.add(Method::Post, "/v1/workshops/:id/notebook/versions/:version/submit", staff,
        route(submit_version));
  r.add(Method::Post, "/v1/workshops/:id/mandates",
        Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kCityService}),
        route(propose_mandate));
  r.add(Method::Get, "/v1/workshops/:id/mandates", Access::anyone(), route(list_mandates));
  r.add(Method::Post, "/v1/mandates/:id/vote", staff, route(vote_mandate));
}

}  // namespace workshops::api
