#pragma once
// Shared bits of the event integration tests: reading a topic back, counting rows.
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/envelope.h"

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

}  // namespace itest_support
