#pragma once
// UTC times as the suite writes them in JSON and events: "2022-01-10T18:00:00Z" and "2022-01-10".
#include <ctime>
#include <string>

namespace assembly::core {

std::string utc_time(std::time_t t);  // "YYYY-MM-DDTHH:MM:SSZ"
std::string utc_date(std::time_t t);  // "YYYY-MM-DD"
inline std::string utc_now() {
  return utc_time(std::time(nullptr));
}
inline std::string utc_today() {
  return utc_date(std::time(nullptr));
}

}  // namespace assembly::core
