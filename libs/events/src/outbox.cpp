#include "assembly/events/outbox.h"

#include "assembly/db/pool.h"
#include "assembly/logging/trace.h"
#include "wakeup.h"

namespace assembly::events {

std::vector<db::Migration> migrations() {
  return {{"events-0001_outbox_inbox", R"sql(
CREATE TABLE outbox (
  id           BIGSERIAL PRIMARY KEY,
  event_id     TEXT NOT NULL UNIQUE,
  topic        TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  event_type   TEXT NOT NULL,
  envelope     BYTEA NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  sent_at      TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- Events this service has applied: a redelivered event finds its id here and has no second effect.
CREATE TABLE inbox (
  event_id        TEXT PRIMARY KEY,
  event_type      TEXT NOT NULL,
  topic           TEXT NOT NULL,
  kafka_partition INT NOT NULL,
  kafka_offset    BIGINT NOT NULL,
  processed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
)sql"},
          // Delivered rows are deleted by the relay (a fraction of an UPDATE's cost): every row
          // in the outbox is pending.
          {"events-0002_outbox_delete_on_delivery", R"sql(
DROP INDEX outbox_unsent;
ALTER TABLE outbox DROP COLUMN sent_at;
)sql"},
          // The W3C traceparent the relay sends as the record's `traceparent` header (NULL: no
          // trace, none sent).
          {"events-0011_outbox_traceparent", R"sql(
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
)sql"}};
}

std::string outbox_channel(const std::string& schema) {
  return "outbox_" + schema;
}

Outbox::Outbox(std::string topic, std::string producer, std::string schema)
    : topic_(std::move(topic)), producer_(std::move(producer)), schema_(std::move(schema)) {}

std::string Outbox::append(pqxx::work& tx, const google::protobuf::Message& payload,
                           const std::string& aggregate_id) const {
  return append(tx, wrap(payload, aggregate_id, producer_));
}

std::string Outbox::append(pqxx::work& tx, const Envelope& e) const {
  static const std::string insert =
      "INSERT INTO outbox (event_id, topic, aggregate_id, event_type, envelope, traceparent) "
      "VALUES ($1, $2, $3, $4, $5, $6)";
  const pqxx::binarystring envelope(e.SerializeAsString());
  // The trace the event belongs to, as the record header the relay sends (none without one).
  const auto tp = log::traceparent_for(e.trace_id());
  const char* traceparent = tp.empty() ? nullptr : tp.c_str();
  // The relay of this process holds the schema's lock: woken in-process after the commit.
  if (auto relay = detail::active_relay(schema_);
      relay && db::after_commit([relay] { relay->notify(); })) {
    tx.exec_params(insert, e.event_id(), topic_, e.aggregate_id(), e.event_type(), envelope,
                   traceparent);
    return e.event_id();
  }
  // Otherwise a NOTIFY, delivered at commit (once per transaction), wakes the active relay,
  // wherever it runs. One statement for both (a data-modifying WITH always runs): one round trip.
  tx.exec_params("WITH row AS (" + insert + ") SELECT pg_notify($7, '')", e.event_id(), topic_,
                 e.aggregate_id(), e.event_type(), envelope, traceparent, outbox_channel(schema_));
  return e.event_id();
}

}  // namespace assembly::events
