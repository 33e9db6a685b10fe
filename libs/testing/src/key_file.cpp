#include "assembly/testing/key_file.h"

#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace assembly::itest {

TempKeyFile::TempKeyFile() {
  char path[] = "/tmp/assembly-key-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary key file");
  const std::string key(32, 'k');
  bool ok = write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  close(fd);
  path_ = path;
  if (!ok) throw std::runtime_error("cannot write " + path_);
}

TempKeyFile::~TempKeyFile() {
  std::remove(path_.c_str());
}

}  // namespace assembly::itest
