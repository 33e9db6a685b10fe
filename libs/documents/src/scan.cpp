#include "assembly/documents/scan.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "assembly/http/client.h"

extern char** environ;

namespace assembly::documents {

namespace {

// A file with no name holding `bytes`, positioned at its start (the command's standard input:
// no pipe, so a scanner that reads slowly or not at all cannot block us).
int bytes_file(std::string_view bytes) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/scan-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0)
    throw ScanUnavailable("cannot make a file for the scanner: " +
                          std::string(std::strerror(errno)));
  unlink(path.c_str());
  std::size_t done = 0;
  while (done < bytes.size()) {
    auto n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      throw ScanUnavailable("cannot write the file for the scanner");
    }
    done += static_cast<std::size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

Verdict run_command(const ScanSettings& s, std::string_view bytes) {
  const int fd = bytes_file(bytes);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fd, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  std::string sh = "/bin/sh", dash_c = "-c", command = s.command;
  char* argv[] = {sh.data(), dash_c.data(), command.data(), nullptr};
  const int rc = posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fd);
  if (rc != 0)
    throw ScanUnavailable("cannot start the scan command: " + std::string(std::strerror(rc)));
  const auto deadline = std::chrono::steady_clock::now() + s.timeout;
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw ScanUnavailable("lost the scan command");
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      throw ScanUnavailable("the scan command did not answer within " +
                            std::to_string(s.timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Verdict::clean;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 1) return Verdict::infected;
  throw ScanUnavailable("the scan command failed (" +
                        (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                           : std::string("killed by a signal")) +
                        ")");
}

Verdict call_endpoint(const ScanSettings& s, std::string_view bytes) {
  namespace client = assembly::http::client;
  client::Request req;
  req.method = "POST";
  req.url = s.url;
  req.headers = {{"Content-Type", "application/octet-stream"}};
  req.body = std::string(bytes);
  req.timeout = s.timeout;
  try {
    const auto res = client::send(req);
    if (res.ok()) return Verdict::clean;
    if (res.status >= 400 && res.status < 500) return Verdict::infected;
    throw ScanUnavailable("the scan endpoint answered HTTP " + std::to_string(res.status));
  } catch (const client::Error& e) {
    throw ScanUnavailable(std::string("the scan endpoint did not answer: ") + e.what());
  }
}

}  // namespace

Verdict scan(const ScanSettings& settings, std::string_view bytes) {
  if (!settings.command.empty()) return run_command(settings, bytes);
  if (!settings.url.empty()) return call_endpoint(settings, bytes);
  return Verdict::clean;
}

}  // namespace assembly::documents
