#pragma once
// The public site's frame: one HTML document for every server-rendered public page of the suite
// (docs/site.md). Each service renders the body of its own pages (the data it owns); this frame
// adds the French State design system's header, footer, skip link, language switch and the
// site's stylesheet. Pure: no HTTP, SQL or Kafka.
//
// The stylesheet and the script are the web application's files at fixed addresses
// (`/site/site.css`, `/site/site.js`, built by services/web): the Content Security Policy allows
// no inline style or script, and a page stays readable without the script (it only opens the
// header's menu on a phone).
#include <string>
#include <vector>

namespace assembly::site {

enum class Lang { fr, en };

// "fr" / "en".
const char* code(Lang lang);
// The other language.
Lang other(Lang lang);

struct Link {
  std::string href;   // an address on the site ("/tirages/…")
  std::string label;  // plain text: escaped when written
};

struct Page {
  Lang lang = Lang::fr;
  std::string title;        // plain text: the <title> (with the site's name) and the <h1>
  std::string description;  // plain text: <meta name="description"> (search engines)
  // The same page in the other language ("" when it has none: the switch then leads to the
  // other language's home).
  std::string other_lang_href;
  // Where the page sits, from the home (excluded) to its parent: a breadcrumb.
  std::vector<Link> trail;
  // The page's content after its <h1>, already HTML (escape with assembly::core::html_escape).
  std::string body;
};

// The whole document.
std::string render(const Page& page);

// The home page's address in a language: "/" and "/en/".
std::string home_href(Lang lang);
// An assembly's page in the trail of the pages about it ("/assemblee/{id}", "/en/assembly/{id}").
Link assembly_link(const std::string& assembly_id, Lang lang);

// "2026-03-11" -> "11 mars 2026" / "11 March 2026"; anything else is returned as it is.
std::string long_date(const std::string& iso, Lang lang);

// The public title of a workshop's theme in the language: the themes of the Paris assembly
// ("environment" -> "Environnement" / "Environment"); "" for another theme (the caller shows the
// title it holds, or the theme).
std::string theme_title(const std::string& theme, Lang lang);

// A page's words in its language.
inline const char* pick(Lang lang, const char* fr, const char* en) {
  return lang == Lang::fr ? fr : en;
}

// An instant in UTC ("2026-03-11T17:30:00Z", seconds and a fraction optional) as the clock in
// Paris reads it, in the EU's rule (UTC+1; UTC+2 from the last Sunday of March to the last Sunday
// of October, both at 01:00 UTC): "11 mars 2026 à 18 h 30" / "11 March 2026 at 18:30"; anything
// else is returned as it is.
std::string paris_date_time(const std::string& utc, Lang lang);
// The same instant's day alone: "11 mars 2026" / "11 March 2026".
std::string paris_date(const std::string& utc, Lang lang);
// The same instant's clock time alone: "18 h 30" / "18:30".
std::string paris_time(const std::string& utc, Lang lang);

// A number as text in the language: "1350000.5" -> "1 350 000,5" (narrow no-break spaces) /
// "1,350,000.5". Anything that is not a number is returned as it is.
std::string number(const std::string& decimal, Lang lang);
std::string number(long long n, Lang lang);

// A noun's two forms in one language.
struct Noun {
  const char* one;
  const char* many;
};
// "n nouns" in the language: the number as `number` writes it, the noun singular for 0 and 1 in
// French ("0 membre", "1 membre"), for 1 only in English ("0 members", "1 member").
std::string counted(long long n, Noun fr, Noun en, Lang lang);

// Parts of a page's body, in the DSFR's markup (tables: assembly/site/table.h). Every argument is
// HTML already (escape text with assembly::core::html_escape).
// Text people typed (a motion, a notebook), escaped: a paragraph at each blank line, its other
// line breaks kept.
std::string paragraphs(const std::string& text);
// A state said in words, coloured by its kind ("success", "error", "info", "warning", "new";
// "" for plain): never by colour alone.
std::string badge(const std::string& words, const std::string& kind = "");

}  // namespace assembly::site
