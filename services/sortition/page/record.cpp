#include "page/record.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "assembly/core/html.h"
#include "page/labels.h"

namespace sortition::page {
namespace {

using assembly::core::html_escape;
using nlohmann::json;

// Any field of the record, as HTML text: a number or a string alike is escaped (the record is
// stored JSON, and a field meant to be a number may hold text).
// French numbers: a decimal comma, and thousands set apart by a narrow no-break space.
std::string french(std::string number) {
  auto point = number.find('.');
  if (point != std::string::npos) number[point] = ',';
  auto end = point == std::string::npos ? number.size() : point;
  const std::size_t first = (!number.empty() && number[0] == '-') ? 1 : 0;
  for (auto at = end; at > first + 3; at -= 3) number.insert(at - 3, "\u202f");
  return number;
}

std::string str(const json& j) {
  if (j.is_number_integer()) return french(j.dump());
  return html_escape(j.is_null() ? "—" : j.is_string() ? j.get<std::string>() : j.dump());
}

std::string code_of(const json& j) {
  return j.is_string() ? j.get<std::string>() : j.is_null() ? "" : j.dump();
}

// A pool, a category and a value in French words (escaped).
std::string pool_words(const json& pool) {
  return html_escape(pool_label(code_of(pool)));
}
std::string category_words(const json& category) {
  return html_escape(category_label(code_of(category)));
}
std::string value_words(const json& category, const json& value) {
  return html_escape(value_label(code_of(category), code_of(value)));
}

// The centiles of the record ("0", "10", "100", "25"…) in numeric order; a key that is not a
// number goes last.
std::vector<std::pair<double, const json*>> by_centile(const json& percentiles) {
  std::vector<std::pair<double, const json*>> out;
  for (const auto& [q, v] : percentiles.items()) {
    double at = 1e9;
    try {
      std::size_t used = 0;
      at = std::stod(q, &used);
      if (used != q.size()) at = 1e9;
    } catch (const std::exception&) {
    }
    out.emplace_back(at, &v);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::string percent(const json& v, int decimals = 2) {
  if (!v.is_number()) return "—";
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", decimals, 100 * v.get<double>());
  return french(b) + "\u00a0%";
}

// The fairness of one seat pool's draw: the algorithm, its fallbacks, the spread of the
// selection probabilities and their mean per quota value.
std::string fairness_html(const json& pool) {
  if (!pool.contains("fairness") || !pool["fairness"].is_object()) return "";
  const auto& f = pool["fairness"];
  std::string h = "<h3>Équité du tirage</h3>\n<dl>";
  auto item = [&](const std::string& k, const std::string& v) {
    h += "<dt>" + k + "</dt><dd>" + v + "</dd>";
  };
  item("Algorithme demandé", str(f["requested_algorithm"]));
  item("Algorithme appliqué", str(f["algorithm"]));
  for (const auto& why : f["fallbacks"]) item("Repli", str(why));
  if (f.contains("min_probability")) {
    item("Probabilité de sélection minimale", percent(f["min_probability"]));
    item("Probabilité de sélection maximale", percent(f["max_probability"]));
    item("Borne prouvée (certificat dual)", percent(f["certificate_bound"], 4));
    item("Panels possibles dans la distribution", str(f["panels"]));
    item("Panel tiré",
         str(f["drawn_panel"]) + " (probabilité " + percent(f["drawn_panel_probability"], 4) + ")");
    // One row per centile: a phone reads it without scrolling sideways.
    h += "</dl>\n<table><caption>Probabilité de sélection par centile des "
         "volontaires</caption><thead><tr><th scope=\"col\">Centile</th><th "
         "scope=\"col\">Probabilité</th></tr></thead><tbody>";
    for (const auto& [at, v] : by_centile(f["percentiles"])) {
      char b[32];
      std::snprintf(b, sizeof b, "%g", at);
      h += "<tr><th scope=\"row\">" + (at < 1e9 ? std::string(b) + "<sup>e</sup>" : "—") +
           "</th><td>" + percent(*v) + "</td></tr>";
    }
    h += "</tbody></table>\n<table><caption>Probabilité moyenne de sélection par "
         "valeur</caption><thead><tr>"
         "<th scope=\"col\">Critère</th><th scope=\"col\">Valeur</th><th "
         "scope=\"col\">Volontaires</th>"
         "<th scope=\"col\">Probabilité moyenne</th></tr></thead><tbody>";
    for (const auto& v : f["by_value"])
      h += "<tr><td>" + category_words(v["category"]) + "</td><td>" +
           value_words(v["category"], v["value"]) + "</td><td>" + str(v["respondents"]) +
           "</td><td>" + percent(v["mean_probability"]) + "</td></tr>";
    h += "</tbody></table>\n";
  } else {
    h += "</dl>\n<p>Tirage glouton historique : les probabilités de sélection ne sont pas "
         "calculées.</p>\n";
  }
  return h;
}

json text(const std::string& s) {
  return s;
}
json text(const std::optional<std::string>& s) {
  return s ? json(*s) : json();
}

}  // namespace

// The bailiff's record, printable: the same facts as the JSON record.
std::string record_html(const store::Selection& sel) {
  const auto& rec = sel.record;
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><title>Procès-verbal du "
      "tirage au sort " +
      html_escape(sel.id) +
      "</title><style>body{font-family:serif;max-width:60em;margin:2em "
      "auto;color:#111}table{border-collapse:collapse;"
      "margin:1em 0}th,td{border:1px solid #444;padding:.2em "
      ".5em;text-align:right}th:first-child,td:first-child{"
      "text-align:left}@media print{body{margin:0}}"
      // A phone: the hashes break anywhere, the tables keep within the width.
      "body{overflow-wrap:anywhere;padding:0 .5em}@media (max-width:40em){body{margin:.5em "
      "auto}table{font-size:.8em}th,td{padding:.1em .2em}td{overflow-wrap:normal}}"
      "</style></head><body>\n<main>\n<h1>Procès-verbal du "
      "tirage au sort</h1>\n<dl>";
  auto item = [&](const std::string& k, const json& v) {
    h += "<dt>" + k + "</dt><dd><code>" + str(v) + "</code></dd>";
  };
  item("Tirage", text(sel.id));
  item("Assemblée", text(sel.assembly_id));
  item("Algorithme", rec["algorithm"]);
  item("Engagement sur la graine (SHA-256)", text(sel.seed_commitment));
  item("Graine", text(sel.seed));
  item("Empreinte des données d'entrée (SHA-256)", text(sel.input_sha256));
  item("Empreinte du résultat (SHA-256)", text(sel.result_sha256));
  item("Date", text(sel.finished_at));
  h += "</dl>\n<h2>Tirages des invitations</h2>\n<ul>";
  if (rec.contains("invitation_draws"))
    for (const auto& d : rec["invitation_draws"])
      h += "<li>Vivier « " + pool_words(d["pool"]) + " » de " + str(d["pool_size"]) +
           " personnes (empreinte " + str(d["snapshot_sha256"]) + ") : " + str(d["invited"]) +
           " invitations (graine <code>" + str(d["seed"]) + "</code>, empreinte " +
           str(d["result_sha256"]) + "), " + str(d["respondents"]) + " volontaires</li>";
  h += "</ul>\n";
  for (const auto& p : rec["seat_pools"]) {
    h += "<h2>Vivier « " + pool_words(p["pool"]) + " » : " + str(p["seats"]) + " sièges, " +
         str(p["respondents"]) + " volontaires, " + str(p["households"]) + " foyers</h2>\n";
    for (const auto& c : p["categories"]) {
      h += "<table><caption>" + category_words(c["category"]) +
           "</caption><thead><tr><th scope=\"col\">Valeur</th><th scope=\"col\">Min</th><th "
           "scope=\"col\">Max</th>"
           "<th scope=\"col\">Panel</th><th scope=\"col\">Part du panel</th><th "
           "scope=\"col\">Volontaires</th>"
           "<th scope=\"col\">Part des volontaires</th></tr></thead><tbody>";
      for (const auto& v : c["values"]) {
        h += "<tr><td>" + value_words(c["category"], v["value"]) + "</td><td>" + str(v["min"]) +
             "</td><td>" + str(v["max"]) + "</td><td>" + str(v["panel"]) + "</td><td>" +
             percent(v["panel_share"], 1) + "</td><td>" + str(v["respondents"]) + "</td><td>" +
             percent(v["respondent_share"], 1) + "</td></tr>";
      }
      h += "</tbody></table>\n";
    }
    h += fairness_html(p);
  }
  h += "<p>Aucun nom ne figure dans ce procès-verbal. Signature de l'huissier : "
       "____________________</p>\n</main></body></html>\n";
  return h;
}

}  // namespace sortition::page
