#pragma once
// Reading result rows by column name: a nullable column as an optional.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace assembly::db {

// The value of a nullable column, empty for SQL NULL: `nullable(r["seed"])`,
// `nullable<int>(r["votes_for"])`.
template <typename T = std::string>
std::optional<T> nullable(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

}  // namespace assembly::db
