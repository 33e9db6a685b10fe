#pragma once
// Shared bits of the event integration tests: reading a topic back, counting rows.
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/db/pool.h"
#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/events/relay.h"
#include "assembly/testing/stack.h"

namespace itest_support {

struct Record {
  std::string key, value;
  std::map<std::string, std::string> headers;
};

// Reads a topic from the beginning until `expected` records arrived or the timeout passed.
std::vector<Record> read_topic(const std::string& brokers, const std::string& topic,
                               std::size_t expected, std::chrono::seconds timeout);

// Messages on a topic: the sum of its partitions' high watermarks.
long topic_size(const std::string& brokers, const std::string& topic, int partitions);

long scalar(const std::string& conninfo, const std::string& sql);

// An outbox write of `count` events (PanelSelected with draw ids "d<i>") in schema, 100 per
// transaction.
void write_events(const std::string& conninfo, const std::string& schema, const std::string& topic,
                  int count);

// An outbox in a schema of its own with `initial` events written to it (which creates it), the
// topic they go to, and what a relay of that outbox needs. The topic is deleted at the end.
struct OutboxCase {
  OutboxCase(const std::string& name, int partitions, int initial);
  ~OutboxCase();
  OutboxCase(const OutboxCase&) = delete;
  OutboxCase& operator=(const OutboxCase&) = delete;

  // Rows left in the outbox (not yet published).
  long unsent() const;
  // Options of a relay of this outbox.
  assembly::events::RelayOptions relay_options() const;
  // Appends one event (draw id and key `id`) to the outbox in `tx`, which has not committed yet.
  void append_uncommitted(pqxx::work& tx, const std::string& id) const;

  assembly::itest::TempSchema schema;
  const std::string topic, pg, brokers;
};

// A relay's pool and producer for an outbox case (named after `client`).
struct RelayParts {
  RelayParts(const OutboxCase& c, const std::string& client);
  assembly::db::Pool pool;
  assembly::events::Producer producer;
};

}  // namespace itest_support
