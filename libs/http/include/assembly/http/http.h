#pragma once
// The HTTP vocabulary every service's API layer speaks: requests, responses, RFC 7807 problems,
// routes with their access rule. Free of Pistache, so handlers and routing test without sockets.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assembly/auth/auth.h"
#include "assembly/core/refusal.h"

namespace assembly::http {

enum class Method { Get, Post, Put, Patch, Delete, Head, Options };
std::string_view to_string(Method m);
std::optional<Method> parse_method(std::string_view s);
inline constexpr Method kAllMethods[] = {Method::Get,    Method::Post,   Method::Put,
                                         Method::Patch,  Method::Delete, Method::Head,
                                         Method::Options};

// One invalid input of a request: a JSON pointer ("/quotas/2/min"), a query parameter or a CSV
// line, and what is wrong with it.
struct FieldError {
  std::string pointer, detail;
};

// An expected failure, answered as application/problem+json (RFC 9457): `type` (a page explaining
// it, libs/http problems.h), `title`, `status`, `detail`, and for invalid input `errors` (every
// field at fault; `field` repeats the first, as before `errors` existed).
class Problem : public std::runtime_error {
 public:
  Problem(int status, std::string title, std::string detail = {}, std::string field = {});
  // A 422 naming every field at fault (at least one).
  static Problem invalid(std::vector<FieldError> errors);
  int status() const { return status_; }
  const std::string& title() const { return title_; }
  const std::string& detail() const { return detail_; }
  const std::string& field() const { return field_; }  // JSON pointer, query parameter or CSV line
  const std::vector<FieldError>& errors() const { return errors_; }
  Problem& with(std::string key, nlohmann::json value);
  nlohmann::json body() const;
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  Problem& header(std::string name, std::string value);

 private:
  int status_;
  std::string title_, detail_, field_;
  std::vector<FieldError> errors_;
  nlohmann::json extra_ = nlohmann::json::object();
  std::vector<std::pair<std::string, std::string>> headers_;
};

// Shorthands for the common problems.
Problem bad_request(std::string detail, std::string field = {});
Problem unprocessable(std::string detail, std::string field = {});
Problem not_found(std::string detail);
Problem conflict(std::string detail);
Problem forbidden(std::string detail);
Problem unavailable(std::string detail);
// The problem a domain refusal is answered with: invalid 422, not_found 404, conflict 409,
// forbidden 403.
Problem to_problem(const core::Refusal& refusal);

struct Request {
  Method method = Method::Get;
  std::string path;
  std::map<std::string, std::string> params;  // path parameters (":id")
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::optional<auth::Principal> principal;  // set on non-public routes
  std::string trace_id;
  // The caller's address: the peer's, or when the peer is a trusted proxy the one its
  // Forwarded / X-Forwarded-For headers name (ServerOptions::trusted_proxies, client_address.h).
  // Worked out only when asked: formatting it costs every request a few percent of its time, and
  // few routes need it.
  std::function<std::string()> peer;
  std::string remote() const { return peer ? peer() : std::string(); }
  bool http11 = true;

  const std::string& param(const std::string& name) const;
  // A query parameter as the client meant it: the server percent-decodes names and values once.
  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> header(const std::string& lower_name) const;
  // The body as JSON; a 400 problem naming the byte position when malformed.
  nlohmann::json json() const;
  const auth::Principal& caller() const;  // the authenticated principal (non-public routes)
};

// "%3A" is ":", "%C3%A8" is "è"; a '%' not followed by two hex digits stays as it is, and so
// does '+' (RFC 3986: the query's '+' is a plus; clients send a space as "%20").
std::string percent_decode(std::string_view s);

class FileBody;  // file_body.h

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // A body too large for memory, sent from its file in bounded chunks instead of `body`.
  std::shared_ptr<const FileBody> file{};

  static Response json(int status, const nlohmann::json& body);
  static Response text(int status, std::string body, std::string content_type = "text/plain");
  // The body written to `file` (finished), sent from it.
  static Response from_file(int status, std::shared_ptr<const FileBody> file,
                            std::string content_type);
  static Response problem(const Problem& p);
  static Response empty(int status);
  // 200 {"items": [to_json(x) for x in list]}: the shape of every list endpoint.
  template <typename List, typename ToJson>
  static Response items(const List& list, ToJson to_json);
};

// [to_json(x) for x in list], the one loop that turns rows into a JSON array.
template <typename List, typename ToJson>
nlohmann::json json_array(const List& list, ToJson to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : list) out.push_back(to_json(x));
  return out;
}

template <typename List, typename ToJson>
Response Response::items(const List& list, ToJson to_json) {
  return json(200, {{"items", json_array(list, to_json)}});
}

using Handler = std::function<Response(Request&)>;

// Who may call a route: anyone (public, no token), or a bearer token carrying one of the roles.
struct Access {
  bool is_public = false;
  std::set<std::string> roles;
  static Access anyone() { return {true, {}}; }
  static Access roles_of(std::set<std::string> r) { return {false, std::move(r)}; }
  // The suite's two common rules: the secretariat only; the secretariat or a member (whose
  // object-level check, "only their own record", is the handler's).
  static Access secretariat() { return roles_of({auth::kSecretariat}); }
  static Access secretariat_or_member() { return roles_of({auth::kSecretariat, auth::kMember}); }
  // Whether `principal` may call a route with this access and method: one of the roles, or an
  // auditor reading (GET, HEAD) what the secretariat may read.
  bool admits(const auth::Principal& principal, Method method) const;
};

// Where a staff account's limits (the assemblies and workshops of its token) are checked on a
// route that changes something. By default the dispatcher does it, from the object named by the
// route's `:id` and the resolver the service registered for the route's resource
// (Router::scope); a route whose object is named in its body (a creation) says `in_handler` and
// calls `require_scope` itself once it knows the assembly.
enum class ScopeCheck { by_resource, in_handler };

struct RouteOptions {
  std::size_t max_body_bytes = 1 << 20;  // 413 above
  bool json_body = true;                 // POST/PUT/PATCH bodies must be application/json (415)
  ScopeCheck scope = ScopeCheck::by_resource;
  // The route answers with personal data (contact details, a mailing list, identities): each
  // answer goes on the audit trail (Router::on_answer, docs/audit.md).
  bool personal_data = false;
  // The route records a vote of a secret ballot or an anonymous answer: kept off the audit trail,
  // where an entry's time would link its author to it.
  bool unlinkable = false;
};

// The options of a route answering with personal data (its answers go on the audit trail).
inline RouteOptions personal_data() {
  RouteOptions options;
  options.personal_data = true;
  return options;
}

// The options of a route recording a secret vote or an anonymous answer (never on the audit trail).
inline RouteOptions unlinkable() {
  RouteOptions options;
  options.unlinkable = true;
  return options;
}

// The assembly, and the workshop when there is one, an object belongs to.
struct Scope {
  std::string assembly_id;
  std::string workshop_id{};
};
// The scope of the object with that id; nullopt when there is no such object (the handler then
// answers 404).
using ScopeResolver = std::function<std::optional<Scope>(const std::string& id)>;

// Refuses (403) a caller whose staff roles are limited to other assemblies, or, for a facilitator
// only, to other workshops. Members and the public are not limited by assembly (their own objects
// are checked by the handlers).
void require_scope(const Request& request, const Scope& scope);

// The department a change by `request` is made for (auth::acting_department): a city-service
// caller's token department, which `named` (the request's, "" when absent) may only repeat; the
// secretariat's `named`. Refused (403) otherwise, before anything is changed.
std::string acting_department(const Request& request, const std::string& named);

struct Route {
  Method method;
  std::string pattern;  // "/v1/panel-draws/:id"
  Access access;
  Handler handler;
  RouteOptions options;
  std::vector<std::string> segments;
};

struct Match {
  enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<Method> allowed;  // for method_not_allowed
};

// Routes are registered at start-up and never change after: lookups need no lock (this is also
// what avoids Pistache's router race, see docs/stack.md).
class Router {
 public:
  Router& add(Method m, std::string pattern, Access access, Handler handler,
              RouteOptions options = {});
  Match match(Method m, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

  // The resolver of the objects of `resource`, the first segment after /v1/ of the routes whose
  // second segment is `:id` ("sessions" for /v1/sessions/:id/held).
  Router& scope(std::string resource, ScopeResolver resolver);
  // The scope check a change by `request` on `route` needs; empty when the route's resource has
  // no resolver.
  const ScopeResolver* resolver_for(const Route& route) const;

  // Turns exceptions from lower layers (say, a lost database connection) into problems.
  using ExceptionMapper = std::function<std::optional<Problem>(std::exception_ptr)>;
  // Told of every successful (2xx) answer of a non-public route, before it is sent: the audit
  // trail's one hook (docs/audit.md). An exception it throws becomes the answer's problem.
  using AnswerObserver =
      std::function<void(const Route& route, const Request& request, const Response& response)>;
  void on_answer(AnswerObserver observer) { observers_.push_back(std::move(observer)); }
  void answered(const Route& route, const Request& request, const Response& response) const {
    for (const auto& o : observers_) o(route, request, response);
  }
  // Runs around a route's handler and the observers of its answer (`next`), once the caller is
  // admitted: what must span both, such as the one transaction of a change and its audit entry
  // (libs/audit). One at most; none: `next` alone.
  using Around = std::function<Response(const Route& route, Request& request,
                                        const std::function<Response()>& next)>;
  void around(Around around) { around_ = std::move(around); }
  Response handle(const Route& route, Request& request) const;
  void on_exception(ExceptionMapper mapper) { mappers_.push_back(std::move(mapper)); }
  std::optional<Problem> map_exception(std::exception_ptr e) const;

 private:
  std::vector<Route> routes_;
  std::vector<ExceptionMapper> mappers_;
  std::vector<AnswerObserver> observers_;
  Around around_;
  std::map<std::string, ScopeResolver> resolvers_;
};

// Routing, authentication, role check, size and content-type checks, the handler, and turning
// every failure into a problem. `route_label` receives the matched pattern (for metrics).
Response dispatch(const Router& router, const auth::Verifier* verifier, Request& request,
                  std::string* route_label = nullptr);

}  // namespace assembly::http
