// The SMTP client against a real mail server that requires STARTTLS and authentication: a Mailpit
// of the test's own (the stack's binary, var/bin/mailpit, ops/install), a certificate made for
// 127.0.0.1 by openssl, an account in its password file. The message goes through with the
// certificate trusted and the right password; a wrong password is the server's refusal (535),
// not a lost connection; a certificate the client does not trust and a client that does not
// start TLS are refused before anything is sent. Nothing is sent in clear.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "delivery/smtp.h"
#include "domain/messages.h"

namespace {

namespace fs = std::filesystem;
using notifications::delivery::Smtp;
using notifications::delivery::SmtpSettings;

class SmtpTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("smtp_tls_test_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    const auto cert = (*dir_ / "cert.pem").string(), key = (*dir_ / "key.pem").string();
    const auto made =
        std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                     "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
                     key + "' -out '" + cert + "' >/dev/null 2>&1")
                        .c_str());
    ASSERT_EQ(made, 0) << "openssl could not make the certificate";
    std::ofstream(*dir_ / "passwords") << "assembly:s3cret-Pass\n";
    smtp_port_ = assembly::itest::free_port();
    const int ui = assembly::itest::free_port();
    server_ = new assembly::itest::ServiceProcess(
        MAILPIT_BINARY, ui,
        {{"MP_SMTP_BIND_ADDR", "127.0.0.1:" + std::to_string(smtp_port_)},
         {"MP_UI_BIND_ADDR", "127.0.0.1:" + std::to_string(ui)},
         {"MP_DATABASE", (*dir_ / "mail.db").string()},
         {"MP_SMTP_TLS_CERT", cert},
         {"MP_SMTP_TLS_KEY", key},
         {"MP_SMTP_REQUIRE_STARTTLS", "true"},
         {"MP_SMTP_AUTH_FILE", (*dir_ / "passwords").string()},
         {"MP_DISABLE_VERSION_CHECK", "true"}});
    ASSERT_TRUE(server_->wait_ready(30)) << "the test's Mailpit did not start";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    if (dir_) fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }

  static SmtpSettings settings() {
    SmtpSettings s;
    s.port = smtp_port_;
    s.tls = "starttls";
    s.username = "assembly";
    s.password = "s3cret-Pass";
    s.ca_file = (*dir_ / "cert.pem").string();
    s.timeout = std::chrono::milliseconds(10000);
    return s;
  }

  // The messages the test's Mailpit holds with this subject.
  static int held(const std::string& subject) {
    auto r =
        assembly::itest::http("GET", server_->url() + "/api/v1/search?query=subject:" + subject);
    if (r.status != 200) return -1;
    return nlohmann::json::parse(r.body).value("messages_count", -1);
  }

  static std::string message(const std::string& subject) {
    return "From: Assemblee <assemblee@paris.example>\r\nTo: <membre@paris.example>\r\n"
           "Subject: " +
           subject +
           "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           "Bonjour.\r\n";
  }

  static inline fs::path* dir_ = nullptr;
  static inline int smtp_port_ = 0;
  static inline assembly::itest::ServiceProcess* server_ = nullptr;
};

TEST_F(SmtpTls, StartTlsWithTheAccountDelivers) {
  Smtp smtp(settings());
  auto a = smtp.send("assemblee@paris.example", "membre@paris.example", message("starttls-ok"));
  EXPECT_FALSE(a.transport_error) << a.error;
  EXPECT_EQ(a.code, 250) << a.error;
  EXPECT_EQ(held("starttls-ok"), 1);
}

TEST_F(SmtpTls, AWrongPasswordIsRefusedAndTheMessageWaits) {
  auto s = settings();
  s.password = "wrong";
  Smtp smtp(s);
  auto a = smtp.send("assemblee@paris.example", "membre@paris.example", message("bad-password"));
  EXPECT_EQ(a.code, 535) << a.error;
  EXPECT_NE(a.error.find("Login denied"), std::string::npos) << a.error;
  EXPECT_EQ(held("bad-password"), 0);
  // The server refused the service, not the message: it is tried again once mended.
  EXPECT_EQ(notifications::domain::outcome_of(a.code, a.transport_error),
            notifications::domain::Outcome::retry);
}

TEST_F(SmtpTls, AnUntrustedCertificateSendsNothing) {
  auto s = settings();
  s.ca_file = "";  // the system's authorities: they do not know the test's certificate
  Smtp smtp(s);
  auto a = smtp.send("assemblee@paris.example", "membre@paris.example", message("untrusted"));
  EXPECT_TRUE(a.transport_error) << a.code;
  EXPECT_EQ(held("untrusted"), 0);
}

TEST_F(SmtpTls, WithoutTlsTheServerRefusesBeforeAnythingIsSent) {
  auto s = settings();
  s.tls = "none";
  s.username.clear();
  s.password.clear();
  Smtp smtp(s);
  auto a = smtp.send("assemblee@paris.example", "membre@paris.example", message("in-clear"));
  EXPECT_EQ(a.code, 530) << a.error;  // "Must issue a STARTTLS command first"
  EXPECT_EQ(held("in-clear"), 0);
  EXPECT_EQ(notifications::domain::outcome_of(a.code, a.transport_error),
            notifications::domain::Outcome::retry);
}

}  // namespace
