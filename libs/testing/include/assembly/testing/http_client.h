#pragma once
// A minimal blocking HTTP/1.1 client for tests against services on loopback.
#include <map>
#include <string>

namespace assembly::itest {

struct HttpResponse {
  int status = 0;                              // 0: no answer (connection refused, timeout)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// url: "http://127.0.0.1:8081/v1/x?y=z". One connection per call ("Connection: close").
HttpResponse http(const std::string& method, const std::string& url, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {}, int timeout_seconds = 10);

}  // namespace assembly::itest
