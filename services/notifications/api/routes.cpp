// The notifications service's routes. Reading messages is the secretariat's (and the auditor's),
// or a member's own; a member chooses which optional messages they receive, the secretariat may
// do it for them (on the phone); only the secretariat sends a message again.
#include "api/routes.h"

#include "assembly/auth/reading.h"
#include "assembly/pii/pii.h"
#include "assembly/service/api.h"
#include "domain/messages.h"
#include "store/messages.h"

namespace notifications::api {
using namespace assembly::service::api;

namespace {

json to_json(const store::Message& m) {
  return {{"id", m.id},
          {"member_id", m.member_id},
          {"assembly_id", m.assembly_id},
          {"kind", m.kind},
          {"cause", m.cause},
          {"state", m.state},
          {"attempts", m.attempts},
          {"last_error", m.last_error},
          {"channel", m.channel},
          {"language", m.language},
          {"body_kept", m.body_kept},
          {"created_at", m.created_at},
          {"sent_at", m.sent_at.empty() ? json() : json(m.sent_at)},
          {"next_attempt_at", m.next_attempt_at}};
}

json items(const std::vector<store::Message>& list) {
  json out = json::array();
  for (const auto& m : list) out.push_back(to_json(m));
  return {{"items", out}};
}

// The member themselves, or who reads as the secretariat.
void require_own(const http::Request& req, const std::string& member_id) {
  const auto& p = req.caller();
  if (!assembly::auth::reads_as_secretariat(p) && p.member_id != member_id)
    throw http::forbidden("a member reads and changes only their own messages");
}

std::string query(const http::Request& req, const std::string& name) {
  return req.query_param(name).value_or("");
}

http::Response list_messages(Deps d, http::Request& req) {
  store::Filter f;
  f.assembly_id = query(req, "assembly_id");
  f.member_id = query(req, "member_id");
  f.kind = query(req, "kind");
  f.state = query(req, "state");
  f.cause = query(req, "cause");
  std::vector<http::FieldError> errors;
  if (!f.kind.empty() && !domain::kind_named(f.kind))
    errors.push_back({"kind", "no kind of message \"" + f.kind + "\""});
  if (!f.state.empty() && !domain::state_named(f.state))
    errors.push_back({"state", "no state \"" + f.state + "\""});
  if (auto l = req.query_param("limit")) {
    try {
      f.limit = std::stoi(*l);
    } catch (const std::exception&) {
      f.limit = 0;
    }
    if (f.limit < 1 || f.limit > 1000) errors.push_back({"limit", "limit must be 1 to 1000"});
  }
  if (!errors.empty()) throw http::Problem::invalid(errors);
  return http::Response::json(
      200, d.db.transact([&](pqxx::work& tx) { return items(store::messages(tx, f)); }));
}

http::Response get_message(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto m = d.db.transact([&](pqxx::work& tx) { return store::message(tx, id); });
  if (!m) throw http::not_found("no message " + id);
  return http::Response::json(200, to_json(*m));
}

// The plain text as it was sent, while the retention keeps it (sealed at rest).
http::Response message_text(const assembly::pii::Keyring& keyring, assembly::db::Pool& db,
                            http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto sealed = db.transact([&](pqxx::work& tx) {
    auto m = store::message(tx, id);
    if (!m) throw http::not_found("no message " + id);
    auto body = store::sealed_body(tx, id);
    if (!body)
      throw http::not_found("the message's text is not kept (not sent, or past retention)");
    return std::make_pair(*m, *body);
  });
  const auto text = keyring.open(
      sealed.second, assembly::pii::nonce_of(id, static_cast<std::uint64_t>(sealed.first.attempts)),
      "message:" + id);
  return http::Response::json(200, {{"id", id}, {"text", text}});
}

http::Response resend(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto m = d.db.transact([&](pqxx::work& tx) {
    auto before = store::message(tx, id);
    if (!before) throw http::not_found("no message " + id);
    if (!store::resend(tx, id))
      throw http::conflict("the message is " + before->state +
                           "; only an uncertain or refused message is sent again");
    return *store::message(tx, id);
  });
  return http::Response::json(200, to_json(m));
}

http::Response member_messages(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  require_own(req, id);
  store::Filter f;
  f.member_id = id;
  return http::Response::json(
      200, d.db.transact([&](pqxx::work& tx) { return items(store::messages(tx, f)); }));
}

json preferences_json(const std::string& member_id, const std::vector<std::string>& refused) {
  json kinds = json::array();
  for (auto k : domain::kAllKinds) {
    const std::string n(domain::name(k));
    const bool refused_it = std::find(refused.begin(), refused.end(), n) != refused.end();
    kinds.push_back({{"kind", n}, {"mandatory", domain::mandatory(k)}, {"receive", !refused_it}});
  }
  return {{"member_id", member_id}, {"kinds", kinds}};
}

http::Response get_preferences(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  require_own(req, id);
  auto refused = d.db.transact([&](pqxx::work& tx) { return store::refused(tx, id); });
  return http::Response::json(200, preferences_json(id, refused));
}

// {"refused": ["report-published", ...]}: the optional kinds the member does not want.
http::Response put_preferences(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  require_own(req, id);
  const auto b = req.json();
  body::Fields f(b);
  const auto& list = f.array("refused");
  std::vector<std::string> refused;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto at = "/refused/" + std::to_string(i);
    if (!list[i].is_string()) {
      f.check(false, at, "a kind of message (a string)");
      continue;
    }
    const auto n = list[i].get<std::string>();
    auto k = domain::kind_named(n);
    f.check(k.has_value(), at, "no kind of message \"" + n + "\"");
    if (!k) continue;
    f.check(!domain::mandatory(*k), at, "\"" + n + "\" is mandatory: it cannot be refused");
    if (std::find(refused.begin(), refused.end(), n) == refused.end()) refused.push_back(n);
  }
  f.done();
  d.db.transact([&](pqxx::work& tx) {
    if (!store::member_assembly(tx, id)) throw http::not_found("no member " + id + " known here");
    store::set_refused(tx, id, refused, req.caller().actor());
  });
  return http::Response::json(200, preferences_json(id, refused));
}

http::Response kinds(Deps, http::Request&) {
  json out = json::array();
  for (auto k : domain::kAllKinds)
    out.push_back({{"kind", std::string(domain::name(k))}, {"mandatory", domain::mandatory(k)}});
  return http::Response::json(200, {{"items", out}});
}

http::Response figures(Deps d, http::Request& req) {
  const auto& assembly_id = req.param("id");
  auto counts = d.db.transact([&](pqxx::work& tx) { return store::figures(tx, assembly_id); });
  json by_kind = json::object();
  long total = 0;
  for (auto k : domain::kAllKinds) {
    json states = json::object();
    for (auto s : domain::kAllStates) states[std::string(domain::name(s))] = 0;
    by_kind[std::string(domain::name(k))] = states;
  }
  for (const auto& [key, n] : counts) {
    by_kind[key.first][key.second] = n;
    total += n;
  }
  return http::Response::json(
      200, {{"assembly_id", assembly_id}, {"total", total}, {"by_kind", by_kind}});
}

}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  auto& r = ctx.router;
  auto& db = ctx.db;
  r.scope("assemblies",
          [](const std::string& id) -> std::optional<http::Scope> { return http::Scope{id}; });
  r.scope("members", [&db](const std::string& id) -> std::optional<http::Scope> {
    auto a = db.transact([&](pqxx::work& tx) { return store::member_assembly(tx, id); });
    if (!a) return std::nullopt;
    return http::Scope{*a};
  });
  r.scope("messages", [&db](const std::string& id) -> std::optional<http::Scope> {
    auto m = db.transact([&](pqxx::work& tx) { return store::message(tx, id); });
    if (!m) return std::nullopt;
    return http::Scope{m->assembly_id};
  });
  const auto secretariat = Access::secretariat();
  const auto own = Access::secretariat_or_member();
  r.add(Method::Get, "/v1/kinds", Access::anyone(), route(kinds));
  r.add(Method::Get, "/v1/messages", secretariat, route(list_messages), http::personal_data());
  r.add(Method::Get, "/v1/messages/:id", secretariat, route(get_message), http::personal_data());
  r.add(Method::Post, "/v1/messages/:id/resend", secretariat, route(resend));
  r.add(
      Method::Get, "/v1/messages/:id/text", secretariat,
      [keyring = ctx.keyring, &db](http::Request& req) { return message_text(*keyring, db, req); },
      http::personal_data());
  r.add(Method::Get, "/v1/members/:id/messages", own, route(member_messages),
        http::personal_data());
  r.add(Method::Get, "/v1/members/:id/preferences", own, route(get_preferences));
  r.add(Method::Put, "/v1/members/:id/preferences", own, route(put_preferences));
  r.add(Method::Get, "/v1/assemblies/:id/message-figures", secretariat, route(figures));
}

}  // namespace notifications::api

namespace notifications::api {

void add_metrics(assembly::service::Context& ctx) {
  assembly::service::refresh_gauges(
      ctx,
      {{"messages_pending", "Messages waiting to be sent (pending or being sent), by kind"},
       {"oldest_unsent_seconds", "Age of the oldest message not sent yet (0 when none)"}},
      [](pqxx::work& tx, assembly::service::Figures& f) {
        auto& pending = f["messages_pending"];
        for (auto k : domain::kAllKinds) pending[{{"kind", std::string(domain::name(k))}}] = 0;
        for (const auto& [key, n] : store::figures(tx, ""))
          if (key.second == "pending" || key.second == "sending")
            pending[{{"kind", key.first}}] += static_cast<double>(n);
        f["oldest_unsent_seconds"][{}] = store::oldest_unsent_seconds(tx);
      });
}

}  // namespace notifications::api
