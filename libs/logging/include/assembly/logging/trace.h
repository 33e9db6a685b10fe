#pragma once
// W3C Trace Context (traceparent, version 00): the trace a request or an event belongs to. What a
// caller sends is validated and never copied otherwise; a missing or invalid value starts a new
// trace. The same value travels as the HTTP header and the Kafka record header `traceparent`.
#include <optional>
#include <string>
#include <string_view>

namespace assembly::log {

struct TraceContext {
  std::string trace_id;  // 32 lower-case hex digits, not all zero; "" when there is no trace
  std::string span_id;   // 16 lower-case hex digits, not all zero: this work's own span
  std::string flags = "01";
  // "00-<trace_id>-<span_id>-<flags>": what this work passes on to what it causes.
  std::string traceparent() const;
};

// The context a traceparent value names (its span id is the caller's); nullopt unless it is
// version 00, a 32-hex trace id and a 16-hex parent id neither all zero, and 2-hex flags, in
// lower case, 55 characters in all.
std::optional<TraceContext> parse_traceparent(std::string_view value);
// True for 32 lower-case hex digits, not all zero.
bool valid_trace_id(std::string_view trace_id);
// A new trace: random trace and span ids, flags 01 (sampled).
TraceContext new_trace();
// The work caused by a caller's traceparent: the caller's trace and flags with a span of its own;
// a new trace when the value is absent or invalid. `fallback_trace_id` (say, an event envelope's
// trace id) is used when the value is invalid and it is a valid trace id.
TraceContext continue_trace(std::string_view traceparent, std::string_view fallback_trace_id = {});
// The traceparent this thread's work passes on for the trace `trace_id`: its own span when it is
// the thread's trace, a new span of that trace otherwise; "" when trace_id is not valid.
std::string traceparent_for(std::string_view trace_id);

// This thread's trace context (empty when none).
const TraceContext& current_trace();

// Sets this thread's trace context, and so the trace_id of its log lines, for a scope; restores
// the previous one.
class TraceContextScope {
 public:
  explicit TraceContextScope(TraceContext context);
  ~TraceContextScope();
  TraceContextScope(const TraceContextScope&) = delete;
  TraceContextScope& operator=(const TraceContextScope&) = delete;

 private:
  TraceContext previous_;
  std::string previous_log_trace_;
};

}  // namespace assembly::log
