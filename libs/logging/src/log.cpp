#include "assembly/logging/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>

namespace assembly::log {
namespace {

struct State {
  std::mutex mutex;
  std::string service = "unknown";
  std::atomic<int> min_level{static_cast<int>(Level::info)};
  std::function<void(const std::string&)> sink;
};

State& state() {
  static State s;
  return s;
}

thread_local std::string current_trace;

const char* name(Level l) {
  switch (l) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "info";
}

std::string now_iso8601() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace

Level parse_level(std::string_view s) {
  if (s == "debug") return Level::debug;
  if (s == "info") return Level::info;
  if (s == "warn") return Level::warn;
  if (s == "error") return Level::error;
  throw std::invalid_argument("unknown log level \"" + std::string(s) +
                              "\" (debug, info, warn, error)");
}

void init(std::string service, Level min_level) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.service = std::move(service);
  s.min_level = static_cast<int>(min_level);
}

void set_sink(std::function<void(const std::string&)> sink) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.sink = std::move(sink);
}

void set_trace_id(std::string trace_id) {
  current_trace = std::move(trace_id);
}
const std::string& trace_id() {
  return current_trace;
}

TraceScope::TraceScope(std::string trace_id) : previous_(std::move(current_trace)) {
  current_trace = std::move(trace_id);
}
TraceScope::~TraceScope() {
  current_trace = std::move(previous_);
}

void write(Level level, std::string_view message, const nlohmann::json& fields) {
  auto& s = state();
  if (static_cast<int>(level) < s.min_level.load()) return;
  nlohmann::json line = {{"time", now_iso8601()}, {"level", name(level)}};
  {
    std::lock_guard lock(s.mutex);
    line["service"] = s.service;
  }
  line["message"] = message;
  line["trace_id"] = current_trace;
  if (fields.is_object())
    for (auto it = fields.begin(); it != fields.end(); ++it)
      if (!line.contains(it.key())) line[it.key()] = it.value();
  // Replace invalid UTF-8 instead of throwing: a log line must never take the service down.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(s.mutex);
  if (s.sink) {
    s.sink(text);
  } else {
    text.push_back('\n');
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
}

}  // namespace assembly::log
