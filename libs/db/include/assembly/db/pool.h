#pragma once
// A small pool of libpqxx connections: one connection per request in flight. A connection that
// broke is dropped and replaced on the next lease. Every connection works in its service's schema.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace assembly::db {

struct PoolOptions {
  std::string conninfo;  // libpq keyword/value string
  std::string schema;    // search_path of every connection
  int size = 4;
  std::chrono::milliseconds lease_timeout{2000};
  std::chrono::seconds connect_timeout{3};
  std::chrono::milliseconds statement_timeout{30000};
};

// Thrown when no connection can be had: the database is down or the pool is exhausted.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Work to do once the transaction Pool::transact is running on this thread has committed, and
// not at all if it rolls back: what a statement cannot do from inside it, such as waking a thread
// of this process that reads what the transaction wrote. Returns false, registering nothing, when
// no Pool::transact runs on this thread (the caller then does without).
bool after_commit(std::function<void()> fn);

namespace detail {
// The list after_commit adds to, for one attempt of one transaction on this thread (nested ones
// each have theirs).
class AfterCommitScope {
 public:
  AfterCommitScope();
  ~AfterCommitScope();
  AfterCommitScope(const AfterCommitScope&) = delete;
  AfterCommitScope& operator=(const AfterCommitScope&) = delete;
  // After the commit: runs the work registered, in order (an exception is logged, not thrown: the
  // transaction is committed).
  void committed();

 private:
  std::vector<std::function<void()>> work_;
  std::vector<std::function<void()>>* outer_;
};
}  // namespace detail

class Pool;
class Unit;
namespace detail {
// The unit of work open on this thread for `pool`, or nullptr.
Unit* unit_of(const Pool* pool);
}  // namespace detail

class Pool {
 public:
  explicit Pool(PoolOptions options);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn);
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }
    // The connection failed: do not give it back.
    void discard() { discard_ = true; }

   private:
    Pool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    bool discard_ = false;
  };

  Lease lease();

  // Runs fn in one transaction and commits. A connection that failed is discarded; when it failed
  // at connection level (say, the database restarted since it was opened) fn runs once more on a
  // new one — nothing was committed, so that is safe. A commit whose outcome is unknown is not
  // retried (in_doubt_error). While a Unit of this pool is open on this thread, fn runs in the
  // unit's transaction instead, and the unit commits it.
  template <typename Fn>
  auto transact(Fn&& fn);

  // Runs fn outside a transaction block (pqxx::nontransaction: no BEGIN, no COMMIT, each statement
  // on its own), for a read that is one statement: the round trips of the transaction's start and
  // end saved. Retried once on a new connection like transact; inside an open Unit, runs in the
  // unit's transaction. fn must not write.
  template <typename Fn>
  auto read(Fn&& fn);

  // A fresh connection outside the pool (relay, migrations, LISTEN), configured like the others.
  std::unique_ptr<pqxx::connection> connect() const;
  // What connect() uses: the libpq string, and the statements that configure a new session (for
  // a caller that speaks libpq itself).
  std::string connection_string() const;
  std::vector<std::string> session_setup() const;
  // True when a connection can be had and answers "SELECT 1".
  bool ping();
  const PoolOptions& options() const { return options_; }
  void close();

 private:
  void give_back(std::unique_ptr<pqxx::connection> conn, bool discard);

  PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;  // leased + idle
  bool closed_ = false;
};

// One transaction for every Pool::transact of `pool` made on this thread while the unit is open:
// what a request's change and its audit entry commit together (libs/audit). The connection is
// leased and the transaction begun at the first transact (a connection found broken then is
// replaced once). When fn throws, the unit is spoiled: it commits nothing. commit() commits what
// the transactions in it did, then runs their after-commit work; a unit closed without commit()
// rolls back. Units do not nest across pools: a second pool's transact runs on its own.
class Unit {
 public:
  explicit Unit(Pool& pool);
  ~Unit();
  Unit(const Unit&) = delete;
  Unit& operator=(const Unit&) = delete;

  // Throws Spoiled (nothing committed) when a transaction in the unit threw; a commit's own
  // failure as Pool::transact's.
  void commit();
  bool spoiled() const { return spoiled_; }
  class Spoiled : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
  };

  template <typename Fn>
  auto run(Fn&& fn) {
    auto& tx = begin();
    try {
      return fn(tx);
    } catch (...) {
      spoiled_ = true;
      throw;
    }
  }

 private:
  friend Unit* detail::unit_of(const Pool* pool);
  pqxx::work& begin();

  Pool& pool_;
  Unit* outer_;
  detail::AfterCommitScope after_;
  std::optional<Pool::Lease> lease_;
  std::unique_ptr<pqxx::work> tx_;  // after lease_: ends before its connection goes back
  bool spoiled_ = false;
  bool done_ = false;
};

template <typename Fn>
auto Pool::transact(Fn&& fn) {
  if (Unit* unit = detail::unit_of(this)) return unit->run(std::forward<Fn>(fn));
  for (int attempt = 0;; ++attempt) {
    auto conn = lease();
    try {
      detail::AfterCommitScope after;
      pqxx::work tx(*conn);
      if constexpr (std::is_void_v<decltype(fn(tx))>) {
        fn(tx);
        tx.commit();
        after.committed();
        return;
      } else {
        auto result = fn(tx);
        tx.commit();
        after.committed();
        return result;
      }
    } catch (const pqxx::sql_error&) {
      throw;  // the connection is fine; the statement was refused
    } catch (const pqxx::in_doubt_error&) {
      conn.discard();
      throw;
    } catch (const pqxx::failure&) {
      conn.discard();  // unusable: never reuse
      if (attempt > 0) throw;
    }
  }
}

template <typename Fn>
auto Pool::read(Fn&& fn) {
  if (Unit* unit = detail::unit_of(this)) return unit->run(std::forward<Fn>(fn));
  for (int attempt = 0;; ++attempt) {
    auto conn = lease();
    try {
      pqxx::nontransaction tx(*conn);
      return fn(tx);
    } catch (const pqxx::sql_error&) {
      throw;
    } catch (const pqxx::failure&) {
      conn.discard();
      if (attempt > 0) throw;
    }
  }
}

// Lost connection, commit outcome unknown, server shutting down, serialization failure,
// deadlock, too many connections: worth retrying, never the caller's fault.
bool is_transient(std::exception_ptr e);

}  // namespace assembly::db
