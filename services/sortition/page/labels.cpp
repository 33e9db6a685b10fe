#include "page/labels.h"

#include <map>
#include <utility>

namespace sortition::page {
namespace {

using Words = std::pair<std::string, std::string>;  // French, English

std::string or_code(const std::map<std::string, Words, std::less<>>& words, const std::string& code,
                    Lang lang) {
  auto it = words.find(code);
  if (it == words.end()) return code;
  return lang == Lang::fr ? it->second.first : it->second.second;
}

}  // namespace

std::string pool_label(const std::string& pool, Lang lang) {
  static const std::map<std::string, Words, std::less<>> words{
      {"roll", {"liste électorale", "electoral roll"}},
      {"non-eu-residents", {"résidents non européens", "non-EU residents"}},
      {"minors", {"résidents de 16 et 17 ans", "residents aged 16 and 17"}},
  };
  return or_code(words, pool, lang);
}

std::string category_label(const std::string& category, Lang lang) {
  static const std::map<std::string, Words, std::less<>> words{
      {"gender", {"Genre", "Gender"}},
      {"age_band", {"Tranche d'âge", "Age band"}},
      {"age", {"Âge", "Age"}},
      {"diploma", {"Diplôme", "Qualification"}},
      {"arrondissement", {"Arrondissement", "Arrondissement"}},
      {"occupation", {"Catégorie socioprofessionnelle", "Occupation"}},
      {"housing", {"Logement", "Housing"}},
  };
  return or_code(words, category, lang);
}

std::string value_label(const std::string& category, const std::string& value, Lang lang) {
  const bool fr = lang == Lang::fr;
  static const std::map<std::pair<std::string, std::string>, Words> words{
      {{"gender", "F"}, {"Femmes", "Women"}},
      {{"gender", "M"}, {"Hommes", "Men"}},
      {{"gender", "X"}, {"Autre", "Other"}},
      {{"diploma", "none"}, {"Sans diplôme", "No qualification"}},
      {{"diploma", "bac"}, {"Baccalauréat", "Baccalauréat (A-level)"}},
      {{"diploma", "bac+2/3"}, {"Bac + 2 ou 3", "2 or 3 years of higher education"}},
      {{"diploma", "bac+5"}, {"Bac + 5 ou plus", "5 years of higher education or more"}},
  };
  if (auto it = words.find({category, value}); it != words.end())
    return fr ? it->second.first : it->second.second;
  if (category == "age_band" || category == "age") {
    if (!value.empty() && value.back() == '+')
      return value.substr(0, value.size() - 1) + (fr ? " ans et plus" : " and over");
    auto dash = value.find('-');
    if (dash != std::string::npos)
      return fr ? value.substr(0, dash) + " à " + value.substr(dash + 1) + " ans"
                : value.substr(0, dash) + " to " + value.substr(dash + 1);
    return value + (fr ? " ans" : "");
  }
  if (category == "arrondissement" && value.size() == 2 && value[0] >= '0' && value[0] <= '9' &&
      value[1] >= '0' && value[1] <= '9') {
    const int n = std::stoi(value);
    if (fr) return std::to_string(n) + (n == 1 ? "er" : "e");
    const char* th = n % 10 == 1 && n != 11   ? "st"
                     : n % 10 == 2 && n != 12 ? "nd"
                     : n % 10 == 3 && n != 13 ? "rd"
                                              : "th";
    return std::to_string(n) + th;
  }
  return value;
}

}  // namespace sortition::page
