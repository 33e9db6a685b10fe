#include "assembly/http/openapi.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace assembly::http::openapi {
namespace {

nlohmann::json problem_response(const std::string& description) {
  return {
      {"description", description},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
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
  doc["openapi"] = doc.value("openapi", "3.0.3");
  auto& components = doc["components"];
  components["schemas"]["Problem"] = {
      {"type", "object"},
      {"description", "RFC 7807 problem details"},
      {"required", {"type", "title", "status"}},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"field",
         {{"type", "string"}, {"description", "the field, parameter or line at fault"}}}}}};
  components["securitySchemes"]["bearer"] = {
      {"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}};
  auto& paths = doc["paths"];
  paths["/healthz"]["get"] = {{"summary", "Liveness: the process answers"},
                              {"security", nlohmann::json::array()},
                              {"responses", {{"200", {{"description", "alive"}}}}}};
  paths["/readyz"]["get"] = {
      {"summary", "Readiness: database reachable, migrations applied, Kafka reachable"},
      {"security", nlohmann::json::array()},
      {"responses",
       {{"200", {{"description", "ready"}}},
        {"503", problem_response("a dependency is not ready")}}}};
  paths["/metrics"]["get"] = {
      {"summary", "Prometheus metrics (text exposition 0.0.4)"},
      {"security", nlohmann::json::array()},
      {"responses",
       {{"200",
         {{"description", "metrics"},
          {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}};
  paths["/openapi.json"]["get"] = {
      {"summary", "This document"},
      {"security", nlohmann::json::array()},
      {"responses", {{"200", {{"description", "the OpenAPI document"}}}}}};
  // Every operation may answer these; adding them here keeps each service's file about its domain.
  for (auto& [path, item] : paths.items()) {
    for (auto& [method, op] : item.items()) {
      auto& responses = op["responses"];
      if (!responses.contains("404")) responses["404"] = problem_response("no such resource");
      if (!responses.contains("405")) responses["405"] = problem_response("method not allowed");
      if (!responses.contains("500")) responses["500"] = problem_response("internal error");
      if (!responses.contains("503") && path != "/healthz")
        responses["503"] = problem_response("database or dependency unavailable");
    }
  }
  return doc;
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
  }
  for (const auto& [path, item] : paths.items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters" && !routed.count(method + " " + path))
        out.push_back(std::string(method) + " " + path + ": documented but not routed");
  return out;
}

}  // namespace assembly::http::openapi
