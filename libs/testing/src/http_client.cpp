#include "assembly/testing/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace assembly::itest {

HttpResponse http(const std::string& method, const std::string& url, const std::string& body,
                  const std::map<std::string, std::string>& headers, int timeout_seconds) {
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) throw std::invalid_argument("only http:// URLs: " + url);
  auto rest = url.substr(prefix.size());
  auto slash = rest.find('/');
  auto hostport = rest.substr(0, slash);
  auto path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = hostport.find(':');
  auto host = hostport.substr(0, colon);
  int port = colon == std::string::npos ? 80 : std::stoi(hostport.substr(colon + 1));

  HttpResponse res;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{timeout_seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return res;
  }
  std::string req =
      method + " " + path + " HTTP/1.1\r\nHost: " + hostport + "\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  std::size_t sent = 0;
  while (sent < req.size()) {
    auto n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  // Read the head, then Content-Length bytes (or the chunks up to the last): Pistache 0.0.5 answers
  // "Connection: close" but leaves the socket open, so waiting for EOF would wait for the timeout.
  std::string raw;
  char buf[8192];
  while (true) {
    auto head_end = raw.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      auto lower = raw.substr(0, head_end);
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      auto cl = lower.find("content-length:");
      if (cl != std::string::npos && raw.size() >= head_end + 4 + std::stoul(lower.substr(cl + 15)))
        break;
      // A chunked answer (Mailpit's, say) ends with its last, empty chunk.
      if (lower.find("transfer-encoding: chunked") != std::string::npos &&
          raw.size() >= head_end + 9 && raw.compare(raw.size() - 5, 5, "0\r\n\r\n") == 0)
        break;
    }
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  auto end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) return res;
  res.status = std::stoi(raw.substr(9, 3));
  std::size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    auto eol = raw.find("\r\n", pos);
    auto line = raw.substr(pos, eol - pos);
    auto c = line.find(':');
    if (c != std::string::npos) {
      std::string name = line.substr(0, c);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      auto value = line.substr(c + 1);
      while (!value.empty() && value[0] == ' ') value.erase(0, 1);
      res.headers[name] = value;
    }
    pos = eol + 2;
  }
  res.body = raw.substr(end + 4);
  auto te = res.headers.find("transfer-encoding");
  if (te != res.headers.end() && te->second.find("chunked") != std::string::npos) {
    std::string body;
    std::size_t at = 0;
    while (at < res.body.size()) {
      const auto eol = res.body.find("\r\n", at);
      if (eol == std::string::npos) break;
      const auto size = std::stoul(res.body.substr(at, eol - at), nullptr, 16);
      if (size == 0) break;
      body += res.body.substr(eol + 2, size);
      at = eol + 2 + size + 2;
    }
    res.body = body;
  }
  return res;
}

}  // namespace assembly::itest
