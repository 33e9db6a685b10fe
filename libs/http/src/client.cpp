#include "assembly/http/client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace assembly::http::client {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw Error("libcurl could not be initialised");
  });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct Sink {
  std::string body;
  std::size_t limit;
  bool too_long = false;
  std::vector<std::pair<std::string, std::string>> headers;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t len = size * n;
  if (sink->body.size() + len > sink->limit) {
    sink->too_long = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  sink->body.append(data, len);
  return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t len = size * n;
  std::string line(data, len);
  // A new status line (say, after "100 Continue") starts the headers again.
  if (line.rfind("HTTP/", 0) == 0) {
    sink->headers.clear();
    return len;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return len;
  auto trim = [](std::string s) {
    auto b = s.find_first_not_of(" \t\r\n");
    auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  sink->headers.emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  return len;
}

struct EasyFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::optional<std::string> Response::header(const std::string& name) const {
  const auto wanted = lower(name);
  for (const auto& [k, v] : headers)
    if (k == wanted) return v;
  return std::nullopt;
}

Response send(const Request& request) {
  global_init();
  static const std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"};
  if (std::find(methods.begin(), methods.end(), request.method) == methods.end())
    throw Error("unsupported HTTP method " + request.method);
  std::unique_ptr<CURL, EasyFree> curl(curl_easy_init());
  if (!curl) throw Error("libcurl could not create a handle");
  CURL* c = curl.get();
  Sink sink{{}, request.max_response_bytes, false, {}};
  char error[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  // Threads: no signals (timeouts would otherwise use SIGALRM, process-wide).
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
  if (!request.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, request.ca_file.c_str());

  if (request.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
  }

  curl_slist* raw = nullptr;
  for (const auto& [name, value] : request.headers) {
    auto next = curl_slist_append(raw, (name + ": " + value).c_str());
    if (!next) {
      curl_slist_free_all(raw);
      throw Error("cannot build the request headers");
    }
    raw = next;
  }
  // No "Expect: 100-continue" round trip before a body.
  raw = curl_slist_append(raw, "Expect:");
  std::unique_ptr<curl_slist, ListFree> list(raw);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    if (sink.too_long)
      throw Error(request.method + " " + request.url + ": the answer is longer than " +
                  std::to_string(request.max_response_bytes) + " bytes");
    throw Error(request.method + " " + request.url + ": " +
                (error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))));
  }
  Response response;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  response.headers = std::move(sink.headers);
  response.body = std::move(sink.body);
  return response;
}

std::string get_body(const std::string& url, std::chrono::milliseconds timeout,
                     const std::string& ca_file) {
  Request r;
  r.url = url;
  r.timeout = timeout;
  r.connect_timeout = std::min(timeout, r.connect_timeout);
  r.ca_file = ca_file;
  auto answer = send(r);
  if (!answer.ok()) throw Error("GET " + url + " answered " + std::to_string(answer.status));
  return std::move(answer.body);
}

}  // namespace assembly::http::client
