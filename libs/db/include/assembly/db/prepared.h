#pragma once
// A statement run as a prepared statement of its connection: PostgreSQL parses and plans it once
// per connection, not at every call. The name is derived from the statement's text, so the same
// text is one prepared statement on each connection it runs on, whoever runs it; libpqxx prepares
// it on the connection at its first use there. For statements whose text is fixed (the stores'
// named constants): a text built per call would prepare a statement per variant.
//   auto rows = assembly::db::exec(tx, kSelectDraw, id);
#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

namespace assembly::db {

// "s" and the text's hash in hexadecimal (libstdc++'s string hash, stable within a build, which
// is all a connection's lifetime needs).
inline std::string prepared_name(std::string_view sql) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto h = std::hash<std::string_view>{}(sql);
  std::string name = "s";
  for (int i = 0; i < 16; ++i, h >>= 4) name += kHex[h & 0xf];
  return name;
}

template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const char* sql, Args&&... args) {
  const auto name = prepared_name(sql);
  // Registers the definition with the connection (nothing when it is there with this text).
  tx.conn().prepare(name, sql);
  return tx.exec_prepared(name, std::forward<Args>(args)...);
}

// The same for a statement kept as a string (built once, at start, from fixed parts).
template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return exec(tx, sql.c_str(), std::forward<Args>(args)...);
}

}  // namespace assembly::db
