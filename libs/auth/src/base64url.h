#pragma once
// base64url without padding (RFC 7515, 2), strict: any other character, or a last character
// whose unused bits are not zero, is an error.
#include <optional>
#include <string>

namespace assembly::auth::detail {

inline std::optional<std::string> base64url_decode(const std::string& in) {
  static const std::string chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  int val = 0, bits = -8;
  for (char c : in) {
    auto pos = chars.find(c);
    if (pos == std::string::npos) return std::nullopt;
    val = ((val << 6) + static_cast<int>(pos)) & 0xFFFF;
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  // The bits of the last character that make no byte must be zero: one text per value, so a
  // token has one spelling (RFC 4648, 3.5).
  if (bits > -8 && (val & ((1 << (bits + 8)) - 1)) != 0) return std::nullopt;
  return out;
}

inline std::string base64url_encode(const std::string& in) {
  static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = ((val << 8) + c) & 0xFFFF;
    bits += 8;
    while (bits >= 0) {
      out.push_back(chars[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(chars[((val << 8) >> (bits + 8)) & 0x3F]);
  return out;
}

}  // namespace assembly::auth::detail
