#pragma once
// A small S3 client: put, get and delete of one object in one bucket, path-style
// (<endpoint>/<bucket>/<key>), each request signed with SigV4 (sigv4.h) and sent with the
// suite's HTTP client (libs/http client.h). Enough for SeaweedFS's S3 gateway and any other
// S3-compatible store; no SDK.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "assembly/documents/sigv4.h"

namespace assembly::documents {

struct S3Settings {
  std::string endpoint;  // http(s)://host:port, no trailing slash
  std::string bucket;
  sigv4::Credentials credentials;
  std::chrono::milliseconds timeout{30000};
  std::size_t max_object_bytes = 64 << 20;  // a longer answer to a get fails it
  std::string ca_file{};                    // PEM CA bundle for https (default: the system's)
};

// The store did not answer, or answered with an error (the status and S3's error code).
class S3Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class S3Client {
 public:
  explicit S3Client(S3Settings settings);
  void put(const std::string& key, const std::string& bytes, const std::string& content_type);
  // The object's bytes; nullopt when there is none of that key.
  std::optional<std::string> get(const std::string& key);
  // Deleting a key that is not there is no error (S3 answers 204 either way).
  void remove(const std::string& key);
  // How many keys start with `prefix` (ListObjectsV2's KeyCount; at most 1000).
  std::size_t count(const std::string& prefix);
  // The keys that start with `prefix` (at most 1000; keys the suite makes need no XML unescaping:
  // letters, digits, '/', '-').
  std::vector<std::string> keys(const std::string& prefix);
  const S3Settings& settings() const { return settings_; }

 private:
  struct Answer {
    long status;
    std::string body;
  };
  Answer call(const std::string& method, const std::string& key, const std::string& body,
              const std::string& content_type,
              const std::vector<std::pair<std::string, std::string>>& query = {});
  S3Settings settings_;
  std::string host_;  // the Host header: the endpoint's host[:port]
};

}  // namespace assembly::documents
