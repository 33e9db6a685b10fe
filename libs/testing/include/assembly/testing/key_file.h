#pragma once
// A throw-away 32-byte key file (PII_KEY_FILE) for unit tests that wire a service.
#include <string>

namespace assembly::itest {

class TempKeyFile {
 public:
  TempKeyFile();   // /tmp/assembly-key-XXXXXX, 32 bytes
  ~TempKeyFile();  // removed
  TempKeyFile(const TempKeyFile&) = delete;
  TempKeyFile& operator=(const TempKeyFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace assembly::itest
