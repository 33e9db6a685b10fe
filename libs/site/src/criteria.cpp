#include "assembly/site/criteria.h"

#include <algorithm>
#include <map>
#include <utility>

namespace assembly::site {
namespace {

using Words = std::pair<const char*, const char*>;  // French, English

std::string said(const Words& w, Lang lang) {
  return lang == Lang::fr ? w.first : w.second;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1er", "2e" / "1st", "2nd", "3rd", "11th".
std::string ordinal(int n, Lang lang) {
  if (lang == Lang::fr) return std::to_string(n) + (n == 1 ? "er" : "e");
  const int tens = n % 100, units = n % 10;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : units == 1               ? "st"
                       : units == 2               ? "nd"
                       : units == 3               ? "rd"
                                                  : "th";
  return std::to_string(n) + suffix;
}

}  // namespace

std::string pool_label(const std::string& pool, Lang lang) {
  static const std::map<std::string, Words, std::less<>> words{
      {"roll", {"Inscrits sur les listes électorales", "On the electoral roll"}},
      {"non-eu-residents",
       {"Résidents étrangers non européens", "Residents from outside the European Union"}},
      {"minors", {"Résidents de 16 et 17 ans", "Residents aged 16 and 17"}},
  };
  auto it = words.find(pool);
  return it == words.end() ? pool : said(it->second, lang);
}

std::string category_label(const std::string& category, Lang lang) {
  static const std::map<std::string, Words, std::less<>> words{
      {"gender", {"Genre", "Gender"}},
      {"sex", {"Sexe", "Sex"}},
      {"age_band", {"Tranche d’âge", "Age band"}},
      {"age", {"Âge", "Age"}},
      {"diploma", {"Diplôme", "Qualification"}},
      {"arrondissement", {"Arrondissement", "Arrondissement"}},
      {"occupation", {"Catégorie socioprofessionnelle", "Occupation"}},
      {"housing", {"Logement", "Housing"}},
  };
  auto it = words.find(category);
  return it == words.end() ? category : said(it->second, lang);
}

std::string value_label(const std::string& category, const std::string& value, Lang lang) {
  static const std::map<std::pair<std::string, std::string>, Words> words{
      {{"gender", "F"}, {"Femmes", "Women"}},
      {{"gender", "M"}, {"Hommes", "Men"}},
      {{"gender", "X"}, {"Autre", "Other"}},
      {{"sex", "F"}, {"Femmes", "Women"}},
      {{"sex", "M"}, {"Hommes", "Men"}},
      {{"sex", "female"}, {"Femmes", "Women"}},
      {{"sex", "male"}, {"Hommes", "Men"}},
      {{"diploma", "none"}, {"Sans diplôme", "No qualification"}},
      {{"diploma", "bac"}, {"Baccalauréat", "Baccalauréat (end of secondary school)"}},
      {{"diploma", "bac+2/3"}, {"Bac + 2 ou 3", "Two or three years of higher education"}},
      {{"diploma", "bac+5"}, {"Bac + 5 ou plus", "Five years of higher education or more"}},
  };
  if (auto it = words.find({category, value}); it != words.end()) return said(it->second, lang);
  const bool fr = lang == Lang::fr;
  if (category == "age_band" || category == "age") {
    if (!value.empty() && value.back() == '+')
      return value.substr(0, value.size() - 1) + (fr ? " ans et plus" : " and over");
    const auto dash = value.find('-');
    if (dash != std::string::npos)
      return value.substr(0, dash) + (fr ? " à " : " to ") + value.substr(dash + 1) +
             (fr ? " ans" : "");
    return value + (fr ? " ans" : "");
  }
  if (category == "arrondissement" && all_digits(value)) return ordinal(std::stoi(value), lang);
  return value;
}

}  // namespace assembly::site
