#include "assembly/site/page.h"

#include <gtest/gtest.h>

namespace site = assembly::site;

namespace {
site::Page sample(site::Lang lang) {
  site::Page p;
  p.lang = lang;
  p.title = "Tirage <n°1> & \"suite\"";
  p.description = "Le tirage";
  p.other_lang_href = "/draws/1";
  p.trail = {{"/assemblee/a", "Assemblée <A>"}};
  p.body = "<p>corps</p>";
  return p;
}
}  // namespace

TEST(SitePage, FrenchDocumentWithTheFrame) {
  const auto html = site::render(sample(site::Lang::fr));
  EXPECT_NE(html.find("<html lang=\"fr\""), std::string::npos);
  EXPECT_NE(html.find("<h1 class=\"fr-mt-4w\">Tirage &lt;n°1&gt; &amp; &quot;suite&quot;</h1>"),
            std::string::npos);
  EXPECT_NE(html.find("<title>Tirage &lt;n°1&gt;"), std::string::npos);
  EXPECT_NE(html.find("<p>corps</p>"), std::string::npos);
  EXPECT_NE(html.find("href=\"/draws/1\" hreflang=\"en\" lang=\"en\""), std::string::npos);
  EXPECT_NE(html.find("Assemblée &lt;A&gt;"), std::string::npos);
  EXPECT_NE(html.find("aria-current=\"page\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/accessibilite\">Accessibilité : non conforme"), std::string::npos);
  EXPECT_NE(html.find("id=\"contenu\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/site/site.css\""), std::string::npos);
}

TEST(SitePage, EnglishFrameAndHomeWhenNoTwin) {
  auto p = sample(site::Lang::en);
  p.other_lang_href.clear();
  p.trail.clear();
  const auto html = site::render(p);
  EXPECT_NE(html.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/\" hreflang=\"fr\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/en/accessibility\""), std::string::npos);
  EXPECT_EQ(html.find("fr-breadcrumb"), std::string::npos);
  EXPECT_EQ(html.find("rel=\"alternate\""), std::string::npos);
}

// The Content Security Policy refuses inline styles and scripts: the frame has none.
TEST(SitePage, NothingInline) {
  const auto html = site::render(sample(site::Lang::fr));
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find("style=\""), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find(" onclick"), std::string::npos);
}

TEST(SitePage, LongDates) {
  EXPECT_EQ(site::long_date("2026-03-01", site::Lang::fr), "1er mars 2026");
  EXPECT_EQ(site::long_date("2026-03-11T10:00:00Z", site::Lang::en), "11 March 2026");
  EXPECT_EQ(site::long_date("2026-13-01", site::Lang::fr), "2026-13-01");
  EXPECT_EQ(site::long_date("soon", site::Lang::fr), "soon");
}

// Paris time: UTC+1 in winter, UTC+2 from the last Sunday of March to the last Sunday of October
// (01:00 UTC both).
TEST(SitePage, ParisTime) {
  EXPECT_EQ(site::paris_date_time("2026-01-10T17:30:00Z", site::Lang::fr),
            "10 janvier 2026 à 18\u00a0h\u00a030");
  EXPECT_EQ(site::paris_date_time("2026-07-01T16:05:00Z", site::Lang::en), "1 July 2026 at 18:05");
  // 2026: summer time from 29 March to 25 October, 01:00 UTC.
  EXPECT_EQ(site::paris_time("2026-03-29T00:59:59Z", site::Lang::en), "01:59");
  EXPECT_EQ(site::paris_time("2026-03-29T01:00:00Z", site::Lang::en), "03:00");
  EXPECT_EQ(site::paris_time("2026-10-25T00:59:00Z", site::Lang::en), "02:59");
  EXPECT_EQ(site::paris_time("2026-10-25T01:00:00.250Z", site::Lang::en), "02:00");
  // Late evening in UTC is the next day in Paris.
  EXPECT_EQ(site::paris_date_time("2026-12-31T23:30:00+00:00", site::Lang::fr),
            "1er janvier 2027 à 0\u00a0h\u00a030");
  EXPECT_EQ(site::paris_date("2026-12-31T23:30:00Z", site::Lang::en), "1 January 2027");
  EXPECT_EQ(site::paris_date_time("tomorrow", site::Lang::fr), "tomorrow");
  EXPECT_EQ(site::paris_time("2026-01-10T17:30:00+05:00", site::Lang::fr),
            "2026-01-10T17:30:00+05:00");
}

TEST(SitePage, Numbers) {
  EXPECT_EQ(site::number(1350000, site::Lang::fr), "1\u202f350\u202f000");
  EXPECT_EQ(site::number(1350000, site::Lang::en), "1,350,000");
  EXPECT_EQ(site::number("-1234.5", site::Lang::fr), "-1\u202f234,5");
  EXPECT_EQ(site::number("999", site::Lang::en), "999");
  EXPECT_EQ(site::number("12a", site::Lang::en), "12a");
  EXPECT_EQ(site::number("", site::Lang::en), "");
}

TEST(SitePage, Badges) {
  EXPECT_EQ(site::badge("Adopté", "success"),
            "<span class=\"fr-badge fr-badge--sm fr-badge--success\">Adopté</span>");
  EXPECT_EQ(site::badge("Brouillon"), "<span class=\"fr-badge fr-badge--sm\">Brouillon</span>");
}

TEST(SitePage, CountedNouns) {
  const site::Noun fr{"membre", "membres"}, en{"member", "members"};
  EXPECT_EQ(site::counted(0, fr, en, site::Lang::fr), "0 membre");
  EXPECT_EQ(site::counted(1, fr, en, site::Lang::fr), "1 membre");
  EXPECT_EQ(site::counted(2, fr, en, site::Lang::fr), "2 membres");
  EXPECT_EQ(site::counted(1500, fr, en, site::Lang::fr), "1\u202f500 membres");
  EXPECT_EQ(site::counted(0, fr, en, site::Lang::en), "0 members");
  EXPECT_EQ(site::counted(1, fr, en, site::Lang::en), "1 member");
}

TEST(SitePage, ThemeTitles) {
  EXPECT_EQ(site::theme_title("environment", site::Lang::fr), "Environnement");
  // The same words as the members' space (services/web) and membership's assembly page.
  EXPECT_EQ(site::theme_title("social-education", site::Lang::fr),
            "Affaires sociales et éducation");
  EXPECT_EQ(site::theme_title("public-space", site::Lang::en), "Public space");
  EXPECT_EQ(site::theme_title("transport", site::Lang::fr), "");
}

TEST(SitePage, Paragraphs) {
  EXPECT_EQ(site::paragraphs("a <b>\r\nc\n\n\n  \nd & e\n"),
            "<p>a &lt;b&gt;<br>c</p><p>d &amp; e</p>");
  EXPECT_EQ(site::paragraphs(""), "");
}

TEST(SitePage, AssemblyLink) {
  EXPECT_EQ(site::assembly_link("paris-2026", site::Lang::fr).href, "/assemblee/paris-2026");
  EXPECT_EQ(site::assembly_link("paris-2026", site::Lang::en).href, "/en/assembly/paris-2026");
}

// On a phone the DSFR hides the header's tools (the language switch, the members' space) behind
// its menu button: the frame has that button and the menu it opens, and, since the menu needs the
// script, the other language is in the footer too, reachable without it.
TEST(SitePage, OnAPhoneTheLanguageSwitchIsReachable) {
  const auto html = site::render(sample(site::Lang::fr));
  EXPECT_NE(html.find("class=\"fr-btn--menu fr-btn\" data-fr-opened=\"false\" "
                      "aria-controls=\"site-menu\""),
            std::string::npos);
  EXPECT_NE(html.find("class=\"fr-header__menu fr-modal\" id=\"site-menu\""), std::string::npos);
  EXPECT_NE(html.find("<div class=\"fr-header__menu-links\"><ul class=\"fr-btns-group\"><li><a "
                      "class=\"fr-btn fr-icon-translate-2\" href=\"/draws/1\""),
            std::string::npos)
      << "the menu holds the header's tools";
  const auto footer = html.substr(html.find("<footer"));
  EXPECT_NE(footer.find("href=\"/draws/1\" hreflang=\"en\" lang=\"en\">English</a>"),
            std::string::npos)
      << footer;
}
