#include "assembly/http/openapi.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "assembly/http/problems.h"

namespace assembly::http::openapi {
namespace {

// A problem answer of the given status, with an example of its body.
nlohmann::json problem_response(int status, const std::string& description) {
  const auto& type = problem_type_of(status);
  return {{"description", description},
          {"content",
           {{"application/problem+json",
             {{"schema", {{"$ref", "#/components/schemas/Problem"}}},
              {"example",
               {{"type", "/problems/" + std::string(type.slug)},
                {"title", std::string(type.title)},
                {"status", status},
                {"detail", description}}}}}}}};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string openapi_path(const std::string& pattern) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':' && (i == 0 || pattern[i - 1] == '/')) {
      auto end = pattern.find('/', i);
      if (end == std::string::npos) end = pattern.size();
      out += "{" + pattern.substr(i + 1, end - i - 1) + "}";
      i = end;
    } else {
      out.push_back(pattern[i++]);
    }
  }
  return out;
}

nlohmann::json complete(nlohmann::json doc) {
  using nlohmann::json;
  doc["openapi"] = doc.value("openapi", "3.0.3");
  // A token is needed unless an operation says `security: []` (the public ones).
  if (!doc.contains("security")) doc["security"] = {{{"bearer", nlohmann::json::array()}}};
  if (!doc.contains("servers"))
    doc["servers"] = {{{"url", "/"}, {"description", "the service itself (its own address)"}}};
  auto& components = doc["components"];
  components["schemas"]["FieldError"] = {
      {"type", "object"},
      {"description", "one invalid input"},
      {"required", {"pointer", "detail"}},
      {"properties",
       {{"pointer",
         {{"type", "string"},
          {"description", "a JSON pointer into the body, a query parameter or a CSV line"}}},
        {"detail", {{"type", "string"}}}}}};
  components["schemas"]["Problem"] = {
      {"type", "object"},
      {"description",
       "RFC 9457 problem details; `type` is the address of a page explaining the problem"},
      {"required", {"type", "title", "status"}},
      {"properties",
       {{"type", {{"type", "string"}, {"format", "uri-reference"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"field",
         {{"type", "string"}, {"description", "the first field at fault (as in `errors`)"}}},
        {"errors",
         {{"type", "array"},
          {"description", "for invalid input: every field at fault"},
          {"items", {{"$ref", "#/components/schemas/FieldError"}}}}}}}};
  components["responses"]["Problem"] = {
      {"description", "a problem (RFC 9457)"},
      {"content",
       {{"application/problem+json",
         {{"schema", {{"$ref", "#/components/schemas/Problem"}}},
          {"example",
           {{"type", "/problems/unprocessable-entity"},
            {"title", "Unprocessable entity"},
            {"status", 422},
            {"detail", "question is required"},
            {"field", "/question"},
            {"errors", {{{"pointer", "/question"}, {"detail", "question is required"}}}}}}}}}}};
  components["securitySchemes"]["bearer"] = {
      {"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}};
  auto& tags = doc["tags"];
  if (!tags.is_array()) tags = json::array();
  tags.push_back({{"name", "platform"},
                  {"description", "Health, readiness, metrics, this document, problem types"}});
  auto standard = [](std::string id, std::string summary, json responses) {
    return json{{"operationId", std::move(id)},
                {"tags", {"platform"}},
                {"summary", std::move(summary)},
                {"security", json::array()},
                {"x-access", {{"roles", {"anyone"}}, {"limits", json::array()}}},
                {"responses", std::move(responses)}};
  };
  auto& paths = doc["paths"];
  paths["/healthz"]["get"] =
      standard("getHealth", "Liveness: the process answers", {{"200", {{"description", "alive"}}}});
  paths["/readyz"]["get"] =
      standard("getReadiness", "Readiness: database reachable, migrations applied, Kafka reachable",
               {{"200", {{"description", "ready"}}},
                {"503", problem_response(503, "a dependency is not ready")}});
  paths["/metrics"]["get"] =
      standard("getMetrics", "Prometheus metrics (text exposition 0.0.4)",
               {{"200",
                 {{"description", "metrics"},
                  {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}});
  paths["/openapi.json"]["get"] = standard("getOpenApiDocument", "This document",
                                           {{"200", {{"description", "the OpenAPI document"}}}});
  auto problem_page = standard(
      "getProblemType", "The page explaining a problem type (the `type` of a problem answer)",
      {{"200",
        {{"description", "the page"},
         {"content", {{"text/html", {{"schema", {{"type", "string"}}}}}}}}},
       {"404", problem_response(404, "no such problem type")}});
  problem_page["parameters"] = {{{"name", "slug"},
                                 {"in", "path"},
                                 {"required", true},
                                 {"schema", {{"type", "string"}}},
                                 {"example", "unprocessable-entity"}}};
  paths["/problems/{slug}"]["get"] = problem_page;
  // The audit trail every service keeps (libs/audit, docs/audit.md).
  components["schemas"]["AuditEntry"] = {
      {"type", "object"},
      {"description", "one answer on the audit trail: a change, or a read of personal data"},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"at", {{"type", "string"}, {"format", "date-time"}}},
        {"actor", {{"type", "string"}, {"description", "a member's id, or the account's `sub`"}}},
        {"role", {{"type", "string"}, {"description", "the role the route admitted it by"}}},
        {"action", {{"type", "string"}, {"example", "GET /v1/members/:id/contact"}}},
        {"object_type", {{"type", "string"}, {"example", "members"}}},
        {"object_id", {{"type", "string"}}},
        {"subject_member_id",
         {{"type", "string"}, {"description", "the member whose personal data was read, or \"\""}}},
        {"status", {{"type", "integer"}}},
        {"trace_id", {{"type", "string"}}}}}};
  components["schemas"]["AuditPage"] = {
      {"type", "object"},
      {"properties",
       {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/AuditEntry"}}}}},
        {"next_cursor", {{"type", "string"}, {"nullable", true}}}}}};
  auto query = [](std::string name, std::string description) {
    return json{{"name", std::move(name)},
                {"in", "query"},
                {"required", false},
                {"description", std::move(description)},
                {"schema", {{"type", "string"}}}};
  };
  paths["/v1/audit"]["get"] = {
      {"operationId", "listAuditEntries"},
      {"tags", {"platform"}},
      {"summary", "The audit trail: who changed what and who read personal data (auditor)"},
      {"description",
       "Every successful change and every answer of a route reading personal data, oldest "
       "first, by pages (`limit` 1..1000, default 100; `cursor` from `next_cursor`). The trail "
       "is append-only."},
      {"x-access", {{"roles", {"auditor"}}, {"limits", json::array()}}},
      {"parameters",
       {query("subject", "the member whose personal data was read"),
        query("actor", "who acted: a member's id or an account's `sub`"),
        query("since", "UTC time YYYY-MM-DDTHH:MM:SSZ, inclusive"),
        query("limit", "page size, 1..1000 (default 100)"),
        query("cursor", "the previous page's next_cursor")}},
      {"responses",
       {{"200",
         {{"description", "a page of entries"},
          {"content",
           {{"application/json",
             {{"schema", {{"$ref", "#/components/schemas/AuditPage"}}},
              {"example",
               {{"items",
                 {{{"id", 42},
                   {"at", "2022-06-18T09:30:00Z"},
                   {"actor", "5f0c2a1e-8d3b-4c6f-9a7e-1b2c3d4e5f60"},
                   {"role", "secretariat"},
                   {"action", "GET /v1/members/:id/contact"},
                   {"object_type", "members"},
                   {"object_id", "c0ffee00-1234-4abc-9def-0123456789ab"},
                   {"subject_member_id", "c0ffee00-1234-4abc-9def-0123456789ab"},
                   {"status", 200},
                   {"trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"}}}},
                {"next_cursor", nullptr}}}}}}}}},
        {"400", problem_response(400, "a malformed since, limit or cursor")},
        {"401", problem_response(401, "no valid token")},
        {"403", problem_response(403, "not an auditor")}}}};
  // Every operation may answer these; adding them here keeps each service's file about its domain.
  for (auto& [path, item] : paths.items()) {
    for (auto& [method, op] : item.items()) {
      if (!op.is_object()) continue;
      auto& responses = op["responses"];
      // A path or query parameter the route cannot read (a limit that is no number, a version
      // that is none) is a 400 naming it (libs/http: body.h, page.h).
      if (!responses.contains("400") && op.contains("parameters") && !op["parameters"].empty())
        responses["400"] = problem_response(400, "a malformed path or query parameter");
      if (!responses.contains("404")) responses["404"] = problem_response(404, "no such resource");
      if (!responses.contains("405"))
        responses["405"] = problem_response(405, "method not allowed");
      if (!responses.contains("500")) responses["500"] = problem_response(500, "internal error");
      if (!responses.contains("503") && path != "/healthz")
        responses["503"] = problem_response(503, "database or dependency unavailable");
    }
  }
  return doc;
}

nlohmann::json access_rule(const Router& router, const Route& route) {
  using nlohmann::json;
  if (route.access.is_public) return {{"roles", {"anyone"}}, {"limits", json::array()}};
  json roles = json::array(), limits = json::array();
  for (const char* role : auth::kRoles) {
    auth::Principal one{"", {role}};
    if (route.access.admits(one, route.method)) roles.push_back(role);
  }
  const bool change = route.method != Method::Get && route.method != Method::Head &&
                      route.method != Method::Options;
  // The dispatcher's scope check (dispatch.cpp): the object's assembly (and workshop), or, when
  // the route names no single one, only accounts acting in every assembly.
  if (change)
    limits.push_back(router.resolver_for(route) || route.options.scope == ScopeCheck::in_handler
                         ? "assembly"
                         : "all-assemblies");
  if (route.access.roles.count(auth::kMember)) limits.push_back("own-member");
  if (change && route.access.roles.count(auth::kCityService)) limits.push_back("department");
  return {{"roles", roles}, {"limits", limits}};
}

std::vector<std::string> gaps(const Router& router, const nlohmann::json& doc) {
  std::vector<std::string> out;
  std::set<std::string> routed;
  const auto& paths = doc.contains("paths") ? doc["paths"] : nlohmann::json::object();
  for (const auto& route : router.routes()) {
    auto path = openapi_path(route.pattern);
    auto method = lower(to_string(route.method));
    auto name = std::string(to_string(route.method)) + " " + path;
    routed.insert(method + " " + path);
    if (!paths.contains(path) || !paths[path].contains(method)) {
      out.push_back(name + ": no operation");
      continue;
    }
    const auto& op = paths[path][method];
    if (!op.contains("responses") || op["responses"].empty()) {
      out.push_back(name + ": no responses");
      continue;
    }
    // The document says who may call, as the route does: public operations `security: []`,
    // the others the document's bearer requirement.
    const bool documented_public = op.contains("security") && op["security"].empty();
    if (documented_public != route.access.is_public)
      out.push_back(name + (route.access.is_public
                                ? ": public route, but the document asks for a token"
                                : ": needs a token, but the document says `security: []`"));
    const auto& responses = op["responses"];
    std::vector<std::string> needed;
    if (!route.access.is_public) needed = {"401", "403"};
    if (route.method == Method::Post || route.method == Method::Put ||
        route.method == Method::Patch) {
      needed.push_back("400");
      needed.push_back("413");
      if (route.options.json_body) needed.push_back("415");
    }
    for (const auto& code : needed)
      if (!responses.contains(code)) out.push_back(name + ": response " + code + " not documented");
    // Who may call it, and on which objects: the role matrix's rule (docs/access.md).
    const auto rule = access_rule(router, route);
    if (!op.contains("x-access"))
      out.push_back(name + ": no access rule; the route's is \"x-access\": " + rule.dump());
    else if (op["x-access"] != rule)
      out.push_back(name + ": \"x-access\" is " + op["x-access"].dump() + ", the route's " +
                    rule.dump());
  }
  for (const auto& [path, item] : paths.items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters" && !routed.count(method + " " + path))
        out.push_back(std::string(method) + " " + path + ": documented but not routed");
  return out;
}

}  // namespace assembly::http::openapi
