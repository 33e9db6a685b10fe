#include "page/labels.h"

#include <map>
#include <utility>

namespace sortition::page {
namespace {

const std::string& or_code(const std::map<std::string, std::string, std::less<>>& words,
                           const std::string& code) {
  auto it = words.find(code);
  return it == words.end() ? code : it->second;
}

}  // namespace

std::string pool_label(const std::string& pool) {
  static const std::map<std::string, std::string, std::less<>> words{
      {"roll", "liste électorale"},
      {"non-eu-residents", "résidents non européens"},
      {"minors", "résidents de 16 et 17 ans"},
  };
  return or_code(words, pool);
}

std::string category_label(const std::string& category) {
  static const std::map<std::string, std::string, std::less<>> words{
      {"gender", "Genre"},
      {"age_band", "Tranche d'âge"},
      {"age", "Âge"},
      {"diploma", "Diplôme"},
      {"arrondissement", "Arrondissement"},
      {"occupation", "Catégorie socioprofessionnelle"},
      {"housing", "Logement"},
  };
  return or_code(words, category);
}

std::string value_label(const std::string& category, const std::string& value) {
  static const std::map<std::pair<std::string, std::string>, std::string> words{
      {{"gender", "F"}, "Femmes"},
      {{"gender", "M"}, "Hommes"},
      {{"gender", "X"}, "Autre"},
      {{"diploma", "none"}, "Sans diplôme"},
      {{"diploma", "bac"}, "Baccalauréat"},
      {{"diploma", "bac+2/3"}, "Bac + 2 ou 3"},
      {{"diploma", "bac+5"}, "Bac + 5 ou plus"},
  };
  if (auto it = words.find({category, value}); it != words.end()) return it->second;
  if (category == "age_band" || category == "age") {
    if (!value.empty() && value.back() == '+')
      return value.substr(0, value.size() - 1) + " ans et plus";
    auto dash = value.find('-');
    if (dash != std::string::npos)
      return value.substr(0, dash) + " à " + value.substr(dash + 1) + " ans";
    return value + " ans";
  }
  if (category == "arrondissement" && value.size() == 2 && value[0] >= '0' && value[0] <= '9' &&
      value[1] >= '0' && value[1] <= '9') {
    const int n = std::stoi(value);
    return std::to_string(n) + (n == 1 ? "er" : "e");
  }
  return value;
}

}  // namespace sortition::page
