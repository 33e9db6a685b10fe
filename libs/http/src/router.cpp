#include <algorithm>
#include <cctype>

#include "assembly/http/http.h"
#include "assembly/http/problems.h"

namespace assembly::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  if (!path.empty() && path[0] == '/') i = 1;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string_view to_string(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Head:
      return "HEAD";
    case Method::Options:
      return "OPTIONS";
  }
  return "GET";
}

std::optional<Method> parse_method(std::string_view s) {
  for (auto m : kAllMethods)
    if (to_string(m) == s) return m;
  return std::nullopt;
}

Problem::Problem(int status, std::string title, std::string detail, std::string field)
    : std::runtime_error(title + (detail.empty() ? "" : ": " + detail)),
      status_(status),
      title_(std::move(title)),
      detail_(std::move(detail)),
      field_(std::move(field)) {
  if (!field_.empty()) errors_.push_back({field_, detail_});
}

Problem Problem::invalid(std::vector<FieldError> errors) {
  std::string detail;
  for (const auto& e : errors) detail += (detail.empty() ? "" : "; ") + e.detail;
  Problem p(422, "Unprocessable entity", detail);
  if (!errors.empty()) p.field_ = errors.front().pointer;
  p.errors_ = std::move(errors);
  return p;
}

Problem& Problem::with(std::string key, nlohmann::json value) {
  extra_[std::move(key)] = std::move(value);
  return *this;
}

Problem& Problem::header(std::string name, std::string value) {
  headers_.emplace_back(std::move(name), std::move(value));
  return *this;
}

nlohmann::json Problem::body() const {
  nlohmann::json b = {{"type", "/problems/" + std::string(problem_type_of(status_).slug)},
                      {"title", title_},
                      {"status", status_}};
  if (!detail_.empty()) b["detail"] = detail_;
  if (!field_.empty()) b["field"] = field_;
  if (!errors_.empty()) {
    auto& list = b["errors"] = nlohmann::json::array();
    for (const auto& e : errors_) list.push_back({{"pointer", e.pointer}, {"detail", e.detail}});
  }
  for (auto it = extra_.begin(); it != extra_.end(); ++it) b[it.key()] = it.value();
  return b;
}

Problem bad_request(std::string d, std::string f) {
  return {400, "Bad request", std::move(d), std::move(f)};
}
Problem unprocessable(std::string d, std::string f) {
  return {422, "Unprocessable entity", std::move(d), std::move(f)};
}
Problem not_found(std::string d) {
  return {404, "Not found", std::move(d)};
}
Problem conflict(std::string d) {
  return {409, "Conflict", std::move(d)};
}
Problem forbidden(std::string d) {
  return {403, "Forbidden", std::move(d)};
}
Problem to_problem(const core::Refusal& r) {
  using K = core::Refusal::Kind;
  switch (r.kind) {
    case K::not_found:
      return not_found(r.detail);
    case K::conflict:
      return conflict(r.detail);
    case K::forbidden:
      return forbidden(r.detail);
    case K::invalid:
      break;
  }
  return unprocessable(r.detail, r.field);
}
Problem unavailable(std::string d) {
  return {503, "Service unavailable", std::move(d)};
}

const std::string& Request::param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) throw std::logic_error("route has no parameter " + name);
  return it->second;
}

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
           : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
           : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                       : -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

nlohmann::json Request::json() const {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw Problem(400, "Malformed JSON",
                  "the body is not valid JSON at byte " + std::to_string(e.byte), "body")
        .with("position", e.byte);
  } catch (const nlohmann::json::exception& e) {
    // Valid syntax the parser cannot hold: a number beyond a double (1e400), nesting too deep.
    throw Problem(400, "Malformed JSON", std::string("the body cannot be read: ") + e.what(),
                  "body");
  }
}

const auth::Principal& Request::caller() const {
  if (!principal) throw std::logic_error("caller() on a public route");
  return *principal;
}

Response Response::json(int status, const nlohmann::json& body) {
  return {status,
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          "application/json",
          {}};
}
Response Response::text(int status, std::string body, std::string content_type) {
  return {status, std::move(body), std::move(content_type), {}};
}
Response Response::from_file(int status, std::shared_ptr<const FileBody> file,
                             std::string content_type) {
  Response r{status, "", std::move(content_type), {}};
  r.file = std::move(file);
  return r;
}
Response Response::problem(const Problem& p) {
  Response r{p.status(), p.body().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
             "application/problem+json", p.headers()};
  return r;
}
Response Response::empty(int status) {
  return {status, "", "", {}};
}

Router& Router::add(Method m, std::string pattern, Access access, Handler handler,
                    RouteOptions options) {
  for (const auto& r : routes_)
    if (r.method == m && r.pattern == pattern)
      throw std::logic_error("route registered twice: " + pattern);
  Route r{m, pattern, std::move(access), std::move(handler), options, split_path(pattern)};
  routes_.push_back(std::move(r));
  return *this;
}

Match Router::match(Method m, std::string_view path) const {
  auto segments = split_path(path);
  Match result;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& s = route.segments[i];
      if (!s.empty() && s[0] == ':') {
        if (segments[i].empty())
          ok = false;
        else
          params[s.substr(1)] = segments[i];
      } else if (s != segments[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (route.method == m) {
      result.kind = Match::Kind::found;
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
    result.kind = Match::Kind::method_not_allowed;
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
        result.allowed.end())
      result.allowed.push_back(route.method);
  }
  return result;
}

Router& Router::scope(std::string resource, ScopeResolver resolver) {
  resolvers_[std::move(resource)] = std::move(resolver);
  return *this;
}

const ScopeResolver* Router::resolver_for(const Route& route) const {
  // "/v1/<resource>/:id/..." -> segments "v1", resource, ":id", ...
  if (route.segments.size() < 3 || route.segments[0] != "v1" || route.segments[2] != ":id")
    return nullptr;
  auto it = resolvers_.find(route.segments[1]);
  return it == resolvers_.end() ? nullptr : &it->second;
}

bool Access::admits(const auth::Principal& principal, Method method) const {
  for (const auto& role : roles)
    if (principal.has(role)) return true;
  return (method == Method::Get || method == Method::Head) && principal.has(auth::kAuditor) &&
         roles.count(auth::kSecretariat) > 0;
}

std::optional<Problem> Router::map_exception(std::exception_ptr e) const {
  for (const auto& m : mappers_)
    if (auto p = m(e)) return p;
  return std::nullopt;
}

}  // namespace assembly::http
