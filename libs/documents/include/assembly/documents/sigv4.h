#pragma once
// AWS Signature Version 4 (the signing every S3-compatible store speaks), with OpenSSL's SHA-256
// and HMAC. Header-based signing of one request (s3.cpp), and its steps apart for the tests,
// which check them against the worked examples of AWS's documentation.
#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assembly::documents::sigv4 {

struct Credentials {
  std::string access_key, secret_key;
  std::string region = "us-east-1";
  std::string service = "s3";
};

struct Request {
  std::string method;                                        // GET, PUT, DELETE, HEAD
  std::string path;                                          // "/bucket/key", not yet encoded
  std::vector<std::pair<std::string, std::string>> query;    // not yet encoded
  std::vector<std::pair<std::string, std::string>> headers;  // host included; any case
  std::string payload_sha256;  // hex SHA-256 of the body (x-amz-content-sha256)
};

std::string sha256_hex(std::string_view bytes);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex(std::string_view bytes);
// RFC 3986 encoding as SigV4 wants it (unreserved kept, the rest %XX upper case); '/' kept when
// `keep_slash` (a path).
std::string uri_encode(std::string_view s, bool keep_slash);

// "20130524T000000Z" and "20130524" of a UTC time.
std::string amz_date(std::time_t t);

std::string canonical_request(const Request& r);
std::string signed_headers(const Request& r);            // "host;range;x-amz-date"
std::string scope(const Credentials& c, std::time_t t);  // "20130524/us-east-1/s3/aws4_request"
std::string string_to_sign(const Credentials& c, std::time_t t, const std::string& canonical);
std::string signing_key(const Credentials& c, std::time_t t);  // raw 32 bytes
// The value of the Authorization header of `r` signed at `t` (r's headers must already hold
// x-amz-date = amz_date(t) and x-amz-content-sha256 = r.payload_sha256, as S3 requires).
std::string authorization(const Credentials& c, std::time_t t, const Request& r);

}  // namespace assembly::documents::sigv4
