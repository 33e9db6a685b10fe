#pragma once
// A savepoint within a transaction: a step that may be refused is undone alone, the rest of the
// transaction (an event's handling) goes on.
#include <pqxx/pqxx>
#include <string>

namespace sortition::store {

class Savepoint {
 public:
  // `name` is an SQL identifier chosen by the caller, never input.
  Savepoint(pqxx::work& tx, std::string name) : tx_(tx), name_(std::move(name)) {
    tx_.exec("SAVEPOINT " + name_);
  }
  void release() { tx_.exec("RELEASE SAVEPOINT " + name_); }
  void roll_back() { tx_.exec("ROLLBACK TO SAVEPOINT " + name_); }

 private:
  pqxx::work& tx_;
  std::string name_;
};

}  // namespace sortition::store
