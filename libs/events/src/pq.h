#pragma once
// The relay's own connection, in libpq directly: libpqxx 6.4 returns every result as text, so an
// envelope would travel as hex (twice its size), be encoded by the server and decoded here. With
// libpq the relay asks for binary results, and sends its next read before it produces the batch
// it has (the server reads while this thread produces).
#include <libpq-fe.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "assembly/db/pool.h"

namespace assembly::events::detail {

struct ClearResult {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ClearResult>;

// A result in binary format: fields are raw bytes, integers big-endian.
class Rows {
 public:
  Rows() = default;
  explicit Rows(Result r) : result_(std::move(r)) {}
  std::size_t size() const {
    return result_ ? static_cast<std::size_t>(PQntuples(result_.get())) : 0;
  }
  bool empty() const { return size() == 0; }
  std::string_view bytes(std::size_t row, int column) const {
    return {PQgetvalue(result_.get(), static_cast<int>(row), column),
            static_cast<std::size_t>(PQgetlength(result_.get(), static_cast<int>(row), column))};
  }
  long long int8(std::size_t row, int column) const {
    auto b = bytes(row, column);
    if (b.size() != 8) throw std::runtime_error("outbox relay: a bigint column is not 8 bytes");
    std::uint64_t v = 0;
    for (unsigned char c : b) v = (v << 8) | c;
    return static_cast<long long>(v);
  }

 private:
  Result result_;
};

class PgConnection {
 public:
  // Connects like the pool's own connections (same string, same session settings).
  explicit PgConnection(const db::Pool& pool)
      : conn_(PQconnectdb(pool.connection_string().c_str())) {
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) fail("cannot connect");
    for (const auto& statement : pool.session_setup()) exec(statement);
  }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  bool is_open() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  int socket() const { return PQsocket(conn_.get()); }

  // A statement with text parameters; the result in text (format 0) or binary (1).
  Result exec(const std::string& sql, const std::vector<std::string>& params = {}, int format = 0) {
    send(sql, params, format);
    return receive();
  }
  // Sends without waiting; receive() takes the result. One statement at a time.
  void send(const std::string& sql, const std::vector<std::string>& params, int format) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    if (PQsendQueryParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                          values.data(), nullptr, nullptr, format) == 0)
      fail("cannot send a statement");
  }
  Result receive() {
    Result first;
    while (PGresult* r = PQgetResult(conn_.get())) {
      if (!first)
        first.reset(r);
      else
        PQclear(r);
    }
    if (!first) fail("no result");
    auto status = PQresultStatus(first.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string error = PQresultErrorMessage(first.get());
      if (!is_open()) fail("connection lost");
      throw std::runtime_error("outbox relay: " + error);
    }
    return first;
  }
  std::string quote_name(const std::string& name) {
    char* quoted = PQescapeIdentifier(conn_.get(), name.data(), name.size());
    if (quoted == nullptr) fail("cannot quote a name");
    std::string result(quoted);
    PQfreemem(quoted);
    return result;
  }
  static std::size_t affected(const Result& r) { return std::stoul(PQcmdTuples(r.get())); }

  // Notifications received so far, read from the socket if any came; throws if the connection is
  // lost.
  int notifications() {
    if (PQconsumeInput(conn_.get()) == 0) fail("connection lost");
    int n = 0;
    while (PGnotify* notify = PQnotifies(conn_.get())) {
      PQfreemem(notify);
      ++n;
    }
    return n;
  }
  // Only the ones already read with a result: no system call.
  int pending_notifications() {
    int n = 0;
    while (PGnotify* notify = PQnotifies(conn_.get())) {
      PQfreemem(notify);
      ++n;
    }
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    std::string error = conn_ ? PQerrorMessage(conn_.get()) : "out of memory";
    throw db::Unavailable("outbox relay: " + what + ": " + error);
  }
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  std::unique_ptr<PGconn, Finish> conn_;
};

}  // namespace assembly::events::detail
