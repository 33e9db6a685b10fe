#include "assembly/core/time.h"

namespace assembly::core {

namespace {
std::string format(std::time_t t, const char* pattern) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}
}  // namespace

std::string utc_time(std::time_t t) {
  return format(t, "%Y-%m-%dT%H:%M:%SZ");
}
std::string utc_date(std::time_t t) {
  return format(t, "%Y-%m-%d");
}

}  // namespace assembly::core
