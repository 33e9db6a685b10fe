#include "assembly/documents/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace assembly::documents::sigv4 {

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return hex(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len))
    throw std::runtime_error("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string uri_encode(std::string_view s, bool keep_slash) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 15]);
    }
  }
  return out;
}

std::string amz_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Leading and trailing blanks off, inner runs of blanks made one space.
std::string trim_all(std::string_view v) {
  std::string out;
  bool blank = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) out.push_back(' ');
    blank = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> canonical_headers(const Request& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : r.headers) out.emplace_back(lower(name), trim_all(value));
  std::sort(out.begin(), out.end());
  return out;
}

std::string day(std::time_t t) {
  return amz_date(t).substr(0, 8);
}

}  // namespace

std::string signed_headers(const Request& r) {
  std::string out;
  for (const auto& [name, value] : canonical_headers(r)) out += (out.empty() ? "" : ";") + name;
  return out;
}

std::string canonical_request(const Request& r) {
  std::vector<std::pair<std::string, std::string>> query;
  for (const auto& [k, v] : r.query) query.emplace_back(uri_encode(k, false), uri_encode(v, false));
  std::sort(query.begin(), query.end());
  std::string q;
  for (const auto& [k, v] : query) q += (q.empty() ? "" : "&") + k + "=" + v;
  std::string headers;
  for (const auto& [name, value] : canonical_headers(r)) headers += name + ":" + value + "\n";
  return r.method + "\n" + uri_encode(r.path.empty() ? "/" : r.path, true) + "\n" + q + "\n" +
         headers + "\n" + signed_headers(r) + "\n" + r.payload_sha256;
}

std::string scope(const Credentials& c, std::time_t t) {
  return day(t) + "/" + c.region + "/" + c.service + "/aws4_request";
}

std::string string_to_sign(const Credentials& c, std::time_t t, const std::string& canonical) {
  return "AWS4-HMAC-SHA256\n" + amz_date(t) + "\n" + scope(c, t) + "\n" + sha256_hex(canonical);
}

std::string signing_key(const Credentials& c, std::time_t t) {
  auto k = hmac_sha256("AWS4" + c.secret_key, day(t));
  k = hmac_sha256(k, c.region);
  k = hmac_sha256(k, c.service);
  return hmac_sha256(k, "aws4_request");
}

std::string authorization(const Credentials& c, std::time_t t, const Request& r) {
  const auto signature =
      hex(hmac_sha256(signing_key(c, t), string_to_sign(c, t, canonical_request(r))));
  return "AWS4-HMAC-SHA256 Credential=" + c.access_key + "/" + scope(c, t) +
         ", SignedHeaders=" + signed_headers(r) + ", Signature=" + signature;
}

}  // namespace assembly::documents::sigv4
