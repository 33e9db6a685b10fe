#include "assembly/events/envelope.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "assembly/core/ids.h"
#include "assembly/logging/log.h"

namespace assembly::events {

Envelope wrap(const google::protobuf::Message& payload, const std::string& aggregate_id,
              const std::string& producer, std::string trace_id, unsigned schema_version) {
  Envelope e;
  e.set_event_id(core::new_uuid());
  e.set_event_type(payload.GetDescriptor()->full_name());
  e.set_aggregate_id(aggregate_id);
  auto now = std::chrono::system_clock::now().time_since_epoch();
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  e.mutable_occurred_at()->set_seconds(micros / 1000000);
  e.mutable_occurred_at()->set_nanos(static_cast<int>((micros % 1000000) * 1000));
  e.set_producer(producer);
  e.set_schema_version(schema_version);
  e.set_trace_id(trace_id.empty() ? log::trace_id() : trace_id);
  e.set_payload(payload.SerializeAsString());
  return e;
}

long long occurred_at_micros(const Envelope& e) {
  // An envelope read off Kafka may hold any time: one beyond what microseconds since 1970 count
  // (about 292,000 years either way) is clamped there rather than overflowing.
  constexpr long long kMaxSeconds = std::numeric_limits<long long>::max() / 1000000 - 1;
  const long long seconds =
      std::clamp<long long>(e.occurred_at().seconds(), -kMaxSeconds, kMaxSeconds);
  const int nanos = std::clamp(e.occurred_at().nanos(), -999'999'999, 999'999'999);
  return seconds * 1000000LL + nanos / 1000;
}

}  // namespace assembly::events
