#include "assembly/http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace assembly::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The 16 bytes of an IPv4 (mapped) or IPv6 address in text, without port or brackets.
std::optional<std::array<std::uint8_t, 16>> to_bytes(const std::string& text) {
  std::array<std::uint8_t, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

bool is_mapped_v4(const std::array<std::uint8_t, 16>& b) {
  return std::all_of(b.begin(), b.begin() + 10, [](auto x) { return x == 0; }) && b[10] == 0xff &&
         b[11] == 0xff;
}

std::string to_text(const std::array<std::uint8_t, 16>& b) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_mapped_v4(b)) {
    inet_ntop(AF_INET, b.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
  }
  return buf;
}

// "1.2.3.4", "1.2.3.4:80", "[::1]", "[::1]:80", "::1", with or without quotes: the address.
std::string strip_port(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    return std::string(close == std::string_view::npos ? s : s.substr(1, close - 1));
  }
  auto colon = s.find(':');
  if (colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos)
    return std::string(s.substr(0, colon));  // one colon: IPv4 with a port
  return std::string(s);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

// The for= values of a Forwarded header, left to right ("" for an element without one).
std::vector<std::string> forwarded_for(std::string_view header) {
  std::vector<std::string> out;
  for (auto element : split(header, ',')) {
    std::string value;
    for (auto pair : split(element, ';')) {
      pair = trim(pair);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      auto name = std::string(trim(pair.substr(0, eq)));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (name == "for") value = std::string(trim(pair.substr(eq + 1)));
    }
    out.push_back(value);
  }
  return out;
}

}  // namespace

std::optional<std::string> canonical_address(std::string_view text) {
  auto bytes = to_bytes(strip_port(text));
  if (!bytes) return std::nullopt;
  return to_text(*bytes);
}

TrustedProxies TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  std::string all(list);
  std::replace(all.begin(), all.end(), ',', ' ');
  for (auto entry : split(all, ' ')) {
    entry = trim(entry);
    if (entry.empty()) continue;
    auto slash = entry.find('/');
    auto bytes = to_bytes(std::string(entry.substr(0, slash)));
    if (!bytes)
      throw std::invalid_argument("not an IP address block: \"" + std::string(entry) + "\"");
    const bool v4 = is_mapped_v4(*bytes) && entry.substr(0, slash).find(':') == std::string::npos;
    const int max = v4 ? 32 : 128;
    int prefix = max;
    if (slash != std::string_view::npos) {
      auto digits = entry.substr(slash + 1);
      if (digits.empty() || digits.size() > 3 ||
          !std::all_of(digits.begin(), digits.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; }) ||
          std::stoi(std::string(digits)) > max)
        throw std::invalid_argument("not an IP address block: \"" + std::string(entry) +
                                    "\" (prefix length 0 to " + std::to_string(max) + ")");
      prefix = std::stoi(std::string(digits));
    }
    out.blocks_.push_back(Cidr{*bytes, v4 ? prefix + 96 : prefix});
  }
  return out;
}

bool TrustedProxies::trusts(std::string_view address) const {
  auto bytes = to_bytes(strip_port(address));
  if (!bytes) return false;
  for (const auto& block : blocks_) {
    int bits = block.prefix;
    bool inside = true;
    for (int i = 0; i < 16 && bits > 0 && inside; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
      inside = ((*bytes)[i] & mask) == (block.bytes[i] & mask);
    }
    if (inside) return true;
  }
  return false;
}

std::string TrustedProxies::client(std::string_view peer,
                                   const std::optional<std::string>& forwarded,
                                   const std::optional<std::string>& x_forwarded_for) const {
  auto canonical_peer = canonical_address(peer).value_or(std::string(peer));
  if (!trusts(canonical_peer)) return canonical_peer;
  std::vector<std::string> chain;
  if (x_forwarded_for) {
    for (auto entry : split(*x_forwarded_for, ',')) chain.emplace_back(trim(entry));
  } else if (forwarded) {
    chain = forwarded_for(*forwarded);
  }
  std::string last = canonical_peer;  // the left-most trusted address seen so far
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto address = canonical_address(*it);
    if (!address) return it->empty() ? last : *it;  // "unknown", "_hidden": what the proxy saw
    if (!trusts(*address)) return *address;
    last = *address;
  }
  return last;
}

}  // namespace assembly::http
