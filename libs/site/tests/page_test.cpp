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
