#include "domain/themes.h"

#include <map>

namespace workshops::domain {

std::optional<std::string> title_of(const std::string& theme) {
  // The three Paris 2022-2023 workshops (ateliers).
  static const std::map<std::string, std::string> titles = {
      {"social-education", "Social affairs & education"},
      {"environment", "Environment"},
      {"public-space", "Public space"}};
  auto it = titles.find(theme);
  if (it == titles.end()) return std::nullopt;
  return it->second;
}

bool is_valid_theme(const std::string& theme) {
  if (theme.empty() || theme.size() > 64) return false;
  for (char c : theme)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace workshops::domain
