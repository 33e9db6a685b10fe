// An event as the consumer reads it off Kafka (libs/events): the record's value parsed as the
// envelope, the record's traceparent header and the envelope's trace id continued into a trace,
// the payload parsed as the message its event_type names (what unwrap<M> does, for every message
// of proto/), the event's time read. The first byte gives the header's length.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/logging.h>

#include <memory>
#include <string>

#include "assembly/events/envelope.h"
#include "assembly/logging/trace.h"
#include "fuzz_check.h"

using namespace assembly;

namespace {

bool lower_hex(std::string_view s) {
  return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool quiet = [] {
    google::protobuf::SetLogHandler(nullptr);  // invalid UTF-8 in a string field is logged
    return true;
  }();
  (void)quiet;
  if (size < 1) return 0;
  const std::size_t header_size = std::min<std::size_t>(data[0], size - 1);
  const std::string_view traceparent(reinterpret_cast<const char*>(data + 1), header_size);
  const auto* value = data + 1 + header_size;
  const auto value_size = size - 1 - header_size;

  if (auto tc = log::parse_traceparent(traceparent)) FUZZ_CHECK(tc->traceparent() == traceparent);

  events::Envelope envelope;
  if (!envelope.ParseFromArray(value, static_cast<int>(value_size)) ||
      envelope.event_id().empty() || envelope.event_type().empty())
    return 0;
  // What the consumer does with it.
  {
    log::TraceContextScope trace(log::continue_trace(traceparent, envelope.trace_id()));
    const auto& current = log::current_trace();
    FUZZ_CHECK(log::valid_trace_id(current.trace_id));
    FUZZ_CHECK(current.span_id.size() == 16 && lower_hex(current.span_id));
    FUZZ_CHECK(log::parse_traceparent(current.traceparent()).has_value());
  }
  (void)events::occurred_at_micros(envelope);
  // The same envelope written again reads back the same.
  events::Envelope again;
  FUZZ_CHECK(again.ParseFromString(envelope.SerializeAsString()));
  FUZZ_CHECK(again.SerializeAsString() == envelope.SerializeAsString());
  // unwrap<M>() for the M its type names.
  const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
      envelope.event_type());
  if (type == nullptr) return 0;
  const auto* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return 0;
  std::unique_ptr<google::protobuf::Message> payload(prototype->New());
  if (payload->ParseFromString(envelope.payload())) (void)payload->DebugString();
  return 0;
}
