#pragma once
// Building and reading the envelope every event travels in (proto/assembly/envelope/v1).
#include <google/protobuf/message.h>

#include <string>

#include "assembly/envelope/v1/envelope.pb.h"

namespace assembly::events {

using Envelope = assembly::envelope::v1::Envelope;

// A new envelope (fresh event id, now, the current trace id when none is given) around payload.
Envelope wrap(const google::protobuf::Message& payload, const std::string& aggregate_id,
              const std::string& producer, std::string trace_id = {}, unsigned schema_version = 1);

// The payload of an envelope as M; throws Poison when the type differs or the bytes do not parse.
class Poison : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <typename M>
M unwrap(const Envelope& e) {
  M m;
  if (e.event_type() != M::descriptor()->full_name())
    throw Poison("event type " + e.event_type() + " is not " + M::descriptor()->full_name());
  if (!m.ParseFromString(e.payload()))
    throw Poison("payload of " + e.event_type() + " does not parse");
  return m;
}

// Microseconds since the epoch of occurred_at (latency measurements); a time too far from 1970
// to count so is clamped to the nearest one that can.
long long occurred_at_micros(const Envelope& e);

}  // namespace assembly::events
