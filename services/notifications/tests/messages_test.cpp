#include "domain/messages.h"

#include <gtest/gtest.h>

#include "domain/templates.h"

namespace d = notifications::domain;

namespace {

std::string decode64(const std::string& in) {
  static const std::string abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0, value = 0;
  for (char c : in) {
    auto p = abc.find(c);
    if (p == std::string::npos) continue;
    value = (value << 6) | static_cast<int>(p);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

const std::map<std::string, std::string> kParams{
    {"greeting", "Bonjour Zoé <b>,"},
    {"space_url", "https://example.org/espace-membre?a=1&b=2"},
    {"site_url", "https://example.org/"},
    {"privacy_url", "https://example.org/donnees"},
    {"lang", "fr"},
    {"header", "Ville"}};

}  // namespace

TEST(Kinds, NamesGoBothWaysAndOnlyTheReportMayBeRefused) {
  for (auto k : d::kAllKinds) EXPECT_EQ(d::kind_named(d::name(k)), k);
  for (auto s : d::kAllStates) EXPECT_EQ(d::state_named(d::name(s)), s);
  EXPECT_FALSE(d::kind_named("letter"));
  EXPECT_TRUE(d::mandatory(d::Kind::confirmation_request));
  EXPECT_TRUE(d::mandatory(d::Kind::replacement_drawn));
  EXPECT_FALSE(d::mandatory(d::Kind::report_published));
}

TEST(Render, FillsTheTemplateAndEscapesTheHtmlOnly) {
  auto r = d::render(
      "Subject: Tirage {{lang}}\n\n{{greeting}}\n\nLigne un\nligne deux\n\n"
      "[[Répondre|{{space_url}}]]\n",
      "<html lang=\"{{lang}}\"><h1>{{subject}}</h1>{{body}}<footer>{{footer}}</footer>",
      "Mentions {{site_url}}", kParams);
  EXPECT_EQ(r.subject, "Tirage fr");
  EXPECT_NE(r.text.find("Bonjour Zoé <b>,\n\nLigne un\nligne deux\n\n"), std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("Répondre : https://example.org/espace-membre?a=1&b=2"), std::string::npos);
  EXPECT_NE(r.text.find("-- \nMentions https://example.org/"), std::string::npos);
  EXPECT_NE(r.html.find("<p>Bonjour Zoé &lt;b&gt;,</p>"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<p>Ligne un<br>\nligne deux</p>"), std::string::npos);
  EXPECT_NE(r.html.find("href=\"https://example.org/espace-membre?a=1&amp;b=2\""),
            std::string::npos);
  EXPECT_NE(r.html.find("<html lang=\"fr\"><h1>Tirage fr</h1>"), std::string::npos);
}

TEST(Render, AKeyNotGivenIsAnError) {
  EXPECT_THROW(d::render("Subject: x\n\n{{missing}}", "{{body}}", "", kParams),
               std::invalid_argument);
  EXPECT_THROW(d::render("no subject line\n\nx", "{{body}}", "", kParams), std::invalid_argument);
}

TEST(Templates, EveryKindHasBothLanguagesAndRendersWithItsParams) {
  std::map<std::string, std::string> p = kParams;
  for (const char* k : {"assembly_id",
                        "sequence",
                        "as_of",
                        "commitments",
                        "commitments_done",
                        "milestones_overdue",
                        "report_url",
                        "preferences_url",
                        "invited_on",
                        "title",
                        "when",
                        "place",
                        "previous_when",
                        "due_on",
                        "department",
                        "question",
                        "closes_when",
                        "votes_url",
                        "outcome_words",
                        "votes_for",
                        "votes_against",
                        "abstentions"})
    p[k] = "1";
  for (auto k : d::kAllKinds)
    for (const char* lang : {"fr", "en"}) {
      const auto file = std::string(d::name(k)) + "." + lang + ".txt";
      ASSERT_FALSE(d::template_file(file).empty()) << file;
      auto r = d::render(d::template_file(file), d::template_file("layout.html"),
                         d::template_file(std::string("footer.") + lang + ".txt"), p);
      EXPECT_FALSE(r.subject.empty()) << file;
      EXPECT_NE(r.html.find("<!DOCTYPE html>"), std::string::npos) << file;
    }
}

TEST(Compose, HeadersCannotBeInjectedAndTheBodyIsMultipart) {
  d::Rendered r{"Votre place\r\nBcc: x@evil.example", "texte é", "<p>html</p>"};
  d::Envelope e{"Assemblée citoyenne",
                "assemblee@paris.example",
                "Zoé Martin",
                "zoe@example.org",
                "m1@paris.example",
                "Mon, 07 Dec 2026 03:00:00 +0000",
                "https://example.org/espace-membre/messages",
                "fr"};
  auto m = d::compose(e, r, "=_b");
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(m.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m.find("To: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m.find(" <zoe@example.org>\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <m1@paris.example>\r\n"), std::string::npos);
  EXPECT_NE(m.find("List-Unsubscribe: <https://example.org/espace-membre/messages>\r\n"),
            std::string::npos);
  EXPECT_NE(m.find("Content-Type: multipart/alternative; boundary=\"=_b\"\r\n"), std::string::npos);
  const auto text_at =
      m.find("text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
  ASSERT_NE(text_at, std::string::npos);
  const auto start = m.find("\r\n\r\n", text_at) + 4;
  EXPECT_EQ(decode64(m.substr(start, m.find("--=_b", start) - start)), "texte é");
  EXPECT_NE(m.find("--=_b--\r\n"), std::string::npos);
  e.list_unsubscribe.clear();
  EXPECT_EQ(d::compose(e, r, "=_b").find("List-Unsubscribe"), std::string::npos);
}

TEST(Mailbox, ParsesANamedAddressOrABareOne) {
  EXPECT_EQ(d::parse_mailbox("Assemblée <a@b.fr>"),
            std::make_pair(std::string("Assemblée"), std::string("a@b.fr")));
  EXPECT_EQ(d::parse_mailbox("\"Ville, Paris\" <a@b.fr>").first, "Ville, Paris");
  EXPECT_EQ(d::parse_mailbox(" a@b.fr ").second, "a@b.fr");
}

TEST(Outcome, AnSmtpAnswerDecidesTheMessagesFate) {
  EXPECT_EQ(d::outcome_of(250, false), d::Outcome::sent);
  EXPECT_EQ(d::outcome_of(550, true), d::Outcome::refused);
  EXPECT_EQ(d::outcome_of(451, true), d::Outcome::retry);
  EXPECT_EQ(d::outcome_of(0, true), d::Outcome::retry);
  EXPECT_EQ(d::outcome_of(250, true), d::Outcome::retry);
  // The server refusing the service (TLS or authentication required, credentials refused): the
  // message waits for the configuration to be mended.
  for (long code : {530L, 534L, 535L, 538L})
    EXPECT_EQ(d::outcome_of(code, true), d::Outcome::retry);
  EXPECT_EQ(d::outcome_of(554, false), d::Outcome::refused);
  EXPECT_EQ(d::backoff_seconds(1), 30);
  EXPECT_EQ(d::backoff_seconds(2), 60);
  EXPECT_EQ(d::backoff_seconds(20), 3600);
}

TEST(Calendar, ASessionIsAnEventItsChangesReplaceAndItsCancellationRemoves) {
  d::CalendarEvent e{"s1@paris.example",
                     "Audition, voirie; vélo",
                     "2026-12-08T17:30:00Z",
                     "2026-12-08T19:30:00Z",
                     "Hôtel de Ville, salle des fêtes",
                     "assemblee@paris.example",
                     "2026-12-07T09:00:00Z",
                     2,
                     false};
  auto ics = d::icalendar(e);
  EXPECT_NE(ics.find("METHOD:REQUEST\r\n"), std::string::npos);
  EXPECT_NE(ics.find("UID:s1@paris.example\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SEQUENCE:2\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20261208T173000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Audition\\, voirie\\; vélo\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("STATUS:CONFIRMED"), std::string::npos);
  e.cancelled = true;
  e.title = std::string(100, 'x');
  ics = d::icalendar(e);
  EXPECT_NE(ics.find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CANCELLED"), std::string::npos);
  std::size_t at = 0;
  while (at < ics.size()) {
    auto nl = ics.find("\r\n", at);
    EXPECT_LE(nl - at, 75u) << "a line longer than 75 octets";
    at = nl + 2;
  }
  EXPECT_NE(ics.find("\r\n x"), std::string::npos) << "a long line is folded";
}

TEST(Compose, AnAttachmentMakesTheMessageMixed) {
  d::Rendered r{"Séance", "texte", "<p>html</p>"};
  d::Envelope e{"", "a@paris.example", "", "z@example.org", "m@paris.example", "date", "", "fr"};
  d::Attachment ics{"seance.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR"};
  auto m = d::compose(e, r, "=_b", &ics);
  EXPECT_NE(m.find("Content-Type: multipart/mixed; boundary=\"=_b_m\"\r\n"), std::string::npos);
  EXPECT_NE(m.find("--=_b_m\r\nContent-Type: multipart/alternative; boundary=\"=_b\""),
            std::string::npos);
  EXPECT_NE(m.find("Content-Disposition: attachment; filename=\"seance.ics\""), std::string::npos);
  EXPECT_NE(m.find("--=_b_m--\r\n"), std::string::npos);
  EXPECT_LT(m.find("--=_b--"), m.find("--=_b_m--"));
}

TEST(Addresses, StaffMailboxesAreCodeEqualsAddress) {
  auto a = d::parse_addresses(" DVD=voirie@paris.example, DAC = culture@paris.example ,");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->at("DVD"), "voirie@paris.example");
  EXPECT_EQ(a->at("DAC"), "culture@paris.example");
  std::string wrong;
  EXPECT_FALSE(d::parse_addresses("DVD=voirie@paris.example,DAC", &wrong));
  EXPECT_EQ(wrong, "DAC");
  EXPECT_FALSE(d::parse_addresses("DVD=not an address", &wrong));
  EXPECT_TRUE(d::parse_addresses("")->empty());
}
