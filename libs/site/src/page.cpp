#include "assembly/site/page.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>
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

Link assembly_link(const std::string& assembly_id, Lang lang) {
  return {(lang == Lang::fr ? "/assemblee/" : "/en/assembly/") + assembly_id,
          lang == Lang::fr ? "L’assemblée" : "The assembly"};
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

namespace {

// "2026-03-11T17:30[:00[.123]][Z|+00:00]" as seconds since the epoch; nullopt for anything else.
std::optional<std::time_t> parse_utc(const std::string& s) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = digits(0, 4) - 1900;
  tm.tm_mon = digits(5, 2) - 1;
  tm.tm_mday = digits(8, 2);
  tm.tm_hour = digits(11, 2);
  tm.tm_min = digits(14, 2);
  std::size_t at = 16;
  if (at < s.size() && s[at] == ':') {
    tm.tm_sec = digits(at + 1, 2);
    at += 3;
    if (at < s.size() && s[at] == '.')
      for (++at; at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]));) ++at;
  }
  const auto rest = s.substr(at);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
      tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
      tm.tm_sec > 60 || !(rest.empty() || rest == "Z" || rest == "+00:00" || rest == "+00"))
    return std::nullopt;
  return timegm(&tm);
}

// 01:00 UTC on the last Sunday of the month (0-based) of the year.
std::time_t last_sunday_1am(int year, int month) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = 31;
  tm.tm_hour = 1;
  auto t = timegm(&tm);
  std::tm back{};
  gmtime_r(&t, &back);
  return t - static_cast<std::time_t>(back.tm_wday) * 24 * 3600;
}

// The clock in Paris at the instant.
std::optional<std::tm> paris(const std::string& utc) {
  const auto t = parse_utc(utc);
  if (!t) return std::nullopt;
  std::tm u{};
  gmtime_r(&*t, &u);
  const int year = u.tm_year + 1900;
  const bool summer = *t >= last_sunday_1am(year, 2) && *t < last_sunday_1am(year, 9);
  const std::time_t local = *t + (summer ? 2 : 1) * 3600;
  std::tm out{};
  gmtime_r(&local, &out);
  return out;
}

std::string clock(const std::tm& tm, Lang lang) {
  char b[40];
  if (lang == Lang::fr)
    std::snprintf(b, sizeof b, "%d\u00a0h\u00a0%02d", tm.tm_hour, tm.tm_min);
  else
    std::snprintf(b, sizeof b, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return b;
}

}  // namespace

std::string theme_title(const std::string& theme, Lang lang) {
  static const std::array<std::array<const char*, 3>, 3> titles{{
      {"social-education", "Affaires sociales et éducation", "Social affairs & education"},
      {"environment", "Environnement", "Environment"},
      {"public-space", "Espace public", "Public space"},
  }};
  for (const auto& t : titles)
    if (theme == t[0]) return lang == Lang::fr ? t[1] : t[2];
  return "";
}

std::string paris_date(const std::string& utc, Lang lang) {
  const auto tm = paris(utc);
  if (!tm) return utc;
  char day[40];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);
  return long_date(day, lang);
}

std::string paris_date_time(const std::string& utc, Lang lang) {
  const auto tm = paris(utc);
  if (!tm) return utc;
  return paris_date(utc, lang) + (lang == Lang::fr ? " à " : " at ") + clock(*tm, lang);
}

std::string paris_time(const std::string& utc, Lang lang) {
  const auto tm = paris(utc);
  return tm ? clock(*tm, lang) : utc;
}

std::string number(const std::string& decimal, Lang lang) {
  const auto point = decimal.find('.');
  const std::size_t first = (!decimal.empty() && decimal[0] == '-') ? 1 : 0;
  const auto end = point == std::string::npos ? decimal.size() : point;
  if (end == first) return decimal;
  for (std::size_t i = 0; i < decimal.size(); ++i)
    if (i != point && i != 0 && !std::isdigit(static_cast<unsigned char>(decimal[i])))
      return decimal;
  if (first == 0 && !std::isdigit(static_cast<unsigned char>(decimal[0]))) return decimal;
  auto out = decimal;
  if (point != std::string::npos) out[point] = lang == Lang::fr ? ',' : '.';
  const char* gap = lang == Lang::fr ? "\u202f" : ",";
  for (auto at = end; at > first + 3; at -= 3) out.insert(at - 3, gap);
  return out;
}

std::string number(long long n, Lang lang) {
  return number(std::to_string(n), lang);
}

std::string counted(long long n, Noun fr, Noun en, Lang lang) {
  const bool one = lang == Lang::fr ? (n == 0 || n == 1) : n == 1;
  const Noun& noun = lang == Lang::fr ? fr : en;
  return number(n, lang) + " " + (one ? noun.one : noun.many);
}

std::string paragraphs(const std::string& text) {
  std::string h, para;
  auto flush = [&] {
    if (!para.empty()) h += "<p>" + para + "</p>";
    para.clear();
  };
  std::size_t at = 0;
  while (at <= text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    auto line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos)
      flush();
    else
      para += (para.empty() ? "" : "<br>") + html_escape(line);
    at = end + 1;
  }
  flush();
  return h;
}

std::string badge(const std::string& words, const std::string& kind) {
  return "<span class=\"fr-badge fr-badge--sm" + (kind.empty() ? "" : " fr-badge--" + kind) +
         "\">" + words + "</span>";
}

}  // namespace assembly::site
