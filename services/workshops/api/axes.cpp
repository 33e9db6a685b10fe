// The members' choice of their workshop's priority axes (app/axes): members of the workshop and
// the secretariat propose, the secretariat opens the choice, members approve any number of
// proposals (one ballot each, changed until the close), the secretariat closes and the count's
// chosen proposals become the workshop's priority axes. Proposals and the result are public.
#include "api/axes.h"

#include "api/json.h"
#include "app/axes.h"
#include "app/documents.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace workshops::api {
using namespace assembly::service::api;

namespace {

app::Actor actor_of(const http::Request& req) {
  return {req.caller().actor(), req.caller().has(assembly::auth::kSecretariat)};
}

// Characters, not bytes, of a UTF-8 text (French accents take two bytes).
std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

json ballot_json(const std::string& workshop_id, const store::StoredBallot& b) {
  return {{"workshop_id", workshop_id},
          {"member_id", b.ballot.member_id},
          {"approve", b.ballot.approved},
          {"cast_at", b.cast_at}};
}

http::Response propose(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  body::Fields f(b);
  auto title = f.string("title", 4 * domain::kAxisTitleMax);
  f.check(characters(title) <= domain::kAxisTitleMax, "/title",
          "title: at most " + std::to_string(domain::kAxisTitleMax) + " characters");
  auto text = f.string_or("text", "", 4 * domain::kAxisTextMax);
  f.check(characters(text) <= domain::kAxisTextMax, "/text",
          "text: at most " + std::to_string(domain::kAxisTextMax) + " characters");
  f.done();
  auto p = d.db.transact([&](pqxx::work& tx) {
    return app::propose_axis(tx, d.outbox, id, actor_of(req), title, text);
  });
  return http::Response::json(201, to_json(p));
}

http::Response list_proposals(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_workshop(tx, id);
    return store::proposals(tx, id);
  });
  return http::Response::json(200, {{"workshop_id", id}, {"items", to_json_array(out)}});
}

http::Response open_choice(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  body::Fields f(b);
  auto seats = f.integer("seats", domain::kSeatsMin, domain::kSeatsMax);
  f.done();
  auto c = d.db.transact([&](pqxx::work& tx) {
    return app::open_axes_choice(tx, d.outbox, id, static_cast<int>(seats), req.caller().actor());
  });
  return http::Response::json(201, to_json(c));
}

http::Response get_choice(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto c = d.db.transact([&](pqxx::work& tx) {
    app::must_find_workshop(tx, id);
    return store::find_choice(tx, id);
  });
  if (!c) throw http::not_found("the members' choice of axes was not opened");
  return http::Response::json(200, to_json(*c));
}

// A member's ballot: the ids of the proposals they approve (any number, none included).
http::Response put_ballot(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  body::Fields f(b);
  const auto& list = f.array("approve");
  std::vector<std::string> approve;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const bool ok = list[i].is_string();
    f.check(ok, "/approve/" + std::to_string(i), "a proposal's id");
    if (ok) approve.push_back(list[i].get<std::string>());
  }
  f.check(list.size() <= 200, "/approve", "at most 200 proposals");
  f.done();
  auto out = d.db.transact([&](pqxx::work& tx) {
    std::vector<http::FieldError> errors;
    for (auto i : app::unknown_proposals(tx, id, approve))
      errors.push_back({"/approve/" + std::to_string(i), "not a proposal of this workshop"});
    if (!errors.empty()) throw http::Problem::invalid(errors);
    return app::cast_axes_ballot(tx, id, req.caller().actor(), approve);
  });
  return http::Response::json(200, ballot_json(id, out));
}

http::Response get_ballot(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact(
      [&](pqxx::work& tx) { return app::own_axes_ballot(tx, id, req.caller().actor()); });
  return http::Response::json(200, ballot_json(id, out));
}

http::Response close_choice(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  body::Fields f(b);
  auto chosen_on = f.date("chosen_on");
  f.done();
  auto c = d.db.transact([&](pqxx::work& tx) {
    return app::close_axes_choice(tx, d.outbox, id, chosen_on, req.caller().actor());
  });
  return http::Response::json(200, to_json(c));
}

}  // namespace

void add_axes_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  const Access staff = Access::secretariat();
  const Access member = Access::roles_of({assembly::auth::kMember});
  auto& r = ctx.router;
  r.add(Method::Post, "/v1/workshops/:id/axis-proposals", Access::secretariat_or_member(),
        route(propose));
  r.add(Method::Get, "/v1/workshops/:id/axis-proposals", Access::anyone(), route(list_proposals));
  r.add(Method::Post, "/v1/workshops/:id/axes-choice", staff, route(open_choice));
  r.add(Method::Get, "/v1/workshops/:id/axes-choice", Access::anyone(), route(get_choice));
  r.add(Method::Put, "/v1/workshops/:id/axes-choice/ballot", member, route(put_ballot));
  r.add(Method::Get, "/v1/workshops/:id/axes-choice/ballot", member, route(get_ballot));
  r.add(Method::Post, "/v1/workshops/:id/axes-choice/close", staff, route(close_choice));
}

}  // namespace workshops::api
