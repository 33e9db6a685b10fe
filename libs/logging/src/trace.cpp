#include "assembly/logging/trace.h"

#include <random>

#include "assembly/logging/log.h"

namespace assembly::log {
namespace {

thread_local TraceContext current;

bool lower_hex(std::string_view s, std::size_t size, bool nonzero) {
  if (s.size() != size) return false;
  bool any = false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    any = any || c != '0';
  }
  return any || !nonzero;
}

std::string random_hex(std::size_t size) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(size);
  while (out.size() < size) {
    auto v = rng();
    for (int i = 0; i < 16 && out.size() < size; ++i) out += hex[(v >> (i * 4)) & 0xF];
  }
  if (out.find_first_not_of('0') == std::string::npos) out.back() = '1';
  return out;
}

}  // namespace

std::string TraceContext::traceparent() const {
  if (trace_id.empty()) return {};
  return "00-" + trace_id + "-" + span_id + "-" + flags;
}

bool valid_trace_id(std::string_view trace_id) {
  return lower_hex(trace_id, 32, true);
}

std::optional<TraceContext> parse_traceparent(std::string_view v) {
  if (v.size() != 55 || v.substr(0, 3) != "00-" || v[35] != '-' || v[52] != '-')
    return std::nullopt;
  auto trace = v.substr(3, 32), parent = v.substr(36, 16), flags = v.substr(53, 2);
  if (!lower_hex(trace, 32, true) || !lower_hex(parent, 16, true) || !lower_hex(flags, 2, false))
    return std::nullopt;
  return TraceContext{std::string(trace), std::string(parent), std::string(flags)};
}

TraceContext new_trace() {
  return TraceContext{random_hex(32), random_hex(16), "01"};
}

TraceContext continue_trace(std::string_view traceparent, std::string_view fallback_trace_id) {
  if (auto caller = parse_traceparent(traceparent)) {
    caller->span_id = random_hex(16);
    return *caller;
  }
  if (valid_trace_id(fallback_trace_id))
    return TraceContext{std::string(fallback_trace_id), random_hex(16), "01"};
  return new_trace();
}

std::string traceparent_for(std::string_view trace_id) {
  if (!valid_trace_id(trace_id)) return {};
  if (current.trace_id == trace_id) return current.traceparent();
  return TraceContext{std::string(trace_id), random_hex(16), "01"}.traceparent();
}

const TraceContext& current_trace() {
  return current;
}

TraceContextScope::TraceContextScope(TraceContext context)
    : previous_(std::move(current)), previous_log_trace_(trace_id()) {
  current = std::move(context);
  set_trace_id(current.trace_id);
}

TraceContextScope::~TraceContextScope() {
  current = std::move(previous_);
  set_trace_id(std::move(previous_log_trace_));
}

}  // namespace assembly::log
