#include "api/members.h"

#include "api/access.h"
#include "api/json.h"
#include "app/lifecycle.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/http/page.h"
#include "assembly/http/versioned_cache.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"
#include "domain/assignment.h"
#include "events/publish.h"
#include "workers/anonymisation.h"

namespace membership::api {
using namespace assembly::service::api;

namespace {

const Access kStaff = Access::secretariat();
const Access kStaffOrMember = Access::secretariat_or_member();
// An assembly's description (its name, mandate, seat pools, workshops, members counted by
// status) is public on the site; the console of every staff role starts from it.
const Access kSignedIn =
    Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kMember,
                      assembly::auth::kCityService, assembly::auth::kCouncilClerk,
                      assembly::auth::kFacilitator, assembly::auth::kElectedRepresentative});

using assembly::core::is_slug;

std::string date_or_empty(body::Fields& f, const std::string& key) {
  return f.has(key) ? f.date(key) : "";
}

// The day a change takes effect: "effective_on" (YYYY-MM-DD) when given (recording a plenary
// afterwards), today (UTC) otherwise.
std::string effective_on(body::Fields& f) {
  return f.has("effective_on") ? f.date("effective_on") : assembly::core::utc_today();
}

// The list `key` of the body `b` (which has it): theme slugs, none twice; 1 to 12 of them when
// `required`.
std::vector<std::string> workshop_list(body::Fields& f, const json& b, const std::string& key,
                                       bool required) {
  const auto& arr = f.array(key);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const auto at = "/" + key + "/" + std::to_string(i);
    const bool slug = arr[i].is_string() && is_slug(arr[i].get<std::string>());
    f.check(slug, at, "a workshop is a theme slug: lower-case letters, digits, '-'");
    if (!slug) continue;
    const auto& theme = arr[i].get<std::string>();
    const bool repeated = std::find(out.begin(), out.end(), theme) != out.end();
    f.check(!repeated, at, "workshop \"" + theme + "\" is repeated");
    if (!repeated) out.push_back(theme);
  }
  if (required && b.at(key).is_array())  // not an array: named already
    f.check(!arr.empty() && arr.size() <= 12, "/" + key, key + ": 1 to 12 workshops");
  return out;
}

bool in_status(const store::Member& m, std::initializer_list<domain::Status> statuses) {
  return std::find(statuses.begin(), statuses.end(), m.status) != statuses.end();
}

bool has_workshop(const std::optional<store::Assembly>& a, const std::string& theme) {
  return a && std::find(a->workshops.begin(), a->workshops.end(), theme) != a->workshops.end();
}

// --- Members.

// The pages built are kept (VersionedCache) and served again while the assembly's members' list
// is at the version they were read at: one small query instead of the page's, and the same answer.
http::Response list_members(Deps ctx, http::VersionedCache& pages, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto text = req.query_param("status").value_or("");
  std::optional<domain::Status> status;
  if (!text.empty()) {
    status = domain::parse_status(text);
    if (!status) throw http::bad_request("unknown status \"" + text + "\"", "status");
  }
  // By pages of 500 (at most 1,000); the cursor is the last member's id.
  auto page = http::page_request(req, 500, 1000);
  const std::string key =
      assembly_id + '\x1f' + text + '\x1f' + page.after + '\x1f' + std::to_string(page.limit);
  const auto now =
      ctx.db.read([&](pqxx::transaction_base& tx) { return store::list_version(tx, assembly_id); });
  if (auto kept = pages.find(key, now)) return std::move(*kept);
  auto read = ctx.db.transact([&](pqxx::work& tx) {
    if (!page.after.empty() &&
        (!assembly::core::is_uuid(page.after) || !store::find(tx, page.after)))
      throw http::bad_request("cursor is not one this list gave (use next_cursor as it is)",
                              "cursor");
    return store::list_page(tx, assembly_id, status, page.after, page.limit + 1);
  });
  auto& members = read.members;
  std::optional<std::string> next;
  if (members.size() > page.limit) {
    members.pop_back();
    next = members.back().id;
  }
  auto answer = http::page_response(req, to_json(members), next, {"assembly_id", "status"});
  if (read.list_version) pages.keep(key, *read.list_version, answer);
  return answer;
}

// Object-level access: a member reads only their own record (token claim member_id = member id).
http::Response get_member(Deps ctx, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto m = ctx.db.transact([&](pqxx::work& tx) { return self_or_staff(tx, req, id); });
  return http::Response::json(200, to_json(m));
}

http::Response member_history(Deps ctx, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto h = ctx.db.transact([&](pqxx::work& tx) {
    self_or_staff(tx, req, id);
    return to_json(store::history(tx, id));
  });
  return http::Response::json(200, {{"member_id", id}, {"items", h}});
}

// The member may confirm, decline or withdraw for themself; the rest is the secretariat's. An
// illegal transition is a 409 naming the current status.
http::Response act(Deps ctx, domain::Action action, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto& caller = req.caller();
  bool staff = caller.has(assembly::auth::kSecretariat);
  if (!staff && !domain::member_may(action))
    throw http::forbidden("only the secretariat may " + std::string(domain::to_string(action)) +
                          " a member");
  require_self_or_staff(req, id);  // another member's record is refused before its body is read
  const auto b = req.body.empty() ? json::object() : req.json();
  body::Fields f(b);
  auto reason = f.string_or("reason", "", 500);
  // A reason given but wrong is named already.
  f.check(!domain::needs_reason(action) || !reason.empty() || f.has("reason"), "/reason",
          "a reason is required");
  auto on = effective_on(f);
  f.done();
  auto m = ctx.db.transact([&](pqxx::work& tx) {
    auto m = self_or_staff(tx, req, id, true);
    return app::apply(tx, ctx.outbox, m, action, reason, caller.actor(), on);
  });
  return http::Response::json(200, to_json(m));
}

// The member's wishes for a workshop, most wanted first; they count when members are placed at
// the opening plenary, so they can change only until then.
http::Response put_preferences(Deps ctx, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  require_self_or_staff(req, id);
  const auto b = req.json();
  body::Fields f(b);
  const bool given = b.is_object() && b.contains("workshops");
  f.check(given || !b.is_object(), "/workshops",
          "workshops is required (an empty list clears them)");
  auto themes = given ? workshop_list(f, b, "workshops", false) : std::vector<std::string>{};
  f.done();
  auto m = ctx.db.transact([&](pqxx::work& tx) {
    return app::set_preferences(tx, self_or_staff(tx, req, id, true), themes, req.caller().actor());
  });
  return http::Response::json(200, to_json(m));
}

// The staff's override: another workshop for a confirmed or active member, with a reason; the
// history keeps every move and MemberAssigned says where from.
http::Response put_workshop(Deps ctx, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto workshop = f.string("workshop", 64);
  auto reason = f.string("reason", 500);  // an empty reason is named ("must not be empty")
  const auto on = effective_on(f);
  f.done();
  auto m = ctx.db.transact([&](pqxx::work& tx) {
    auto m = store::find(tx, id, true);
    if (!m) throw http::not_found("no member " + id);
    if (!in_status(*m, {domain::Status::confirmed, domain::Status::active}))
      throw http::conflict("the member is " + domain::text(m->status) +
                           "; only a confirmed or active member has a workshop")
          .with("member_status", domain::text(m->status));
    if (!has_workshop(store::find_assembly(tx, m->assembly_id), workshop))
      throw http::unprocessable("the assembly has no workshop \"" + workshop + "\"", "/workshop");
    if (m->workshop_theme == workshop) return *m;  // already there: nothing to record
    store::set_workshop(tx, id, m->workshop_theme, workshop, reason, req.caller().actor());
    if (in_status(*m, {domain::Status::active}))
      events::member_assigned(tx, ctx.outbox, *m, workshop, m->workshop_theme, reason, on);
    return *store::find(tx, id);
  });
  return http::Response::json(200, to_json(m));
}

// --- Assemblies.

store::Assembly read_assembly(body::Fields& f, const json& b, const std::string& id,
                              int default_retention) {
  store::Assembly a;
  a.id = id;
  a.name = f.string("name", 200);
  a.mandate_start = date_or_empty(f, "mandate_start");
  a.mandate_end = date_or_empty(f, "mandate_end");
  f.check(a.mandate_start.empty() || a.mandate_end.empty() || a.mandate_end >= a.mandate_start,
          "/mandate_end", "the mandate ends before it starts");
  const bool has = b.is_object();
  a.workshops = has && b.contains("workshops") ? workshop_list(f, b, "workshops", true)
                                               : domain::default_themes();
  a.retention_days = has && b.contains("retention_days")
                         ? static_cast<int>(f.integer("retention_days", 0, 3650))
                         : default_retention;
  if (has && b.contains("seat_pools")) {
    const auto& pools = f.array("seat_pools");
    for (std::size_t i = 0; i < pools.size(); ++i) {
      const auto at = "/seat_pools/" + std::to_string(i);
      auto p = f.nested(pools[i], at);
      auto pool = p.string("pool", 64);
      f.check(pool.empty() || is_slug(pool), at + "/pool",  // "" is named already
              "a pool is a slug: lower-case letters, digits, '-'");
      a.seat_pools.push_back({{"pool", pool}, {"seats", p.integer("seats", 1, 10000)}});
    }
  }
  return a;
}

// The secretariat describes the assembly (often before its draw). A draw naming an assembly not
// described yet makes it with the defaults; describing it afterwards fills it in, once.
http::Response create_assembly(Deps ctx, int default_retention, http::Request& req) {
  const auto b = req.json();
  body::Fields f(b);
  auto id = f.string("id", 64);
  f.check(id.empty() || is_slug(id), "/id", "id: 1 to 64 lower-case letters, digits or '-'");
  auto a = read_assembly(f, b, id, default_retention);
  f.done();
  http::require_scope(req, http::Scope{id});
  auto out = ctx.db.transact([&](pqxx::work& tx) {
    if (!store::insert_assembly(tx, a, req.caller().actor()) &&
        !store::describe_implicit(tx, a, req.caller().actor()))
      throw http::conflict("assembly " + id + " exists already");
    return *store::find_assembly(tx, id);
  });
  auto r = http::Response::json(201, to_json(out));
  r.headers.push_back({"Location", "/v1/assemblies/" + id});
  return r;
}

http::Response list_assemblies(Deps ctx, http::Request&) {
  auto list = ctx.db.transact([&](pqxx::work& tx) { return store::list_assemblies(tx); });
  return http::Response::items(list, [](const auto& a) { return to_json(a); });
}

http::Response get_assembly(Deps ctx, http::Request& req) {
  const auto& id = req.param("id");
  auto a = ctx.db.transact([&](pqxx::work& tx) { return store::find_assembly(tx, id); });
  if (!a) throw http::not_found("no assembly " + id);
  auto counts = ctx.db.transact([&](pqxx::work& tx) {
    json c = json::object();
    for (const auto& m : store::list(tx, id)) {
      const auto status = domain::text(m.status);
      c[status] = c.value(status, 0) + 1;
    }
    return c;
  });
  auto out = to_json(*a);
  out["members_by_status"] = counts;
  return http::Response::json(200, out);
}

// Invite every selected member (the letters went out), activate every confirmed one (the opening
// plenary: one run of the workshop assignment), complete every active one (the end of the
// mandate). Each member's change is the same as the single-member route's.
http::Response bulk_action(Deps ctx, http::Request& req) {
  const auto& id = req.param("id");
  const auto b = req.json();
  body::Fields f(b);
  auto name = f.string("action", 20);
  auto action = domain::parse_action(name);
  auto on = effective_on(f);
  f.check(name.empty() || (action && (*action == domain::Action::invite ||
                                      *action == domain::Action::activate ||
                                      *action == domain::Action::complete)),
          "/action", "action must be invite, activate or complete");  // "" is named already
  f.done();
  auto changed = ctx.db.transact([&](pqxx::work& tx) {
    return app::apply_to_all(tx, ctx.outbox, id, *action, req.caller().actor(), on);
  });
  json ids = json::array();
  for (const auto& m : changed) ids.push_back(m.id);
  assembly::log::info("bulk member action",
                      {{"assembly_id", id}, {"action", name}, {"changed", changed.size()}});
  return http::Response::json(200,
                              {{"action", name}, {"changed", changed.size()}, {"member_ids", ids}});
}

// Personal data goes once the mandate is over and the retention delay has passed: the
// background task does it by itself; this route does it now for one assembly when it is due.
http::Response anonymise_now(Deps ctx, http::Request& req) {
  const auto& id = req.param("id");
  auto n = ctx.db.transact([&](pqxx::work& tx) { return app::anonymise_now(tx, id); });
  return http::Response::json(200, {{"assembly_id", id}, {"members_anonymised", n}});
}

}  // namespace

void add_member_routes(assembly::service::Context& ctx) {
  auto& r = ctx.router;
  // A status that forbids the action: the 409 names it.
  r.on_exception([](std::exception_ptr e) -> std::optional<http::Problem> {
    try {
      std::rethrow_exception(e);
    } catch (const app::StatusConflict& c) {
      return http::conflict(c.what()).with("member_status", c.status());
    } catch (...) {
      return std::nullopt;
    }
  });
  auto to = routes_with(ctx);
  r.add(
      Method::Get, "/v1/members", kStaff,
      [d = Deps{ctx.db, ctx.outbox}, pages = std::make_shared<http::VersionedCache>()](
          http::Request& req) { return list_members(d, *pages, req); },
      http::personal_data());
  r.add(Method::Get, "/v1/members/:id", kStaffOrMember, to(get_member), http::personal_data());
  r.add(Method::Get, "/v1/members/:id/history", kStaffOrMember, to(member_history),
        http::personal_data());
  for (auto action : domain::kAllActions)  // one route per action
    r.add(
        Method::Post, "/v1/members/:id/" + std::string(domain::to_string(action)), kStaffOrMember,
        [d = Deps{ctx.db, ctx.outbox}, action](http::Request& req) { return act(d, action, req); });
  r.add(Method::Put, "/v1/members/:id/preferences", kStaffOrMember, to(put_preferences));
  r.add(Method::Put, "/v1/members/:id/workshop", kStaff, to(put_workshop));
}

void add_assembly_routes(assembly::service::Context& ctx, int default_retention) {
  auto& r = ctx.router;
  auto to = routes_with(ctx);
  r.add(
      Method::Post, "/v1/assemblies", kStaff,
      [d = Deps{ctx.db, ctx.outbox}, default_retention](http::Request& req) {
        return create_assembly(d, default_retention, req);
      },
      http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});  // the body names it
  r.add(Method::Get, "/v1/assemblies", kSignedIn, to(list_assemblies));
  r.add(Method::Get, "/v1/assemblies/:id", kSignedIn, to(get_assembly));
  r.add(Method::Post, "/v1/assemblies/:id/bulk-actions", kStaff, to(bulk_action));
  r.add(Method::Post, "/v1/assemblies/:id/anonymisation", kStaff, to(anonymise_now));
  workers::add_anonymisation_worker(ctx);
}

}  // namespace membership::api
