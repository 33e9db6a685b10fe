// The e-mail throughput benchmark (not a test; ops/bench-mail runs it, BENCHMARKS.md
// "E-mail throughput"): N messages rendered from the service's own template (the follow-up
// report, in French), composed as the sender does (RFC 5322, multipart/alternative, base64) and
// handed to an SMTP server through the service's SMTP client (libcurl, one connection kept
// open), one after the other as one sending thread does. With a directory argument, it also
// writes each composed message there (1.eml, 2.eml, ...), for the anchor to send the very same
// bytes with another SMTP client (ops/bench-mail: swaks, a process per message).
//
// Usage: notifications_mail_bench HOST PORT N [DIR]. Prints one JSON object: messages, seconds,
// per_second, bytes (of one message), failures.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "delivery/smtp.h"
#include "domain/messages.h"
#include "domain/templates.h"

namespace d = notifications::domain;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s HOST PORT N [DIR]\n", argv[0]);
    return 2;
  }
  const std::string host = argv[1];
  const int port = std::atoi(argv[2]);
  const long n = std::atol(argv[3]);
  const std::string dir = argc > 4 ? argv[4] : "";
  if (port <= 0 || n <= 0) {
    std::fprintf(stderr, "PORT and N must be positive numbers\n");
    return 2;
  }
  notifications::delivery::SmtpSettings smtp;
  smtp.host = host;
  smtp.port = port;
  notifications::delivery::Smtp client(smtp);
  std::map<std::string, std::string> params{
      {"greeting", "Bonjour Hélène Lefèvre,"},
      {"sequence", "2"},
      {"as_of", "7 décembre 2026"},
      {"commitments", "9"},
      {"commitments_done", "3"},
      {"milestones_overdue", "1"},
      {"report_url", "http://127.0.0.1:8080/transparence/paris-2026"},
      {"preferences_url", "http://127.0.0.1:8080/espace-membre/messages"},
      {"site_url", "http://127.0.0.1:8080/"},
      {"privacy_url", "http://127.0.0.1:8080/donnees-personnelles"},
      {"lang", "fr"},
      {"header", "Ville de Paris · Assemblée citoyenne"}};
  long failures = 0;
  std::size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (long i = 1; i <= n; ++i) {
    const auto to = "bench-" + std::to_string(i) + "@bench.example.org";
    auto r = d::render(d::template_file("report-published.fr.txt"), d::template_file("layout.html"),
                       d::template_file("footer.fr.txt"), params);
    d::Envelope e{"Assemblée citoyenne de Paris",
                  "assemblee-citoyenne@paris.example",
                  "Hélène Lefèvre",
                  to,
                  "bench-" + std::to_string(i) + "@paris.example",
                  "Mon, 07 Dec 2026 09:00:00 +0000",
                  "http://127.0.0.1:8080/espace-membre/messages",
                  "fr"};
    const auto message = d::compose(e, r, "=_bench" + std::to_string(i));
    bytes = message.size();
    if (!dir.empty()) {
      std::ofstream out(dir + "/" + std::to_string(i) + ".eml", std::ios::binary);
      out << message;
    }
    auto a = client.send("assemblee-citoyenne@paris.example", to, message);
    if (a.transport_error || a.code < 200 || a.code >= 300) ++failures;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"messages\": %ld, \"seconds\": %.3f, \"per_second\": %.1f, \"bytes\": %zu, "
      "\"failures\": %ld}\n",
      n, seconds, static_cast<double>(n) / seconds, bytes, failures);
  return failures == 0 ? 0 : 1;
}
