#include "assembly/site/page.h"

#include <array>
#include <sstream>

#include "assembly/core/html.h"

namespace assembly::site {
using assembly::core::html_escape;

namespace {

struct Words {
  const char* fr;
  const char* en;
};

// The frame's words, French first.
struct Frame {
  Words site{"Assemblée citoyenne", "Citizens’ Assembly"};
  Words operator_name{"Ville de Paris", "City of Paris"};
  Words tagline{"Ville de Paris — participation citoyenne",
                "City of Paris — citizens’ participation"};
  Words home_title{"Accueil — Assemblée citoyenne", "Home — Citizens’ Assembly"};
  Words skip{"Contenu", "Content"};
  Words skip_footer{"Pied de page", "Footer"};
  Words skip_label{"Accès rapide", "Quick access"};
  Words other_lang{"English", "Français"};
  Words other_lang_title{"Read this page in English", "Lire cette page en français"};
  Words member_space{"Espace membre", "Members’ space"};
  Words answer{"Répondre à l’invitation", "Answer the invitation"};
  Words tools{"Accès", "Access"};
  Words home{"Accueil", "Home"};
  Words trail{"Vous êtes ici :", "You are here:"};
  Words description{
      "L’Assemblée citoyenne réunit des habitantes et habitants tirés au sort pour travailler sur "
      "les politiques de la Ville, et la Ville rend compte de ce qu’elle en fait.",
      "The Citizens’ Assembly brings together residents drawn by lot to work on the City’s "
      "policies, and the City reports on what it does with their work."};
  Words accessibility{"Accessibilité : non conforme", "Accessibility: not compliant"};
  Words legal{"Mentions légales", "Legal notice"};
  Words privacy{"Données personnelles", "Personal data"};
  Words open_data{"Données ouvertes", "Open data"};
  Words footer_links{"Liens du pied de page", "Footer links"};
  Words menu{"Menu", "Menu"};
  Words close{"Fermer", "Close"};
};

const char* w(const Words& words, Lang lang) {
  return lang == Lang::fr ? words.fr : words.en;
}

struct FooterLink {
  Words href;
  Words Frame::*label;
};

// The same page in the other language, or that language's home.
std::string other_href(const Page& p) {
  return p.other_lang_href.empty() ? home_href(other(p.lang)) : p.other_lang_href;
}

void write_header(std::ostringstream& o, const Page& p, const Frame& f) {
  const auto l = p.lang;
  // The header's tools: the other language, the members' space.
  const auto tools =
      std::string(
          "<ul class=\"fr-btns-group\"><li><a class=\"fr-btn fr-icon-translate-2\" href=\"") +
      html_escape(other_href(p)) + "\" hreflang=\"" + code(other(l)) + "\" lang=\"" +
      code(other(l)) + "\" title=\"" + w(f.other_lang_title, l) + "\">" + w(f.other_lang, l) +
      "</a></li><li><a class=\"fr-btn fr-icon-account-circle-line\" href=\"" +
      (l == Lang::fr ? "/espace-membre" : "/member-space") + "\">" + w(f.member_space, l) +
      "</a></li></ul>";
  o << "<div class=\"fr-skiplinks\"><nav class=\"fr-container\" role=\"navigation\" aria-label=\""
    << w(f.skip_label, l) << "\"><ul class=\"fr-skiplinks__list\">"
    << "<li><a class=\"fr-link\" href=\"#contenu\">" << w(f.skip, l) << "</a></li>"
    << "<li><a class=\"fr-link\" href=\"#pied\">" << w(f.skip_footer, l) << "</a></li>"
    << "</ul></nav></div>\n";
  o << "<header role=\"banner\" class=\"fr-header\"><div class=\"fr-header__body\">"
    << "<div class=\"fr-container\"><div class=\"fr-header__body-row\">"
    << "<div class=\"fr-header__brand fr-enlarge-link\"><div class=\"fr-header__brand-top\">"
    << "<div class=\"fr-header__logo\"><p class=\"fr-logo\">Ville<br>de Paris</p></div>"
    // On a phone the tools below are hidden behind this button (the script opens the menu).
    << "<div class=\"fr-header__navbar\"><button class=\"fr-btn--menu fr-btn\" "
    << "data-fr-opened=\"false\" aria-controls=\"site-menu\" aria-haspopup=\"menu\" "
    << "id=\"site-menu-button\" title=\"" << w(f.menu, l) << "\">" << w(f.menu, l)
    << "</button></div></div>"
    << "<div class=\"fr-header__service\"><a href=\"" << home_href(l) << "\" title=\""
    << w(f.home_title, l) << "\"><p class=\"fr-header__service-title\">" << w(f.site, l)
    << "</p></a><p class=\"fr-header__service-tagline\">" << w(f.tagline, l) << "</p></div></div>"
    << "<div class=\"fr-header__tools\"><div class=\"fr-header__tools-links\">" << tools
    << "</div></div></div></div></div>"
    // The phone's menu, which the script opens: the same tools.
    << "<div class=\"fr-header__menu fr-modal\" id=\"site-menu\" "
    << "aria-labelledby=\"site-menu-button\"><div class=\"fr-container\">"
    << "<button class=\"fr-btn--close fr-btn\" aria-controls=\"site-menu\" title=\""
    << w(f.close, l) << "\">" << w(f.close, l) << "</button>"
    << "<div class=\"fr-header__menu-links\">" << tools << "</div></div></div></header>\n";
}

void write_trail(std::ostringstream& o, const Page& p, const Frame& f) {
  const auto l = p.lang;
  o << "<nav class=\"fr-breadcrumb site-trail\" aria-label=\"" << w(f.trail, l) << "\">"
    << "<ol class=\"fr-breadcrumb__list\"><li><a class=\"fr-breadcrumb__link\" href=\""
    << home_href(l) << "\">" << w(f.home, l) << "</a></li>";
  for (const auto& link : p.trail)
    o << "<li><a class=\"fr-breadcrumb__link\" href=\"" << html_escape(link.href) << "\">"
      << html_escape(link.label) << "</a></li>";
  o << "<li><a class=\"fr-breadcrumb__link\" aria-current=\"page\">" << html_escape(p.title)
    << "</a></li></ol></nav>\n";
}

void write_footer(std::ostringstream& o, const Page& p, const Frame& f) {
  const auto l = p.lang;
  static const std::array<FooterLink, 4> links{{
      {{"/accessibilite", "/en/accessibility"}, &Frame::accessibility},
      {{"/mentions-legales", "/en/legal-notice"}, &Frame::legal},
      {{"/donnees-personnelles", "/en/privacy"}, &Frame::privacy},
      {{"/donnees-ouvertes", "/en/open-data"}, &Frame::open_data},
  }};
  o << "<footer class=\"fr-footer\" role=\"contentinfo\" id=\"pied\"><div class=\"fr-container\">"
    << "<div class=\"fr-footer__body\"><div class=\"fr-footer__brand fr-enlarge-link\">"
    << "<a href=\"" << home_href(l) << "\" title=\"" << w(f.home_title, l)
    << "\"><p class=\"fr-logo\">Ville<br>de Paris</p></a></div>"
    << "<div class=\"fr-footer__content\"><p class=\"fr-footer__content-desc\">"
    << w(f.description, l) << "</p><ul class=\"fr-footer__content-list\">"
    << "<li class=\"fr-footer__content-item\"><a class=\"fr-footer__content-link\" href=\""
    << (l == Lang::fr ? "/repondre" : "/answer") << "\">" << w(f.answer, l) << "</a></li>"
    << "<li class=\"fr-footer__content-item\"><a class=\"fr-footer__content-link\" href=\""
    << (l == Lang::fr ? "/espace-membre" : "/member-space") << "\">" << w(f.member_space, l)
    << "</a></li></ul></div></div>"
    << "<div class=\"fr-footer__bottom\"><ul class=\"fr-footer__bottom-list\" aria-label=\""
    << w(f.footer_links, l) << "\">";
  for (const auto& link : links)
    o << "<li class=\"fr-footer__bottom-item\"><a class=\"fr-footer__bottom-link\" href=\""
      << w(link.href, l) << "\">" << w(f.*(link.label), l) << "</a></li>";
  // The other language, reachable without the script on a phone too.
  o << "<li class=\"fr-footer__bottom-item\"><a class=\"fr-footer__bottom-link\" href=\""
    << html_escape(other_href(p)) << "\" hreflang=\"" << code(other(l)) << "\" lang=\""
    << code(other(l)) << "\">" << w(f.other_lang, l) << "</a></li>";
  o << "</ul></div></div></footer>\n";
}

}  // namespace

const char* code(Lang lang) {
  return lang == Lang::fr ? "fr" : "en";
}

Lang other(Lang lang) {
  return lang == Lang::fr ? Lang::en : Lang::fr;
}

std::string home_href(Lang lang) {
  return lang == Lang::fr ? "/" : "/en/";
}

std::string render(const Page& p) {
  static const Frame f;
  const auto l = p.lang;
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << code(l) << "\" data-fr-scheme=\"light\">\n<head>\n"
    << "<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
    << html_escape(p.title) << " — " << w(f.site, l) << " — " << w(f.operator_name, l)
    << "</title>\n";
  if (!p.description.empty())
    o << "<meta name=\"description\" content=\"" << html_escape(p.description) << "\">\n";
  if (!p.other_lang_href.empty())
    o << "<link rel=\"alternate\" hreflang=\"" << code(other(l)) << "\" href=\""
      << html_escape(p.other_lang_href) << "\">\n";
  o << "<link rel=\"stylesheet\" href=\"/site/site.css\">\n"
    << "<script type=\"module\" src=\"/site/site.js\"></script>\n</head>\n<body>\n";
  write_header(o, p, f);
  o << "<main id=\"contenu\" tabindex=\"-1\" class=\"fr-container fr-pb-6w\">\n";
  if (!p.trail.empty()) write_trail(o, p, f);
  o << "<h1 class=\"fr-mt-4w\">" << html_escape(p.title) << "</h1>\n" << p.body << "</main>\n";
  write_footer(o, p, f);
  o << "</body>\n</html>\n";
  return o.str();
}

std::string long_date(const std::string& iso, Lang lang) {
  static const std::array<const char*, 12> fr{"janvier",   "février", "mars",     "avril",
                                              "mai",       "juin",    "juillet",  "août",
                                              "septembre", "octobre", "novembre", "décembre"};
  static const std::array<const char*, 12> en{"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  int year = 0, month = 0, day = 0;
  try {
    year = std::stoi(iso.substr(0, 4));
    month = std::stoi(iso.substr(5, 2));
    day = std::stoi(iso.substr(8, 2));
  } catch (...) {
    return iso;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  const auto m = static_cast<std::size_t>(month - 1);
  std::ostringstream o;
  if (lang == Lang::fr)
    o << (day == 1 ? "1er" : std::to_string(day)) << ' ' << fr[m] << ' ' << year;
  else
    o << day << ' ' << en[m] << ' ' << year;
  return o.str();
}

}  // namespace assembly::site
