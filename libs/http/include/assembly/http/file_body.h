#pragma once
// A response body too large to hold in memory (a pool's snapshot of 1.35 M rows): written first
// to a temporary file that has no name, so nothing else can open it and it goes with its last
// descriptor, then sent by the server in chunks of kChunkBytes, each read from the file only once
// the one before has been taken by the socket (docs/stack.md, "Large answers").
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace assembly::http {

class FileBody {
 public:
  // Bytes held in memory while writing, and per chunk while sending.
  static constexpr std::size_t kBufferBytes = 64 * 1024;
  static constexpr std::size_t kChunkBytes = 64 * 1024;

  // A new empty file in `dir` (O_TMPFILE; where the file system lacks it, a file made by mkstemp
  // and unlinked at once), readable and writable by this process only. Throws std::system_error
  // naming the directory.
  explicit FileBody(const std::string& dir);
  ~FileBody();
  FileBody(const FileBody&) = delete;
  FileBody& operator=(const FileBody&) = delete;

  // Appends `bytes`, writing to the file whenever kBufferBytes are buffered.
  void append(std::string_view bytes);
  // Writes out what is buffered: the body is then complete.
  void finish();
  std::size_t size() const { return size_; }
  // Up to `max` bytes from `offset` (fewer at the end, none past it).
  std::string read(std::size_t offset, std::size_t max) const;
  // Keeps `companion` as long as the body: a slot of a ConcurrencyLimit (rate_limit.h) is then
  // held until the answer is sent or its client has gone.
  void hold(std::shared_ptr<void> companion) { companions_.push_back(std::move(companion)); }

 private:
  void flush();

  int fd_ = -1;
  std::size_t size_ = 0;
  std::string buffer_;
  std::vector<std::shared_ptr<void>> companions_;
};

}  // namespace assembly::http
