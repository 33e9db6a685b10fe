#include "delivery/smtp.h"

#include <curl/curl.h>

#include <cstring>

namespace notifications::delivery {

namespace {

struct Source {
  const std::string* text;
  std::size_t at = 0;
};

std::size_t read_part(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* s = static_cast<Source*>(user);
  const std::size_t room = size * count;
  const std::size_t left = s->text->size() - s->at;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, s->text->data() + s->at, n);
  s->at += n;
  return n;
}

}  // namespace

Smtp::Smtp(SmtpSettings settings) : settings_(std::move(settings)) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
  curl_ = curl_easy_init();
}

Smtp::~Smtp() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SmtpAnswer Smtp::send(const std::string& from, const std::string& to, const std::string& message) {
  auto* c = static_cast<CURL*>(curl_);
  if (!c) return {0, true, "no SMTP handle"};
  const std::string scheme = settings_.tls == "tls" ? "smtps://" : "smtp://";
  const std::string url = scheme + settings_.host + ":" + std::to_string(settings_.port);
  const std::string from_path = "<" + from + ">";
  const std::string to_path = "<" + to + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, to_path.c_str());
  Source source{&message};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_path.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_part);
  curl_easy_setopt(c, CURLOPT_READDATA, &source);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  if (settings_.tls == "starttls")
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  if (rc == CURLE_OK) return {code, false, ""};
  return {code, true, std::string("SMTP: ") + curl_easy_strerror(rc)};
}

}  // namespace notifications::delivery
