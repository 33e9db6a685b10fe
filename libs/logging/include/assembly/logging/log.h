#pragma once
// JSON-lines logging: one object per line with time, level, service, message, trace_id and
// optional fields. Never pass personal data (names, addresses, birth dates) as a field.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace assembly::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

Level parse_level(std::string_view s);  // throws std::invalid_argument
void init(std::string service, Level min_level);
// Where lines go (default: stderr). Tests capture them.
void set_sink(std::function<void(const std::string&)> sink);

// The trace id of the work this thread is doing (request or event); "" when none.
void set_trace_id(std::string trace_id);
const std::string& trace_id();

// Sets the trace id for a scope and restores the previous one.
class TraceScope {
 public:
  explicit TraceScope(std::string trace_id);
  ~TraceScope();
  TraceScope(const TraceScope&) = delete;
  TraceScope& operator=(const TraceScope&) = delete;

 private:
  std::string previous_;
};

void write(Level level, std::string_view message, const nlohmann::json& fields = {});
inline void debug(std::string_view m, const nlohmann::json& f = {}) {
  write(Level::debug, m, f);
}
inline void info(std::string_view m, const nlohmann::json& f = {}) {
  write(Level::info, m, f);
}
inline void warn(std::string_view m, const nlohmann::json& f = {}) {
  write(Level::warn, m, f);
}
inline void error(std::string_view m, const nlohmann::json& f = {}) {
  write(Level::error, m, f);
}

}  // namespace assembly::log
