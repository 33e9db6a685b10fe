#include "assembly/documents/s3.h"

#include <ctime>

#include "assembly/http/client.h"

namespace assembly::documents {

namespace client = assembly::http::client;

namespace {

// "http://127.0.0.1:8333" -> "127.0.0.1:8333".
std::string host_of(const std::string& endpoint) {
  auto start = endpoint.find("://");
  if (start == std::string::npos) throw S3Error("the S3 endpoint is not a URL: " + endpoint);
  auto rest = endpoint.substr(start + 3);
  return rest.substr(0, rest.find('/'));
}

// S3's <Code> of an error answer, when it has one.
std::string error_code(const std::string& body) {
  auto a = body.find("<Code>"), b = body.find("</Code>");
  if (a == std::string::npos || b == std::string::npos || b < a) return {};
  return body.substr(a + 6, b - a - 6);
}

}  // namespace

S3Client::S3Client(S3Settings settings) : settings_(std::move(settings)) {
  while (!settings_.endpoint.empty() && settings_.endpoint.back() == '/')
    settings_.endpoint.pop_back();
  host_ = host_of(settings_.endpoint);
}

S3Client::Answer S3Client::call(const std::string& method, const std::string& key,
                                const std::string& body, const std::string& content_type,
                                const std::vector<std::pair<std::string, std::string>>& query) {
  const std::time_t now = std::time(nullptr);
  sigv4::Request r;
  r.method = method;
  r.path = "/" + settings_.bucket + (key.empty() ? "" : "/" + key);
  r.query = query;
  r.payload_sha256 = sigv4::sha256_hex(body);
  r.headers = {{"host", host_},
               {"x-amz-content-sha256", r.payload_sha256},
               {"x-amz-date", sigv4::amz_date(now)}};
  client::Request req;
  req.method = method;
  req.url = settings_.endpoint + sigv4::uri_encode(r.path, true);
  for (std::size_t i = 0; i < query.size(); ++i)
    req.url += (i == 0 ? "?" : "&") + sigv4::uri_encode(query[i].first, false) + "=" +
               sigv4::uri_encode(query[i].second, false);
  req.headers = {{"Host", host_},
                 {"x-amz-content-sha256", r.payload_sha256},
                 {"x-amz-date", sigv4::amz_date(now)},
                 {"Authorization", sigv4::authorization(settings_.credentials, now, r)}};
  if (!content_type.empty()) req.headers.emplace_back("Content-Type", content_type);
  req.body = body;
  req.timeout = settings_.timeout;
  req.max_response_bytes = settings_.max_object_bytes;
  req.ca_file = settings_.ca_file;
  try {
    auto res = client::send(req);
    return {res.status, std::move(res.body)};
  } catch (const client::Error& e) {
    throw S3Error("S3 " + method + " " + r.path + ": " + e.what());
  }
}

namespace {
[[noreturn]] void fail(const std::string& what, long status, const std::string& body) {
  auto code = error_code(body);
  throw S3Error("S3 " + what + ": HTTP " + std::to_string(status) +
                (code.empty() ? std::string() : " " + code));
}
}  // namespace

void S3Client::put(const std::string& key, const std::string& bytes,
                   const std::string& content_type) {
  auto a = call("PUT", key, bytes, content_type);
  if (a.status < 200 || a.status >= 300) fail("PUT " + key, a.status, a.body);
}

std::optional<std::string> S3Client::get(const std::string& key) {
  auto a = call("GET", key, {}, {});
  if (a.status == 404) return std::nullopt;
  if (a.status < 200 || a.status >= 300) fail("GET " + key, a.status, a.body);
  return std::move(a.body);
}

void S3Client::remove(const std::string& key) {
  auto a = call("DELETE", key, {}, {});
  if (a.status != 404 && (a.status < 200 || a.status >= 300))
    fail("DELETE " + key, a.status, a.body);
}

std::size_t S3Client::count(const std::string& prefix) {
  auto a = call("GET", "", {}, {}, {{"list-type", "2"}, {"prefix", prefix}});
  if (a.status != 200) fail("LIST " + prefix, a.status, a.body);
  auto from = a.body.find("<KeyCount>"), to = a.body.find("</KeyCount>");
  if (from == std::string::npos || to == std::string::npos) return 0;
  return static_cast<std::size_t>(std::stoul(a.body.substr(from + 10, to - from - 10)));
}

std::vector<std::string> S3Client::keys(const std::string& prefix) {
  auto a = call("GET", "", {}, {}, {{"list-type", "2"}, {"prefix", prefix}});
  if (a.status != 200) fail("LIST " + prefix, a.status, a.body);
  std::vector<std::string> out;
  for (auto at = a.body.find("<Key>"); at != std::string::npos; at = a.body.find("<Key>", at)) {
    auto end = a.body.find("</Key>", at);
    if (end == std::string::npos) break;
    out.push_back(a.body.substr(at + 5, end - at - 5));
    at = end;
  }
  return out;
}

}  // namespace assembly::documents
