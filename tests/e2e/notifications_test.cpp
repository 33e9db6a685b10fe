// The notifications service against the real stack and Mailpit.
//
// A decline in membership, the replacement drawn by sortition and invited by membership: the
// replacement receives the "you were drawn" e-mail once it has an address (the message waits for
// it), exactly once, although the invitation is delivered twice (the same event, and the same
// cause under a new event id) and the sender is stopped right after the SMTP exchange, before it
// records the outcome. At that point the design is at most once: the message is left `uncertain`
// and never sent again by itself (Mailpit still holds one); the secretariat may send it again.
//
// A session moved, then cancelled by a strike: the members of its workshop are told in their
// language, each message with the session for their calendar (the same UID, a higher SEQUENCE,
// METHOD:CANCEL at the end); the members of the other workshops hear nothing of it.
//
// A follow-up report published: every member and former member of the assembly receives it in
// their language, except the member who chose not to receive it (the message `skipped`), and not
// those who declined; followup then shows how many it reached, on the report and its public page.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <csignal>
#include <fstream>
#include <memory>

#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/http/client.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::env;
using assembly::itest::http;
using e2e::body_of;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// The stack's notifications process stopped for the test, started again at its end.
class StackServiceStopped {
 public:
  explicit StackServiceStopped(std::string service) : service_(std::move(service)) {
    EXPECT_EQ(assembly::itest::shell(env("ROOT") + "/ops/stack stop " + service_ + " >/dev/null"),
              0);
  }
  void start() {
    if (started_) return;
    started_ = true;
    EXPECT_EQ(assembly::itest::shell(env("ROOT") + "/ops/stack start " + service_ + " >/dev/null"),
              0);
  }
  ~StackServiceStopped() { start(); }

 private:
  std::string service_;
  bool started_ = false;
};

// Another notifications process of the built binary, as the stack starts the service (its
// database role and schema, its Kafka certificate and consumer group, its client at the identity
// provider, Mailpit), with `extra` on top.
std::unique_ptr<assembly::itest::ServiceProcess> notifications_process(
    std::map<std::string, std::string> extra) {
  const auto root = env("ROOT");
  extra.insert(
      {{"SERVICE_NAME", "notifications"},
       {"PG_CONNINFO", e2e::service_conninfo("notifications")},
       {"PG_SCHEMA", "notifications"},
       {"KAFKA_SSL_CERTIFICATE_FILE", env("KAFKA_NOTIFICATIONS_CERTIFICATE_FILE")},
       {"KAFKA_SSL_KEY_FILE", env("KAFKA_NOTIFICATIONS_KEY_FILE")},
       {"OIDC_JWKS_URI", env("OIDC_JWKS_URI")},
       {"JWT_AUDIENCE", "notifications"},
       {"PII_KEY_FILE", root + "/var/secrets/pii-notifications.key"},
       {"PII_PSEUDONYM_KEY_FILE", root + "/var/secrets/pseudonym-notifications.key"},
       {"SMTP_HOST", "127.0.0.1"},
       {"SMTP_PORT", env("SMTP_PORT")},
       {"MAIL_FROM", "Assemblée citoyenne de Paris <assemblee-citoyenne@paris.example>"},
       {"SITE_URL", env("GATEWAY_URL")},
       {"MEMBERSHIP_URL", env("MEMBERSHIP_URL")},
       {"OIDC_TOKEN_URL", env("KEYCLOAK_URL") + "/realms/assembly/protocol/openid-connect/token"},
       {"NOTIFY_CLIENT_SECRET_FILE", root + "/var/secrets/keycloak-notifications-sender.secret"},
       {"SEND_INTERVAL_MS", "200"},
       {"SHUTDOWN_GRACE_SECONDS", "2"},
       {"LOG_LEVEL", "error"}});
  const auto port = assembly::itest::free_port();
  extra["METRICS_PORT"] = std::to_string(assembly::itest::free_port());
  return std::make_unique<assembly::itest::ServiceProcess>(NOTIFICATIONS_BINARY, port, extra);
}

// The mails the notifications service sent to this address (Mailpit also holds Keycloak's
// set-password mail, sent when an e-mail is first given).
json sent_to(const std::string& address) {
  json out = json::array();
  for (const auto& m : e2e::mails_to(address))
    if (m["From"]["Address"] == "assemblee-citoyenne@paris.example") out.push_back(m);
  return out;
}

// The messages the service holds (its list may come chunked: the suite's own client reads it).
json messages(const std::string& base, const std::string& query, const std::string& staff) {
  auto r = assembly::http::client::send(
      {"GET", base + "/v1/messages?" + query, {{"Authorization", "Bearer " + staff}}});
  return r.status == 200 ? json::parse(r.body)["items"] : json::array();
}

bool exited(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid || (kill(pid, 0) != 0 && errno == ESRCH);
}

// A Mailpit message in full (its attachments listed); Mailpit answers chunked, which the suite's
// outbound client reads.
json mail(const json& summary) {
  auto r = assembly::http::client::send(
      {"GET", env("MAILPIT_URL") + "/api/v1/message/" + std::string(summary["ID"])});
  return r.status == 200 ? json::parse(r.body) : json();
}

// A Mailpit attachment's bytes.
std::string attachment(const json& message, const json& part) {
  auto r = assembly::http::client::send({"GET", env("MAILPIT_URL") + "/api/v1/message/" +
                                                    std::string(message["ID"]) + "/part/" +
                                                    std::string(part["PartID"])});
  return r.status == 200 ? r.body : std::string();
}

std::string utc_in_days(int days, int hour) {
  const std::time_t t = std::time(nullptr) + days * 86400;
  const auto day = assembly::core::utc_date(t);  // "YYYY-MM-DD"
  return day + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00Z";
}

// The member's contact details (reached by e-mail unless the contact says otherwise).
void put_contact(const std::string& member_id, json contact, const std::string& staff) {
  if (!contact.contains("preferred_channel")) contact["preferred_channel"] = "email";
  auto r = e2e::put("membership", "/v1/members/" + member_id + "/contact", contact, staff);
  ASSERT_EQ(r.status, 200) << r.body;
}

}  // namespace

TEST(Notifications, AReplacementIsToldOnceRedeliveredAndWithTheSenderStoppedAfterTheExchange) {
  const auto staff = e2e::token("secretariat", "staff-notifications");
  const auto assembly_id = e2e::fresh("notify-replacement");
  StackServiceStopped stack_process("notifications");
  auto sender = notifications_process(
      {{"FAULT_EXIT_AFTER_SEND", "replacement-drawn"}, {"SEND_LEASE_SECONDS", "10"}});
  ASSERT_TRUE(sender->wait_ready(60)) << "the notifications process did not get ready";

  // A panel of 4 from 12 respondents; all invited; one declines; sortition draws the replacement,
  // membership invites it.
  auto drawn = e2e::draw_selection_panel(
      assembly_id, 30, 20, 12, 4, "feature,value,min,max\ngender,F,2,2\ngender,M,2,2\n", [](int i) {
        return json{{"gender", i % 2 ? "F" : "M"}};
      });
  json members;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        if (r.status != 200) return false;
        members = json::parse(r.body)["items"];
        return members.size() == 4;
      },
      60s));
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "invite"}}, staff)
                .status,
            200);
  const std::string leaver = members[0]["id"];
  ASSERT_EQ(
      e2e::post("membership", "/v1/members/" + leaver + "/decline", json::object(), staff).status,
      200);
  std::string replacement;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        const auto list =
            body_of(e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff));
        for (const auto& m : list["items"])
          if (m["replaces"] == leaver) replacement = m["id"];
        return !replacement.empty();
      },
      60s))
      << "the replacement came back to membership";

  // Its message waits for an address; the invitations of the first panel too.
  const auto cause = "replacement:" + replacement;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = messages(sender->url(), "cause=" + cause, staff);
        return m.size() == 1 && m[0]["state"] == "waiting";
      },
      60s))
      << messages(sender->url(), "cause=" + cause, staff).dump();
  EXPECT_EQ(
      messages(sender->url(), "assembly_id=" + assembly_id + "&kind=confirmation-request", staff)
          .size(),
      4u)
      << "every member of the first panel is asked to confirm";

  // The secretariat enters the replacement's e-mail: the message goes; the process stops right
  // after the exchange, before recording it.
  const auto address = assembly_id + ".replacement@example.org";
  put_contact(replacement,
              {{"name", "Zoé Remplaçante"},
               {"email", address},
               {"preferred_channel", "email"},
               {"language", "fr"}},
              staff);
  ASSERT_TRUE(e2e::eventually([&] { return exited(sender->pid()); }, 60s))
      << "the sender stopped after the SMTP exchange";
  ASSERT_TRUE(e2e::eventually([&] { return sent_to(address).size() == 1; }, 30s));
  EXPECT_NE(std::string(sent_to(address)[0]["Subject"]).find("tiré·e au sort"), std::string::npos);

  // The invitation delivered again: the same event, then the same cause under a new event id;
  // then a marker on the same key (the same partition: consumed after both).
  assembly::membership::v1::MemberInvited again;
  again.set_member_id(replacement);
  again.set_assembly_id(assembly_id);
  again.set_replaces_member_id(leaver);
  again.set_invited_on(assembly::core::utc_today());
  assembly::events::Producer producer(assembly::itest::producer_options("notifications-test"));
  auto event = assembly::events::wrap(again, replacement, "membership");
  auto marker_event = again;
  const auto marker = assembly::core::new_uuid();
  marker_event.set_member_id(marker);
  marker_event.set_replaces_member_id("");
  for (const auto& e : {event, event, assembly::events::wrap(again, replacement, "membership"),
                        assembly::events::wrap(marker_event, replacement, "membership")})
    ASSERT_EQ(
        producer.produce_sync("assembly.membership.v1", replacement, e.SerializeAsString(), {}),
        "");

  // The stack's process again (its lease of a claim: 15 s): the message left `sending` becomes
  // `uncertain`, and is not sent again.
  stack_process.start();
  const auto base = e2e::url("notifications");
  ASSERT_TRUE(e2e::eventually(
      [&] { return messages(base, "member_id=" + marker, staff).size() == 1; }, 60s))
      << "the marker was consumed, so the redeliveries before it were";
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = messages(base, "cause=" + cause, staff);
        return m.size() == 1 && m[0]["state"] == "uncertain";
      },
      90s))
      << messages(base, "cause=" + cause, staff).dump();
  std::this_thread::sleep_for(3s);  // several sending rounds
  EXPECT_EQ(sent_to(address).size(), 1u) << "at most once: not sent again by itself";
  EXPECT_EQ(messages(base, "member_id=" + replacement + "&kind=replacement-drawn", staff).size(),
            1u);

  // The secretariat sends it again (and only the secretariat).
  const std::string id = messages(base, "cause=" + cause, staff)[0]["id"];
  EXPECT_EQ(e2e::post("notifications", "/v1/messages/" + id + "/resend", json::object(),
                      e2e::token("member", replacement))
                .status,
            403);
  auto resent = e2e::post("notifications", "/v1/messages/" + id + "/resend", json::object(), staff);
  ASSERT_EQ(resent.status, 200) << resent.body;
  ASSERT_TRUE(e2e::eventually([&] { return sent_to(address).size() == 2; }, 30s));
  ASSERT_TRUE(e2e::eventually(
      [&] { return messages(base, "cause=" + cause, staff)[0]["state"] == "sent"; }, 30s));
  EXPECT_EQ(
      e2e::post("notifications", "/v1/messages/" + id + "/resend", json::object(), staff).status,
      409)
      << "a sent message is not sent again";
  // The member reads their own messages; not another's.
  EXPECT_EQ(e2e::get("notifications", "/v1/members/" + replacement + "/messages",
                     e2e::token("member", replacement))
                .status,
            200);
  EXPECT_EQ(e2e::get("notifications", "/v1/members/" + replacement + "/messages",
                     e2e::token("member", std::string(members[1]["id"])))
                .status,
            403);
}

TEST(Notifications, AReportReachesEveryMemberInTheirLanguageButWhoRefusedIt) {
  const auto staff = e2e::token("secretariat", "staff-notifications");
  const auto assembly_id = e2e::fresh("notify-report");
  auto members = e2e::panel_members(assembly_id, 4, staff);
  e2e::seat_everyone(assembly_id, staff);
  std::vector<std::string> ids, addresses;
  for (std::size_t i = 0; i < members.size(); ++i) {
    ids.push_back(members[i]["id"]);
    addresses.push_back(assembly_id + ".m" + std::to_string(i) + "@example.org");
    put_contact(ids[i],
                {{"email", addresses[i]},
                 {"preferred_channel", "email"},
                 {"language", i == 1 ? "en" : "fr"}},
                staff);
  }
  // Member 2 withdraws (a former member still gets the report); member 3 refuses it.
  ASSERT_EQ(e2e::post("membership", "/v1/members/" + ids[2] + "/withdraw",
                      {{"reason", "moving away"}}, staff)
                .status,
            200);
  const auto m3 = e2e::token("member", ids[3]);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return e2e::get("notifications", "/v1/members/" + ids[3] + "/preferences", m3).status ==
                   200 &&
               e2e::put("notifications", "/v1/members/" + ids[3] + "/preferences",
                        {{"refused", {"report-published"}}}, m3)
                       .status == 200;
      },
      60s));
  auto refused = e2e::put("notifications", "/v1/members/" + ids[3] + "/preferences",
                          {{"refused", {"replacement-drawn"}}}, m3);
  EXPECT_EQ(refused.status, 422) << "a mandatory message cannot be refused";
  EXPECT_EQ(e2e::pointers(refused), std::set<std::string>{"/refused/0"});
  auto prefs = body_of(e2e::get("notifications", "/v1/members/" + ids[3] + "/preferences", m3));
  bool receives_reports = true;
  for (const auto& k : prefs["kinds"])
    if (k["kind"] == "report-published") receives_reports = k["receive"];
  EXPECT_FALSE(receives_reports) << prefs.dump() << " (nothing changed by the refused request)";

  // The report published in followup.
  auto schedule = e2e::send("PUT", "followup", "/v1/assemblies/" + assembly_id + "/report-schedule",
                            {{"first_due_on", assembly::core::utc_today()}}, staff);
  ASSERT_EQ(schedule.status, 200) << schedule.body;
  const std::string report = body_of(schedule)["reports"][0]["id"];
  ASSERT_EQ(e2e::post("followup", "/v1/reports/" + report + "/compile",
                      {{"summary", "Premier rapport"}}, staff)
                .status,
            200);
  ASSERT_EQ(
      e2e::post("followup", "/v1/reports/" + report + "/publish", json::object(), staff).status,
      200);

  auto subject_of_report = [&](int i) {
    for (const auto& m : sent_to(addresses[i])) {
      const std::string s = m["Subject"];
      if (s.find("rapport") != std::string::npos || s.find("report") != std::string::npos) return s;
    }
    return std::string();
  };
  for (int i : {0, 1, 2}) {
    ASSERT_TRUE(e2e::eventually([&] { return !subject_of_report(i).empty(); }, 60s))
        << addresses[i] << ": the report";
    EXPECT_EQ(sent_to(addresses[i]).size(), 1u)
        << addresses[i]
        << ": the report alone (they had answered the invitation before an "
           "address was known: it was not sent)";
  }
  EXPECT_NE(subject_of_report(0).find("Droit de suite"), std::string::npos) << subject_of_report(0);
  EXPECT_NE(subject_of_report(1).find("Follow-up: the City reports"), std::string::npos)
      << subject_of_report(1);
  EXPECT_NE(subject_of_report(2).find("Droit de suite"), std::string::npos) << "a former member";
  const auto base = e2e::url("notifications");
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = messages(base, "member_id=" + ids[3] + "&kind=report-published", staff);
        return m.size() == 1 && m[0]["state"] == "skipped";
      },
      60s))
      << messages(base, "member_id=" + ids[3], staff).dump();
  EXPECT_EQ(subject_of_report(3), "") << "who refused it does not get it";
  for (int i : {0, 1, 2}) {
    auto m = messages(base, "member_id=" + ids[i] + "&kind=report-published", staff);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0]["state"], "sent");
    EXPECT_EQ(m[0]["language"], i == 1 ? "en" : "fr");
  }
  auto figures = body_of(
      e2e::get("notifications", "/v1/assemblies/" + assembly_id + "/message-figures", staff));
  EXPECT_EQ(figures["by_kind"]["report-published"]["sent"], 3) << figures.dump();
  EXPECT_EQ(figures["by_kind"]["report-published"]["skipped"], 1) << figures.dump();

  // followup learns how far the report reached (AudienceReached) and says it on the report and
  // on the public page.
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = body_of(e2e::get("followup", "/v1/reports/" + report));
        return r["members_informed"] == 3 && r["members_not_reached"] == 1;
      },
      60s))
      << e2e::get("followup", "/v1/reports/" + report).body;
  auto page = e2e::get("followup", "/transparence/" + assembly_id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("envoyé par e-mail à 3 membres et anciens membres"), std::string::npos);
}

TEST(Notifications, ASessionMovedThenCancelledReachesItsWorkshopInTheirLanguageWithTheCalendar) {
  const auto staff = e2e::token("secretariat", "staff-notifications");
  auto seated = e2e::seated_in_workshops("notify-session", 6, staff, "");
  std::string theme;
  std::vector<std::string> ours, others;
  for (const auto& m : seated.members) {
    if (theme.empty()) theme = m["workshop_theme"];
    (m["workshop_theme"] == theme ? ours : others).push_back(m["id"]);
  }
  ASSERT_GE(ours.size(), 2u);
  ASSERT_FALSE(others.empty());
  auto address = [&](const std::string& id) {
    return seated.assembly_id + "." + id.substr(0, 8) + "@example.org";
  };
  for (std::size_t i = 0; i < ours.size(); ++i)
    put_contact(ours[i], {{"email", address(ours[i])}, {"language", i == 0 ? "en" : "fr"}}, staff);
  put_contact(others[0], {{"email", address(others[0])}, {"language", "fr"}}, staff);

  auto created = e2e::post("workshops", "/v1/sessions",
                           {{"type", "working-session"},
                            {"workshop_id", seated.workshop[theme]},
                            {"title", "Séance de travail sur les mobilités"},
                            {"starts_at", utc_in_days(3, 17)},
                            {"ends_at", utc_in_days(3, 19)},
                            {"place", "Hôtel de Ville, salle Lobau"}},
                           staff);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string session = body_of(created)["id"];
  auto moved = e2e::post("workshops", "/v1/sessions/" + session + "/reschedule",
                         {{"starts_at", utc_in_days(4, 17)},
                          {"ends_at", utc_in_days(4, 19)},
                          {"reason", "salle prise"}},
                         staff);
  ASSERT_EQ(moved.status, 200) << moved.body;
  ASSERT_EQ(
      e2e::post("workshops", "/v1/sessions/" + session + "/cancel", {{"reason", "grève"}}, staff)
          .status,
      200);

  auto subjects = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const auto& m : sent_to(address(id))) out.push_back(m["Subject"]);
    return out;
  };
  for (std::size_t i = 0; i < ours.size(); ++i)
    ASSERT_TRUE(e2e::eventually([&] { return subjects(ours[i]).size() >= 3; }, 90s))
        << address(ours[i]) << ": scheduled, moved, cancelled";
  for (const auto& m : sent_to(address(ours[0]))) {
    const std::string subject = m["Subject"];
    EXPECT_TRUE(subject.rfind("New session: ", 0) == 0 ||
                subject.rfind("Session moved: ", 0) == 0 ||
                subject.rfind("Session cancelled: ", 0) == 0)
        << "in English: " << subject;
  }
  json cancelled;
  for (const auto& m : sent_to(address(ours[1]))) {
    const std::string subject = m["Subject"];
    EXPECT_EQ(subject.rfind("Séance", 0) == 0 || subject.rfind("Nouvelle séance", 0) == 0, true)
        << "in French: " << subject;
    if (subject.rfind("Séance annulée", 0) == 0) cancelled = m;
  }
  ASSERT_FALSE(cancelled.is_null());
  auto full = mail(cancelled);
  ASSERT_EQ(full["Attachments"].size(), 1u) << full.dump().substr(0, 500);
  const auto ics = attachment(cancelled, full["Attachments"][0]);
  EXPECT_NE(ics.find("METHOD:CANCEL"), std::string::npos) << ics;
  EXPECT_NE(ics.find("UID:" + session + "@"), std::string::npos) << ics;
  EXPECT_NE(ics.find("SEQUENCE:2"), std::string::npos) << ics;
  EXPECT_NE(std::string(full["Text"]).find("« Séance de travail sur les mobilités »"),
            std::string::npos)
      << full["Text"];
  EXPECT_EQ(subjects(others[0]).size(), 0u) << "another workshop hears nothing of it";
  // Each change once per member.
  const auto base = e2e::url("notifications");
  for (const char* kind : {"session-scheduled", "session-moved", "session-cancelled"})
    EXPECT_EQ(messages(base, "assembly_id=" + seated.assembly_id + "&kind=" + kind, staff).size(),
              ours.size())
        << kind;
}

// An overdue milestone, as followup flags it (the event delivered twice): the department's
// mailbox and the secretariat's each get one e-mail (the stack's DEPARTMENT_ADDRESSES and
// SECRETARIAT_ADDRESS); a department without a mailbox in the configuration is refused, named.
TEST(Notifications, AnOverdueMilestoneReachesItsDepartmentAndTheSecretariatOnce) {
  const auto staff = e2e::token("secretariat", "staff-notifications");
  const auto assembly_id = e2e::fresh("notify-milestone");
  assembly::followup::v1::MilestoneOverdue late;
  late.set_milestone_id(assembly::core::new_uuid());
  late.set_commitment_id(assembly::core::new_uuid());
  late.set_assembly_id(assembly_id);
  late.set_department("DVD");
  late.set_title("Délibération " + assembly_id);
  late.set_due_on("2026-11-30");
  auto unknown = late;
  unknown.set_milestone_id(assembly::core::new_uuid());
  unknown.set_department("NOPE");
  assembly::events::Producer producer(assembly::itest::producer_options("notifications-test"));
  auto event = assembly::events::wrap(late, late.commitment_id(), "followup");
  for (const auto& e :
       {event, event, assembly::events::wrap(unknown, late.commitment_id(), "followup")})
    ASSERT_EQ(producer.produce_sync("assembly.followup.v1", late.commitment_id(),
                                    e.SerializeAsString(), {}),
              "");
  auto titled = [&](const std::string& address) {
    int n = 0;
    for (const auto& m : sent_to(address))
      if (std::string(m["Subject"]).find(late.title()) != std::string::npos) ++n;
    return n;
  };
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return titled("dvd@paris.example") == 1 &&
               titled("secretariat-assemblee@paris.example") == 2;
      },
      60s))
      << "the department once, the secretariat once for each milestone";
  const auto base = e2e::url("notifications");
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = messages(
            base,
            "member_id=department:NOPE&cause=milestone:" + unknown.milestone_id() + ":2026-11-30",
            staff);
        return m.size() == 1 && m[0]["state"] == "refused";
      },
      60s));
  auto m = messages(base, "member_id=department:NOPE&assembly_id=" + assembly_id, staff);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(std::string(m[0]["last_error"]).find("DEPARTMENT_ADDRESSES"), std::string::npos);
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(titled("dvd@paris.example"), 1) << "the event delivered twice: one e-mail";
}

// A ballot of the whole assembly opened online, then closed: each elector with an address is told
// it is open (until when), then its result, in their language; one who refused ballot messages is
// not.
TEST(Notifications, ABallotOpenedThenClosedReachesItsElectors) {
  const auto staff = e2e::token("secretariat", "staff-notifications");
  auto six = e2e::seat_six("notify-ballot", staff);
  std::vector<std::string> ids;
  for (const auto& m : six.members) ids.push_back(m["id"]);
  auto address = [&](std::size_t i) {
    return six.assembly_id + ".b" + std::to_string(i) + "@example.org";
  };
  for (std::size_t i = 0; i < 3; ++i)
    put_contact(ids[i], {{"email", address(i)}, {"language", i == 1 ? "en" : "fr"}}, staff);
  const auto refuser = e2e::token("member", ids[2]);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return e2e::put("notifications", "/v1/members/" + ids[2] + "/preferences",
                        {{"refused", {"ballot-opened", "ballot-closed"}}}, refuser)
                   .status == 200;
      },
      60s));
  const auto question = "Adoptez-vous le règlement intérieur ? " + six.assembly_id;
  auto opened = e2e::post("recommendations", "/v1/ballots",
                          {{"assembly_id", six.assembly_id},
                           {"question", question},
                           {"rule", "simple-majority"},
                           {"quorum", 0},
                           {"secret", false},
                           {"closes_at", utc_in_days(1, 18)}},
                          staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string ballot = body_of(opened)["id"];
  auto about = [&](std::size_t i, const std::string& words) {
    int n = 0;
    for (const auto& m : sent_to(address(i))) {
      const std::string subject = m["Subject"];
      if (subject.find(words) != std::string::npos &&
          subject.find(six.assembly_id) != std::string::npos)
        ++n;
    }
    return n;
  };
  ASSERT_TRUE(e2e::eventually(
      [&] { return about(0, "Vote ouvert") == 1 && about(1, "Ballot open") == 1; }, 60s));
  ASSERT_EQ(e2e::post("recommendations", "/v1/ballots/" + ballot + "/close", json::object(), staff)
                .status,
            200);
  ASSERT_TRUE(e2e::eventually(
      [&] { return about(0, "Résultat du vote") == 1 && about(1, "Ballot result") == 1; }, 60s));
  const auto base = e2e::url("notifications");
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = messages(base, "member_id=" + ids[2] + "&cause=ballot-closed:" + ballot, staff);
        return m.size() == 1 && m[0]["state"] == "skipped";
      },
      60s));
  EXPECT_EQ(about(2, "Vote"), 0) << "who refused ballot messages gets none";
}
