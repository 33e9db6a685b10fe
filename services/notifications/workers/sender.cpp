// At most once at the SMTP exchange. A message is claimed (`sending`, committed) before its
// exchange with the mail server and recorded after it. A sender that stops between the two leaves
// it `sending`; once the lease (SEND_LEASE_SECONDS) has passed it becomes `uncertain` and is never
// sent again by itself: the secretariat sees it and may send it again. Elsewhere nothing is lost
// nor doubled: a cause is written once per recipient (the unique key), a failure before or at the
// exchange that the server answered 4xx, or did not answer, is tried again with backoff, a 5xx is
// `refused` for good and shown on the member's record.
#include "workers/sender.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/logging/log.h"
#include "assembly/metrics/metrics.h"
#include "assembly/pii/pii.h"
#include "assembly/site/page.h"
#include "delivery/directory.h"
#include "delivery/smtp.h"
#include "domain/messages.h"
#include "domain/templates.h"
#include "events/publish.h"
#include "store/messages.h"

namespace notifications::workers {

namespace {

using domain::Kind;
using domain::State;

struct Settings {
  std::string from_name, from_address, domain, site_url;
  int batch = 50, lease_seconds = 120, retention_days = 90, reminder_days = 7;
  std::string fault_exit_after_send;  // a kind: exit right after its SMTP exchange (tests)
  std::map<std::string, std::string> departments;  // code -> the department's mailbox
  std::string secretariat;                         // the secretariat's mailbox
};

std::string secret_of(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw assembly::config::ConfigError("SMTP_PASSWORD_FILE cannot be read");
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string rfc5322_now() {
  char buf[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

class Sender {
 public:
  Sender(assembly::service::Context& ctx, Settings s, delivery::SmtpSettings smtp,
         std::shared_ptr<delivery::Directory> directory)
      : db_(ctx.db),
        keyring_(ctx.keyring),
        s_(std::move(s)),
        smtp_(std::move(smtp)),
        directory_(std::move(directory)),
        outcomes_(assembly::metrics::counter_family(
            "messages_total", "Messages that reached an outcome, by kind and state")) {}

  void run_once() {
    db_.transact([&](pqxx::work& tx) {
      if (auto n = store::expire_claims(tx, s_.lease_seconds))
        assembly::log::warn("messages left uncertain: a sender stopped during the exchange",
                            {{"count", std::to_string(n)}});
    });
    while (true) {
      auto claimed = db_.transact([&](pqxx::work& tx) { return store::claim_due(tx, s_.batch); });
      if (claimed.empty()) return;
      for (const auto& c : claimed) send_one(c);
    }
  }

 private:
  void finish(const store::Claimed& c, store::Outcome o) {
    db_.transact([&](pqxx::work& tx) { store::record(tx, c.id, o); });
    if (!o.retry_in_seconds)
      outcomes_
          .Add({{"kind", std::string(domain::name(c.kind))},
                {"state", std::string(domain::name(o.state))}})
          .Increment();
  }

  void retry(const store::Claimed& c, const std::string& why) {
    store::Outcome o;
    o.state = State::pending;
    o.error = why;
    o.retry_in_seconds = domain::backoff_seconds(c.attempts);
    finish(c, o);
  }

  // A staff mailbox of the configuration (a department's, the secretariat's); nullopt when the
  // recipient is a member.
  std::optional<delivery::Recipient> staff_mailbox(const std::string& id) const {
    delivery::Recipient r;
    r.member_id = id;
    r.language = "fr";
    r.preferred_channel = "email";
    if (id == domain::kSecretariat) {
      r.email = s_.secretariat;
      return r;
    }
    if (id.rfind(domain::kDepartmentPrefix, 0) != 0) return std::nullopt;
    auto it = s_.departments.find(id.substr(domain::kDepartmentPrefix.size()));
    if (it != s_.departments.end()) r.email = it->second;
    return r;
  }

  void send_one(const store::Claimed& c) {
    std::optional<delivery::Recipient> to = staff_mailbox(c.member_id);
    if (to && to->email.empty()) {
      store::Outcome o;
      o.state = State::refused;
      o.error = "no address configured for " + c.member_id +
                " (DEPARTMENT_ADDRESSES, SECRETARIAT_ADDRESS)";
      return finish(c, o);
    }
    if (!to) {
      try {
        to = directory_->find(c.member_id);
      } catch (const delivery::DirectoryError& e) {
        return retry(c, e.what());
      }
    }
    store::Outcome o;
    if (!to) {
      o.state = State::refused;
      o.error = "membership knows no such member";
      return finish(c, o);
    }
    // What asks a member to answer is void once they have (checked at every attempt: the answer
    // may come while a message waits for an address). Membership's status, read just now, is the
    // truth; this service's own copy, kept from membership's events, may not have caught up yet
    // (the events of one member arrive in order, but a seat given in bulk and an invitation may
    // be read in another order), and is the fallback when membership does not say.
    if (c.kind == Kind::confirmation_request || c.kind == Kind::confirmation_reminder ||
        c.kind == Kind::replacement_drawn) {
      std::optional<std::string> status;
      if (!to->status.empty())
        status = to->status;
      else
        status =
            db_.transact([&](pqxx::work& tx) { return store::member_status_of(tx, c.member_id); });
      if (status && *status != "invited") {
        o.state = State::skipped;
        o.error = "the member answered before it was sent";
        return finish(c, o);
      }
    }
    o.language = to->language == "en" ? "en" : "fr";
    const auto kind = std::string(domain::name(c.kind));
    if (!domain::mandatory(c.kind)) {
      auto refused = db_.transact([&](pqxx::work& tx) { return store::refused(tx, c.member_id); });
      if (std::find(refused.begin(), refused.end(), kind) != refused.end()) {
        o.state = State::skipped;
        o.error = "the member chose not to receive it";
        return finish(c, o);
      }
    }
    if (to->email.empty()) {
      if (to->preferred_channel.empty()) {
        o.state = State::waiting;  // sent once the member gives contact details
        o.error = "no contact details yet";
      } else {
        o.state = State::skipped;
        o.channel = to->preferred_channel;
        o.error = "reached by " + to->preferred_channel + ", not by e-mail";
      }
      return finish(c, o);
    }
    o.channel = "email";

    domain::Rendered r;
    try {
      r = render(c, *to, o.language);
    } catch (const std::exception& e) {
      o.state = State::refused;
      o.error = std::string("cannot render the message: ") + e.what();
      return finish(c, o);
    }
    domain::Envelope env{s_.from_name,
                         s_.from_address,
                         to->name,
                         to->email,
                         c.id + "@" + s_.domain,
                         rfc5322_now(),
                         domain::mandatory(c.kind) ? "" : s_.site_url + "/espace-membre/messages",
                         o.language};
    const auto calendar = calendar_of(c);
    const auto text =
        domain::compose(env, r, "=_" + assembly::core::new_uuid(), calendar ? &*calendar : nullptr);
    const auto answer = smtp_.send(s_.from_address, to->email, text);
    if (!s_.fault_exit_after_send.empty() && s_.fault_exit_after_send == kind) {
      assembly::log::warn("FAULT_EXIT_AFTER_SEND: stopping right after the SMTP exchange",
                          {{"message_id", c.id}, {"kind", kind}});
      std::_Exit(70);
    }
    switch (domain::outcome_of(answer.code, answer.transport_error)) {
      case domain::Outcome::sent:
        o.state = State::sent;
        if (s_.retention_days > 0 && keyring_)
          o.body_sealed =
              keyring_->seal(r.text, assembly::pii::nonce_of(c.id, c.attempts), "message:" + c.id);
        return finish(c, o);
      case domain::Outcome::refused:
        o.state = State::refused;
        o.error = "the mail server refused it: " + std::to_string(answer.code);
        assembly::log::warn("message refused by the mail server",
                            {{"message_id", c.id}, {"code", std::to_string(answer.code)}});
        return finish(c, o);
      case domain::Outcome::retry:
        return retry(c, answer.error.empty()
                            ? "the mail server answered " + std::to_string(answer.code)
                            : answer.error);
    }
  }

  // A session's message carries the session for the calendar (replaced by a later change:
  // the same UID, a higher SEQUENCE; removed when cancelled).
  std::optional<domain::Attachment> calendar_of(const store::Claimed& c) const {
    if (c.kind != Kind::session_scheduled && c.kind != Kind::session_moved &&
        c.kind != Kind::session_cancelled && c.kind != Kind::session_reminder)
      return std::nullopt;
    auto p = [&c](const char* k) {
      auto it = c.params.find(k);
      return it == c.params.end() ? std::string() : it->second;
    };
    domain::CalendarEvent e;
    e.uid = p("session_id") + "@workshops.assembly";  // the workshops' calendar feed's UID
    e.title = p("title");
    e.starts_at = p("starts_at");
    e.ends_at = p("ends_at");
    e.place = p("place");
    e.organizer = s_.from_address;
    e.stamp = assembly::core::utc_now();
    e.sequence = static_cast<unsigned>(std::strtoul(p("sequence").c_str(), nullptr, 10));
    e.cancelled = c.kind == Kind::session_cancelled;
    return domain::Attachment{
        "seance.ics", "text/calendar; method=" + std::string(e.cancelled ? "CANCEL" : "REQUEST"),
        domain::icalendar(e)};
  }

  domain::Rendered render(const store::Claimed& c, const delivery::Recipient& to,
                          const std::string& lang) {
    using assembly::site::Lang;
    const Lang l = lang == "en" ? Lang::en : Lang::fr;
    auto params = c.params;
    params["lang"] = lang;
    params["header"] = lang == "en" ? "City of Paris · Citizens' Assembly"
                                    : "Ville de Paris · Assemblée citoyenne";
    params["greeting"] = to.name.empty() ? (lang == "en" ? "Hello," : "Bonjour,")
                                         : (lang == "en" ? "Hello " : "Bonjour ") + to.name + ",";
    params["site_url"] = s_.site_url + (lang == "en" ? "/en/" : "/");
    params["space_url"] = s_.site_url + "/espace-membre";
    params["votes_url"] = s_.site_url + "/espace-membre/votes";
    params["preferences_url"] = s_.site_url + "/espace-membre/messages";
    params["privacy_url"] = s_.site_url + (lang == "en" ? "/en/privacy" : "/donnees-personnelles");
    for (const char* date : {"as_of", "invited_on", "due_on"})
      if (params.count(date)) params[date] = assembly::site::long_date(params[date], l);
    if (params.count("starts_at") && params.count("ends_at")) {
      const auto& start = params["starts_at"];
      const auto& end = params["ends_at"];
      params["when"] =
          assembly::site::paris_date(start, l) == assembly::site::paris_date(end, l)
              ? assembly::site::paris_date_time(start, l) + (lang == "en" ? " to " : " à ") +
                    assembly::site::paris_time(end, l)
              : assembly::site::paris_date_time(start, l) + (lang == "en" ? " to " : " au ") +
                    assembly::site::paris_date_time(end, l);
    }
    if (params.count("closes_at") && !params["closes_at"].empty())
      params["closes_when"] = assembly::site::paris_date_time(params["closes_at"], l);
    if (params.count("outcome")) {
      const auto& o = params["outcome"];
      params["outcome_words"] = o == "adopted" ? (lang == "en" ? "adopted" : "adopté")
                                : o == "rejected"
                                    ? (lang == "en" ? "rejected" : "rejeté")
                                    : (lang == "en" ? "not decided: the quorum was not reached"
                                                    : "non tranché : le quorum n'est pas atteint");
    }
    if (params.count("previous_starts_at") && !params["previous_starts_at"].empty())
      params["previous_when"] = assembly::site::paris_date_time(params["previous_starts_at"], l);
    if (params.count("place") && params["place"].empty())
      params["place"] = lang == "en" ? "to be confirmed" : "à préciser";
    if (params.count("assembly_id"))
      params["report_url"] = s_.site_url + "/transparence/" + params["assembly_id"];
    const auto kind = std::string(domain::name(c.kind));
    auto tpl = domain::template_file(kind + "." + lang + ".txt");
    if (tpl.empty()) tpl = domain::template_file(kind + ".fr.txt");
    if (tpl.empty()) throw std::runtime_error("no template for " + kind);
    return domain::render(tpl, domain::template_file("layout.html"),
                          domain::template_file("footer." + lang + ".txt"), params);
  }

  assembly::db::Pool& db_;
  std::shared_ptr<const assembly::pii::Keyring> keyring_;
  Settings s_;
  delivery::Smtp smtp_;
  std::shared_ptr<delivery::Directory> directory_;
  prometheus::Family<prometheus::Counter>& outcomes_;
};

}  // namespace

void add_sender(assembly::service::Context& ctx,
                std::shared_ptr<assembly::http::client::ClientCredentials> credentials) {
  auto& env = ctx.env;
  Settings s;
  auto [from_name, from_address] = domain::parse_mailbox(
      env.str("MAIL_FROM", "Assemblée citoyenne <assemblee-citoyenne@localhost>",
              "the sender of every message: \"Name <address>\""));
  s.from_name = from_name;
  s.from_address = from_address;
  s.domain = from_address.substr(from_address.find('@') + 1);
  s.site_url = env.str("SITE_URL", "http://127.0.0.1:8080",
                       "the address people open, for the links in messages");
  while (!s.site_url.empty() && s.site_url.back() == '/') s.site_url.pop_back();
  s.batch = static_cast<int>(env.integer("SEND_BATCH", 50, 1, 1000, "messages claimed at once"));
  s.lease_seconds = static_cast<int>(
      env.integer("SEND_LEASE_SECONDS", 120, 10, 3600,
                  "after this long `sending`, a message whose sender stopped is `uncertain`"));
  s.retention_days = static_cast<int>(
      env.integer("MESSAGE_RETENTION_DAYS", 90, 0, 3650,
                  "days a sent message's body is kept (sealed); 0: not kept at all"));
  s.reminder_days =
      static_cast<int>(env.integer("CONFIRMATION_REMINDER_DAYS", 7, 1, 60,
                                   "days without an answer before an invited member is reminded"));
  const auto departments =
      env.str("DEPARTMENT_ADDRESSES", "",
              "the city departments' mailboxes, \"CODE=address,...\" (an overdue milestone)");
  std::string wrong;
  auto parsed = domain::parse_addresses(departments, &wrong);
  if (!parsed)
    throw assembly::config::ConfigError("DEPARTMENT_ADDRESSES: \"" + wrong +
                                        "\" is not CODE=address");
  s.departments = *parsed;
  s.secretariat = env.str("SECRETARIAT_ADDRESS", "",
                          "the secretariat's mailbox (an overdue milestone; empty: none)");
  s.fault_exit_after_send =
      env.str("FAULT_EXIT_AFTER_SEND", "",
              "tests only: a kind of message after whose SMTP exchange the process exits");

  delivery::SmtpSettings smtp;
  smtp.host = env.str("SMTP_HOST", "127.0.0.1", "the mail server");
  smtp.port = static_cast<int>(env.integer("SMTP_PORT", 25, 1, 65535, "the mail server's port"));
  smtp.tls = env.str("SMTP_TLS", "none", "none | starttls | tls");
  if (smtp.tls != "none" && smtp.tls != "starttls" && smtp.tls != "tls")
    throw assembly::config::ConfigError("SMTP_TLS must be none, starttls or tls");
  smtp.username = env.str("SMTP_USERNAME", "", "the mail server's account (optional)");
  const auto password_file =
      env.str("SMTP_PASSWORD_FILE", "", "a file holding that account's password");
  if (!password_file.empty()) smtp.password = secret_of(password_file);
  smtp.ca_file = env.str("SMTP_CA_FILE", "", "CA bundle of the mail server (PEM; optional)");

  const auto membership_url =
      env.str("MEMBERSHIP_URL", "", "membership's address (delivery details at sending)");
  const auto interval =
      env.integer("SEND_INTERVAL_MS", 2000, 50, 600000, "how often messages due are looked for");
  const auto reminder_every = env.integer("REMINDER_CHECK_SECONDS", 3600, 1, 86400,
                                          "how often members to remind are looked for");
  if (!credentials || membership_url.empty()) {
    assembly::log::warn(
        "sending is off: OIDC_TOKEN_URL, MEMBERSHIP_URL and NOTIFY_CLIENT_SECRET_FILE are needed",
        {});
    return;
  }
  auto directory = std::make_shared<delivery::Directory>(membership_url, std::move(credentials));
  auto sender = std::make_shared<Sender>(ctx, s, smtp, directory);
  ctx.every(std::chrono::milliseconds(interval), "send the messages due",
            [sender] { sender->run_once(); });
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const int days = s.reminder_days, retention = s.retention_days;
  ctx.every(std::chrono::seconds(reminder_every), "reminders, retention and the reports' reach",
            [&db, &outbox, days, retention] {
              db.transact([&](pqxx::work& tx) {
                store::enqueue_reminders(tx, days);
                store::enqueue_session_reminders(tx);
                store::drop_old_bodies(tx, retention);
                // How far each follow-up report reached, once settled (followup shows it).
                for (const auto& r : store::reach_to_publish(tx)) {
                  events::audience_reached(tx, outbox, r);
                  store::reach_published(tx, r);
                }
              });
            });
}

}  // namespace notifications::workers
