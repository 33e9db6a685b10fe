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

// "2026-03-11" -> "11 mars 2026" / "11 March 2026"; anything else is returned as it is.
std::string long_date(const std::string& iso, Lang lang);

}  // namespace assembly::site
