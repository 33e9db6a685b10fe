#include "assembly/http/file_body.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace assembly::http {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

FileBody::FileBody(const std::string& dir) {
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string path = dir + "/body-XXXXXX";
    fd_ = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd_ >= 0) ::unlink(path.c_str());
  }
  if (fd_ < 0) fail("cannot make a temporary file in " + dir);
  buffer_.reserve(kBufferBytes);
}

FileBody::~FileBody() {
  if (fd_ >= 0) ::close(fd_);
}

void FileBody::append(std::string_view bytes) {
  buffer_.append(bytes);
  size_ += bytes.size();
  if (buffer_.size() >= kBufferBytes) flush();
}

void FileBody::finish() {
  flush();
}

void FileBody::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    auto n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write a temporary file");
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

std::string FileBody::read(std::size_t offset, std::size_t max) const {
  if (offset >= size_) return {};
  std::string out(std::min(max, size_ - offset), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    auto n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return out;
}

}  // namespace assembly::http
