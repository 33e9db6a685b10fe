#include "assembly/http/http.h"
#include "assembly/logging/log.h"

namespace assembly::http {
namespace {

bool changes(Method m) {
  return m == Method::Post || m == Method::Put || m == Method::Patch || m == Method::Delete;
}

// The scope of a change by a staff account (the one rule of require_scope), on a route whose
// object the service's resolver finds from `:id`.
void check_route_scope(const Router& router, const Route& route, Request& req) {
  if (!req.principal || !changes(req.method) || !auth::is_limited_staff(*req.principal)) return;
  if (const ScopeResolver* resolve = router.resolver_for(route)) {
    if (auto scope = (*resolve)(req.param("id"))) require_scope(req, *scope);
    return;  // no such object: the handler answers 404
  }
  if (route.options.scope == ScopeCheck::in_handler) return;
  throw Problem(403, "Forbidden",
                "this route changes what belongs to no single assembly or workshop; an account "
                "limited to some assemblies or workshops may not call it");
}

bool has_body_method(Method m) {
  return m == Method::Post || m == Method::Put || m == Method::Patch;
}

std::string bearer(const Request& req) {
  auto h = req.header("authorization");
  if (!h) return {};
  const std::string prefix = "Bearer ";
  if (h->size() <= prefix.size() || h->compare(0, prefix.size(), prefix) != 0) return {};
  return h->substr(prefix.size());
}

Response run(const Router& router, const auth::Verifier* verifier, Request& req,
             std::string* route_label) {
  auto match = router.match(req.method, req.path);
  if (match.kind == Match::Kind::not_found)
    throw Problem(404, "Not found", "no resource at " + req.path);
  if (match.kind == Match::Kind::method_not_allowed) {
    std::string allow;
    for (auto m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(to_string(m));
    throw Problem(405, "Method not allowed",
                  std::string(to_string(req.method)) + " is not allowed on " + req.path +
                      " (allowed: " + allow + ")")
        .header("Allow", allow);
  }
  const Route& route = *match.route;
  if (route_label) *route_label = route.pattern;
  req.params = std::move(match.params);

  if (!route.access.is_public) {
    if (verifier == nullptr)
      throw Problem(503, "Service unavailable", "authentication is not configured");
    auto token = bearer(req);
    if (token.empty())
      throw Problem(401, "Unauthorized", "a bearer token is required")
          .header("WWW-Authenticate", "Bearer");
    try {
      req.principal = verifier->verify(token);
    } catch (const auth::KeysUnavailable& e) {
      // The token may be valid: the issuer's keys could not be loaded yet.
      throw Problem(503, "Service unavailable", e.what()).header("Retry-After", "5");
    } catch (const auth::AuthError& e) {
      throw Problem(401, "Unauthorized", e.what())
          .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    if (!route.access.admits(*req.principal, req.method)) {
      std::string roles;
      for (const auto& r : route.access.roles) roles += (roles.empty() ? "" : ", ") + r;
      throw Problem(403, "Forbidden", "this route requires one of the roles: " + roles);
    }
  }

  if (req.body.size() > route.options.max_body_bytes)
    throw Problem(413, "Payload too large",
                  "the body has " + std::to_string(req.body.size()) + " bytes; the limit is " +
                      std::to_string(route.options.max_body_bytes));
  if (has_body_method(req.method) && route.options.json_body) {
    auto ct = req.header("content-type").value_or("");
    auto semi = ct.find(';');
    auto base = ct.substr(0, semi);
    while (!base.empty() && base.back() == ' ') base.pop_back();
    if (base != "application/json")
      throw Problem(415, "Unsupported media type",
                    "the body must be application/json (got \"" + ct + "\")", "content-type");
  }
  check_route_scope(router, route, req);
  return router.handle(route, req);
}

}  // namespace

Response Router::handle(const Route& route, Request& req) const {
  auto next = [&] {
    auto response = route.handler(req);
    if (req.principal && response.status >= 200 && response.status < 300)
      answered(route, req, response);
    return response;
  };
  return around_ ? around_(route, req, next) : next();
}

void require_scope(const Request& req, const Scope& scope) {
  if (!req.principal) return;
  if (auto why = auth::outside_scope(*req.principal, scope.assembly_id, scope.workshop_id))
    throw Problem(403, "Forbidden", *why);
}

std::string acting_department(const Request& req, const std::string& named) {
  auto choice = auth::acting_department(req.caller(), named);
  if (choice.refusal) throw Problem(403, "Forbidden", *choice.refusal);
  return choice.department;
}

Response dispatch(const Router& router, const auth::Verifier* verifier, Request& req,
                  std::string* route_label) {
  try {
    return run(router, verifier, req, route_label);
  } catch (const Problem& p) {
    return Response::problem(p);
  } catch (const core::Refused& r) {
    return Response::problem(to_problem(r.refusal()));
  } catch (...) {
    auto e = std::current_exception();
    if (auto p = router.map_exception(e)) return Response::problem(*p);
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      what = ex.what();
    } catch (...) {
    }
    log::error("unhandled exception in handler",
               {{"path", req.path}, {"method", to_string(req.method)}, {"error", what}});
    return Response::problem(
        Problem(500, "Internal error", "the request failed; see the service log"));
  }
}

}  // namespace assembly::http
