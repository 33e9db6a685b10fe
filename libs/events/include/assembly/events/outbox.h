#pragma once
// The transactional outbox: an event is written in the same PostgreSQL transaction as the
// business rows it describes; the relay publishes it afterwards. Nothing is published that was
// not committed, and nothing committed is lost.
#include <google/protobuf/message.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/db/migrations.h"
#include "assembly/events/envelope.h"

namespace assembly::events {

// The outbox and inbox tables, to run before a service's own migrations.
std::vector<db::Migration> migrations();

// The LISTEN/NOTIFY channel of a schema's outbox.
std::string outbox_channel(const std::string& schema);

class Outbox {
 public:
  Outbox(std::string topic, std::string producer, std::string schema);
  // Appends the event in tx; returns its event id.
  std::string append(pqxx::work& tx, const google::protobuf::Message& payload,
                     const std::string& aggregate_id) const;
  std::string append(pqxx::work& tx, const Envelope& envelope) const;
  const std::string& topic() const { return topic_; }
  const std::string& producer() const { return producer_; }

 private:
  std::string topic_, producer_, schema_;
};

}  // namespace assembly::events
