// Migrations and the pool against the real local PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "assembly/db/migrations.h"
#include "assembly/db/pool.h"
#include "assembly/db/prepared.h"
#include "assembly/testing/stack.h"

using namespace assembly;

namespace {

std::vector<db::Migration> sample() {
  return {{"0001_a", "CREATE TABLE a (id INT PRIMARY KEY)"},
          {"0002_b", "CREATE TABLE b (id INT PRIMARY KEY, a INT REFERENCES a(id))"},
          {"0003_seed", "INSERT INTO a VALUES (1), (2)"}};
}

long count(pqxx::connection& c, const std::string& sql) {
  pqxx::nontransaction tx(c);
  return tx.exec(sql)[0][0].as<long>();
}

}  // namespace

TEST(Migrations, ApplyOnceAndAreIdempotent) {
  itest::TempSchema schema("mig");
  pqxx::connection c(itest::pg_conninfo());
  EXPECT_EQ(db::migrate(c, schema.name(), sample()), 3);
  EXPECT_EQ(db::migrate(c, schema.name(), sample()), 0);
  EXPECT_EQ(count(c, "SELECT count(*) FROM " + schema.name() + ".a"), 2);
  EXPECT_EQ(count(c, "SELECT count(*) FROM " + schema.name() + ".schema_migrations"), 3);
  auto more = sample();
  more.push_back({"0004_c", "CREATE TABLE c (x INT)"});
  EXPECT_EQ(db::migrate(c, schema.name(), more), 1);
}

TEST(Migrations, TwoRunnersAtOnceApplyEachMigrationOnce) {
  itest::TempSchema schema("mig2");
  std::atomic<int> applied{0};
  std::atomic<int> failures{0};
  auto runner = [&] {
    try {
      pqxx::connection c(itest::pg_conninfo());
      applied += db::migrate(c, schema.name(), sample());
    } catch (const std::exception& e) {
      ++failures;
      ADD_FAILURE() << e.what();
    }
  };
  std::thread t1(runner), t2(runner), t3(runner);
  t1.join();
  t2.join();
  t3.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied.load(), 3);
  pqxx::connection c(itest::pg_conninfo());
  EXPECT_EQ(count(c, "SELECT count(*) FROM " + schema.name() + ".a"), 2);
}

TEST(Migrations, AFailingMigrationLeavesNoTrace) {
  itest::TempSchema schema("mig3");
  pqxx::connection c(itest::pg_conninfo());
  std::vector<db::Migration> bad = {
      {"0001_ok", "CREATE TABLE ok (x INT)"},
      {"0002_bad", "CREATE TABLE half (x INT); SELECT nonsense FROM nowhere"}};
  EXPECT_THROW(db::migrate(c, schema.name(), bad), pqxx::sql_error);
  EXPECT_EQ(count(c, "SELECT count(*) FROM " + schema.name() + ".schema_migrations"), 1);
  EXPECT_EQ(count(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                         schema.name() + "' AND table_name = 'half'"),
            0);
}

TEST(Migrations, AnEditedMigrationIsRefused) {
  itest::TempSchema schema("mig4");
  pqxx::connection c(itest::pg_conninfo());
  db::migrate(c, schema.name(), sample());
  auto edited = sample();
  edited[0].sql = "CREATE TABLE a (id BIGINT PRIMARY KEY)";
  try {
    db::migrate(c, schema.name(), edited);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("0001_a"), std::string::npos);
  }
}

TEST(Pool, LeasesWorkInTheSchemaAndTransientErrorsAreRecognised) {
  itest::TempSchema schema("pool");
  db::Pool pool({itest::pg_conninfo(), schema.name(), 2});
  pool.transact([](pqxx::work& tx) { tx.exec("CREATE TABLE t (x INT)"); });
  pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (42)"); });
  auto x = pool.transact([](pqxx::work& tx) { return tx.exec("SELECT x FROM t")[0][0].as<int>(); });
  EXPECT_EQ(x, 42);
  EXPECT_TRUE(pool.ping());

  db::Pool dead({"host=127.0.0.1 port=1 dbname=x user=x", "x", 1, std::chrono::milliseconds(200),
                 std::chrono::seconds(1)});
  EXPECT_FALSE(dead.ping());
  try {
    dead.lease();
    FAIL();
  } catch (...) {
    EXPECT_TRUE(db::is_transient(std::current_exception()));
  }
  try {
    pool.transact([](pqxx::work& tx) { tx.exec("SELECT nonsense"); });
    FAIL();
  } catch (...) {
    EXPECT_FALSE(db::is_transient(std::current_exception()));
  }
}

// Work registered with after_commit runs once the transaction has committed (its rows are then
// visible to another connection), never when it rolls back, and cannot be registered outside
// Pool::transact.
TEST(Pool, AfterCommitWorkRunsOnlyOnceCommitted) {
  itest::TempSchema schema("aftercommit");
  db::Pool pool({itest::pg_conninfo(), schema.name(), 2});
  pool.transact([](pqxx::work& tx) { tx.exec("CREATE TABLE t (x INT)"); });
  EXPECT_FALSE(db::after_commit([] {})) << "no transaction on this thread";

  pqxx::connection other(itest::pg_conninfo());
  long seen_after_commit = -1;
  int runs = 0;
  pool.transact([&](pqxx::work& tx) {
    tx.exec("INSERT INTO t VALUES (1)");
    EXPECT_TRUE(db::after_commit([&] {
      ++runs;
      seen_after_commit = count(other, "SELECT count(*) FROM " + schema.name() + ".t");
    }));
    EXPECT_EQ(runs, 0) << "not before the commit";
  });
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(seen_after_commit, 1) << "the row is committed when the work runs";

  try {
    pool.transact([&](pqxx::work& tx) {
      tx.exec("INSERT INTO t VALUES (2)");
      db::after_commit([&] { ++runs; });
      throw std::runtime_error("rolled back");
    });
    FAIL();
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(runs, 1) << "rolled back: the work does not run";
  EXPECT_FALSE(db::after_commit([] {})) << "the transaction's scope has ended";
}

// The transactions made on this thread while a unit is open are one: nothing is visible before
// the unit's commit, the after-commit work runs after it, a transaction that threw spoils the
// unit (nothing kept), and a unit closed without commit keeps nothing.
TEST(Pool, AUnitCommitsItsTransactionsAsOne) {
  itest::TempSchema schema("unit");
  db::Pool pool({itest::pg_conninfo(), schema.name(), 2});
  pool.transact([](pqxx::work& tx) { tx.exec("CREATE TABLE t (x INT)"); });
  pqxx::connection other(itest::pg_conninfo());
  const auto rows = [&] { return count(other, "SELECT count(*) FROM " + schema.name() + ".t"); };
  int runs = 0;
  {
    db::Unit unit(pool);
    pool.transact([&](pqxx::work& tx) {
      tx.exec("INSERT INTO t VALUES (1)");
      db::after_commit([&] { ++runs; });
    });
    pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (2)"); });
    EXPECT_EQ(rows(), 0) << "nothing before the unit commits";
    EXPECT_EQ(runs, 0);
    unit.commit();
  }
  EXPECT_EQ(rows(), 2);
  EXPECT_EQ(runs, 1);

  {
    db::Unit unit(pool);
    pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (3)"); });
    EXPECT_THROW(pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES ('x')"); }),
                 pqxx::sql_error);
    EXPECT_TRUE(unit.spoiled());
    EXPECT_THROW(unit.commit(), db::Unit::Spoiled);
  }
  {
    db::Unit unit(pool);
    pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (4)"); });
  }
  EXPECT_EQ(rows(), 2) << "neither the spoiled unit nor the one never committed kept anything";
  pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (5)"); });
  EXPECT_EQ(rows(), 3) << "after the unit, each transaction commits on its own";
}

// A read runs outside a transaction block (no BEGIN: PostgreSQL reports no transaction in
// progress between its statements' own), comes back after its connection was cut (once, on a new
// one), and inside an open unit reads the unit's own uncommitted rows.
TEST(Pool, AReadRunsOutsideATransactionBlockAndIsRetriedOnANewConnection) {
  itest::TempSchema schema("poolread");
  db::Pool pool({itest::pg_conninfo(), schema.name(), 1});
  pool.transact(
      [](pqxx::work& tx) { tx.exec("CREATE TABLE t (x INT); INSERT INTO t VALUES (7)"); });
  // now() is the start of the transaction: two statements of one block share it; outside a
  // block each statement is its own transaction.
  const auto block = pool.read([](pqxx::transaction_base& tx) {
    const auto first = tx.exec("SELECT txid_current()")[0][0].as<long>();
    const auto second = tx.exec("SELECT txid_current()")[0][0].as<long>();
    return second != first;
  });
  EXPECT_TRUE(block) << "each statement of a read is a transaction of its own";

  const auto pid = pool.read([](pqxx::transaction_base& tx) {
    return tx.exec("SELECT pg_backend_pid()")[0][0].as<int>();
  });
  {
    pqxx::connection admin(itest::pg_conninfo());
    pqxx::nontransaction a(admin);
    a.exec_params("SELECT pg_terminate_backend($1)", pid);
  }
  const auto x = pool.read(
      [](pqxx::transaction_base& tx) { return tx.exec("SELECT x FROM t")[0][0].as<int>(); });
  EXPECT_EQ(x, 7) << "read again on a new connection";

  db::Unit unit(pool);
  pool.transact([](pqxx::work& tx) { tx.exec("INSERT INTO t VALUES (8)"); });
  const auto inside = pool.read(
      [](pqxx::transaction_base& tx) { return tx.exec("SELECT count(*) FROM t")[0][0].as<int>(); });
  EXPECT_EQ(inside, 2) << "the unit's own row";
}

// db::exec prepares a statement once per connection (by its text) and runs it prepared after.
TEST(Prepared, AStatementIsPreparedOncePerConnectionByItsText) {
  itest::TempSchema schema("prepared");
  db::Pool pool({itest::pg_conninfo(), schema.name(), 1});
  pool.transact(
      [](pqxx::work& tx) { tx.exec("CREATE TABLE t (x INT); INSERT INTO t VALUES (1), (2)"); });
  static constexpr const char* kCount = "SELECT count(*) FROM t WHERE x >= $1";
  for (int i = 0; i < 3; ++i) {
    const auto n = pool.read(
        [](pqxx::transaction_base& tx) { return db::exec(tx, kCount, 2)[0][0].as<int>(); });
    EXPECT_EQ(n, 1);
  }
  const auto prepared = pool.read([](pqxx::transaction_base& tx) {
    return tx
        .exec("SELECT count(*) FROM pg_prepared_statements WHERE statement = '" +
              std::string(kCount) + "'")[0][0]
        .as<int>();
  });
  EXPECT_EQ(prepared, 1) << "prepared once on the pool's one connection";
  EXPECT_EQ(db::prepared_name(kCount), db::prepared_name(std::string(kCount)));
  EXPECT_NE(db::prepared_name(kCount), db::prepared_name("SELECT 1"));
}
