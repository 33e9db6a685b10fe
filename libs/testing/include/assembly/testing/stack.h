#pragma once
// The local stack (ops/stack) as integration tests see it: variables from var/stack.env,
// throw-away schemas owned by the test role, throw-away topics. A missing variable fails the
// test with a message saying to run ops/test; it never skips silently.
#include <string>
#include <vector>

namespace assembly::itest {

std::string env(const std::string& name);  // the variable, or a test failure naming it
std::string pg_conninfo();                 // TEST_PG_CONNINFO
std::string kafka_brokers();               // KAFKA_BROKERS

// A new empty schema (dropped by the destructor) for one test.
class TempSchema {
 public:
  explicit TempSchema(const std::string& prefix = "t");
  ~TempSchema();
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// Creates a topic with the given partitions (librdkafka admin API); returns its unique name.
std::string create_topic(const std::string& prefix, int partitions);
void delete_topic(const std::string& name);

// Runs a shell command and returns its exit status (for stopping and starting the broker).
int shell(const std::string& command);

}  // namespace assembly::itest
