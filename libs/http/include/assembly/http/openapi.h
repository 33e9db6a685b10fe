#pragma once
// Each service keeps its own OpenAPI 3 document (services/<svc>/openapi.json); the parts every
// service shares (standard endpoints, the Problem schema, bearer auth) are added here, once.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "assembly/http/http.h"

namespace assembly::http::openapi {

// The service's document with the standard paths and components merged in.
nlohmann::json complete(nlohmann::json service_document);

// Every way the document falls short of the router: a route with no operation, a non-public
// route without 401/403, a route taking a body without 400/413/415, a documented operation with
// no route, an operation whose access rule (`x-access`, docs/access.md) is missing or differs
// from the route's. Empty when complete; unit tests of every service assert that.
std::vector<std::string> gaps(const Router& router, const nlohmann::json& document);

// The access rule of a route, as its operation's `x-access` states it (docs/access.md): the roles
// admitted (["anyone"] for a public route; an auditor reads what the secretariat reads) and the
// limits on the object ("assembly", "all-assemblies", "own-member", "department").
nlohmann::json access_rule(const Router& router, const Route& route);

// "/v1/draws/:id" -> "/v1/draws/{id}"
std::string openapi_path(const std::string& pattern);

}  // namespace assembly::http::openapi
