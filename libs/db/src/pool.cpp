#include "assembly/db/pool.h"

#include "assembly/logging/log.h"

namespace assembly::db {

namespace {
thread_local std::vector<std::function<void()>>* current_after_commit = nullptr;
thread_local Unit* current_unit = nullptr;
}  // namespace

bool after_commit(std::function<void()> fn) {
  if (current_after_commit == nullptr) return false;
  current_after_commit->push_back(std::move(fn));
  return true;
}

namespace detail {
AfterCommitScope::AfterCommitScope() : outer_(current_after_commit) {
  current_after_commit = &work_;
}

AfterCommitScope::~AfterCommitScope() {
  current_after_commit = outer_;
}

void AfterCommitScope::committed() {
  current_after_commit = outer_;
  for (auto& fn : work_) try {
      fn();
    } catch (const std::exception& e) {
      log::error("after-commit work failed", {{"error", e.what()}});
    }
  work_.clear();
}
}  // namespace detail

Unit* detail::unit_of(const Pool* pool) {
  return current_unit != nullptr && &current_unit->pool_ == pool && !current_unit->done_
             ? current_unit
             : nullptr;
}

Unit::Unit(Pool& pool) : pool_(pool), outer_(current_unit) {
  current_unit = this;
}

Unit::~Unit() {
  current_unit = outer_;
  if (tx_ && !done_) try {
      tx_->abort();
    } catch (const std::exception&) {
      lease_->discard();
    }
}

pqxx::work& Unit::begin() {
  for (int attempt = 0; !tx_; ++attempt) {
    lease_.emplace(pool_.lease());
    try {
      tx_ = std::make_unique<pqxx::work>(**lease_);
    } catch (const pqxx::broken_connection&) {
      lease_->discard();  // a connection the database dropped since: once more on a new one
      lease_.reset();
      if (attempt > 0) throw;
    }
  }
  return *tx_;
}

void Unit::commit() {
  if (spoiled_) throw Spoiled("a transaction of the unit failed: nothing was committed");
  done_ = true;
  if (tx_) try {
      tx_->commit();
    } catch (const pqxx::sql_error&) {
      throw;
    } catch (const pqxx::failure&) {
      lease_->discard();
      throw;
    }
  after_.committed();
}

Pool::Pool(PoolOptions options) : options_(std::move(options)) {
  if (options_.size < 1) throw std::invalid_argument("pool size must be at least 1");
}

Pool::~Pool() {
  close();
}

std::string Pool::connection_string() const {
  return options_.conninfo +
         " connect_timeout=" + std::to_string(options_.connect_timeout.count()) +
         " application_name=" + (options_.schema.empty() ? "assembly" : options_.schema);
}

std::vector<std::string> Pool::session_setup() const {
  std::vector<std::string> statements;
  // A schema name is an identifier chosen by the service, quoted all the same.
  if (!options_.schema.empty()) {
    std::string quoted = "\"";
    for (char c : options_.schema) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    statements.push_back("SET search_path TO " + quoted + "\"");
  }
  statements.push_back("SET statement_timeout = " +
                       std::to_string(options_.statement_timeout.count()));
  return statements;
}

std::unique_ptr<pqxx::connection> Pool::connect() const {
  auto conn = std::make_unique<pqxx::connection>(connection_string());
  pqxx::nontransaction tx(*conn);
  for (const auto& statement : session_setup()) tx.exec(statement);
  return conn;
}

Pool::Lease Pool::lease() {
  std::unique_lock lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + options_.lease_timeout;
  while (true) {
    if (closed_) throw Unavailable("database pool closed");
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    if (open_ < options_.size) {
      ++open_;
      lock.unlock();
      try {
        return Lease(this, connect());
      } catch (const std::exception& e) {
        lock.lock();
        --open_;
        cv_.notify_one();
        throw Unavailable(std::string("cannot connect to the database: ") + e.what());
      }
    }
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout)
      throw Unavailable("no database connection free within the lease timeout");
  }
}

void Pool::give_back(std::unique_ptr<pqxx::connection> conn, bool discard) {
  std::lock_guard lock(mutex_);
  if (discard || closed_ || !conn || !conn->is_open()) {
    --open_;
  } else {
    idle_.push_back(std::move(conn));
  }
  cv_.notify_one();
}

bool Pool::ping() {
  try {
    auto conn = lease();
    try {
      pqxx::nontransaction tx(*conn);
      tx.exec("SELECT 1");
      return true;
    } catch (const pqxx::broken_connection&) {
      conn.discard();
      return false;
    }
  } catch (const std::exception&) {
    return false;
  }
}

void Pool::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
  cv_.notify_all();
}

Pool::Lease::Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), discard_(other.discard_) {
  other.pool_ = nullptr;
}

Pool::Lease::~Lease() {
  if (pool_) pool_->give_back(std::move(conn_), discard_);
}

}  // namespace assembly::db
