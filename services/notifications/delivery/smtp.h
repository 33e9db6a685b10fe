#pragma once
// The mail server, through libcurl's SMTP: STARTTLS or TLS and authentication when configured.
// One connection kept open between messages (one Smtp per sending thread). Never logs an address
// nor a body.
#include <chrono>
#include <string>

namespace notifications::delivery {

struct SmtpSettings {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string tls = "none";  // none | starttls | tls
  std::string username{}, password{}, ca_file{};
  std::chrono::milliseconds timeout{15000};
};

struct SmtpAnswer {
  long code = 0;                 // the server's last reply code (0: none)
  bool transport_error = false;  // no answer, a lost connection, TLS
  std::string error{};           // what went wrong, without any address
};

class Smtp {
 public:
  explicit Smtp(SmtpSettings settings);
  ~Smtp();
  Smtp(const Smtp&) = delete;
  Smtp& operator=(const Smtp&) = delete;
  // Sends one message (RFC 5322 text, CRLF lines) from `from` to `to` (addresses only).
  SmtpAnswer send(const std::string& from, const std::string& to, const std::string& message);

 private:
  SmtpSettings settings_;
  void* curl_ = nullptr;
};

}  // namespace notifications::delivery
