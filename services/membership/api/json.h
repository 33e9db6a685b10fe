#pragma once
// The service's JSON, at the HTTP edge: assemblies and members as the API shows them.
#include <nlohmann/json.hpp>

#include "store/members.h"

namespace membership::api {

nlohmann::json to_json(const store::Assembly& a);
nlohmann::json to_json(const store::Member& m);

}  // namespace membership::api
