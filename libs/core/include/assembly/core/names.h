#pragma once
// The names of an enum's values written once, as a table of (value, name) pairs, read both ways:
//   constexpr std::pair<Colour, std::string_view> kColours[] = {{Colour::red, "red"}, ...};
//   name_of(kColours, Colour::red, "red") == "red";  value_of(kColours, "red") == Colour::red.
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace assembly::core {

// The name of `value`, or `fallback` for a value the table does not list.
template <typename E, std::size_t N>
constexpr std::string_view name_of(const std::pair<E, std::string_view> (&names)[N], E value,
                                   std::string_view fallback) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return fallback;
}

// The value named `name`, if the table has one.
template <typename E, std::size_t N>
constexpr std::optional<E> value_of(const std::pair<E, std::string_view> (&names)[N],
                                    std::string_view name) {
  for (const auto& [v, n] : names)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace assembly::core
