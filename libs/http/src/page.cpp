#include "assembly/http/page.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace assembly::http {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int value_of(char c) {
  for (int i = 0; i < 64; ++i)
    if (kAlphabet[i] == c) return i;
  return -1;
}

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string encode_cursor(const std::string& key) {
  std::string out;
  std::size_t i = 0;
  while (i + 2 < key.size()) {
    unsigned v = (static_cast<unsigned char>(key[i]) << 16) |
                 (static_cast<unsigned char>(key[i + 1]) << 8) |
                 static_cast<unsigned char>(key[i + 2]);
    for (int s : {18, 12, 6, 0}) out.push_back(kAlphabet[(v >> s) & 63]);
    i += 3;
  }
  if (i + 1 == key.size()) {
    unsigned v = static_cast<unsigned char>(key[i]) << 16;
    for (int s : {18, 12}) out.push_back(kAlphabet[(v >> s) & 63]);
  } else if (i + 2 == key.size()) {
    unsigned v =
        (static_cast<unsigned char>(key[i]) << 16) | (static_cast<unsigned char>(key[i + 1]) << 8);
    for (int s : {18, 12, 6}) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  return out;
}

std::optional<std::string> decode_cursor(const std::string& cursor) {
  if (cursor.size() % 4 == 1 || cursor.size() > 1024) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : cursor) {
    int v = value_of(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

PageRequest page_request(const Request& request, std::size_t default_limit, std::size_t cap) {
  PageRequest page{default_limit, {}};
  if (auto limit = request.query_param("limit")) {
    std::size_t used = 0;
    long long v = -1;
    try {
      v = std::stoll(*limit, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != limit->size() || v < 1 || static_cast<std::size_t>(v) > cap)
      throw bad_request("limit must be a whole number from 1 to " + std::to_string(cap), "limit");
    page.limit = static_cast<std::size_t>(v);
  }
  if (auto cursor = request.query_param("cursor")) {
    auto key = decode_cursor(*cursor);
    if (!key || key->empty())
      throw bad_request("cursor is not one this list gave (use next_cursor as it is)", "cursor");
    page.after = *key;
  }
  return page;
}

Response page_response(const Request& request, nlohmann::json items,
                       const std::optional<std::string>& next_key,
                       const std::vector<std::string>& kept) {
  nlohmann::json body = {{"items", std::move(items)}, {"next_cursor", nullptr}};
  Response r;
  if (next_key) {
    const auto cursor = encode_cursor(*next_key);
    body["next_cursor"] = cursor;
    std::string query;
    for (const auto& [name, value] : request.query)
      if (name == "limit" || std::find(kept.begin(), kept.end(), name) != kept.end())
        query += percent_encode(name) + "=" + percent_encode(value) + "&";
    r = Response::json(200, body);
    r.headers.emplace_back(
        "Link", "<" + request.path + "?" + query + "cursor=" + cursor + ">; rel=\"next\"");
    return r;
  }
  return Response::json(200, body);
}

}  // namespace assembly::http
