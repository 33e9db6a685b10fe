#pragma once
#include "assembly/service/service.h"

namespace recommendations {
assembly::service::Definition definition();
std::vector<assembly::db::Migration> migrations();  // generated from migrations/
std::string_view openapi_document();                // generated from openapi.json
}  // namespace recommendations
