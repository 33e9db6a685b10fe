#include "page/record.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "assembly/core/html.h"
#include "assembly/site/criteria.h"
#include "assembly/site/table.h"

namespace sortition::page {
namespace {

using assembly::core::html_escape;
using assembly::site::badge;
using assembly::site::category_label;
using assembly::site::Lang;
using assembly::site::pick;
using assembly::site::pool_label;
using assembly::site::table;
using assembly::site::value_label;
using nlohmann::json;

// Any field of the record, as HTML text: a number or a string alike is escaped (the record is
// stored JSON, and a field meant to be a number may hold text). Numbers in the page's language.
std::string str(const json& j, Lang l) {
  if (j.is_number_integer()) return assembly::site::number(j.dump(), l);
  return html_escape(j.is_null() ? "—" : j.is_string() ? j.get<std::string>() : j.dump());
}

std::string code_of(const json& j) {
  return j.is_string() ? j.get<std::string>() : j.is_null() ? "" : j.dump();
}

// A pool, a category and a value in words (escaped).
std::string pool_words(const json& pool, Lang l) {
  return html_escape(pool_label(code_of(pool), l));
}
std::string category_words(const json& category, Lang l) {
  return html_escape(category_label(code_of(category), l));
}
std::string value_words(const json& category, const json& value, Lang l) {
  return html_escape(value_label(code_of(category), code_of(value), l));
}

// The centiles of the record ("0", "10", "100", "25"…) in numeric order; a key that is not a
// number goes last.
std::vector<std::pair<double, const json*>> by_centile(const json& percentiles) {
  std::vector<std::pair<double, const json*>> out;
  if (!percentiles.is_object()) return out;
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

std::string percent(const json& v, Lang l, int decimals = 2) {
  if (!v.is_number()) return "—";
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", decimals, 100 * v.get<double>());
  return assembly::site::number(b, l) + (l == Lang::fr ? "\u00a0%" : "%");
}

// A hash, a seed or an id: code that breaks anywhere on a phone.
std::string code(const json& v, Lang l) {
  return "<code class=\"site-code\">" + str(v, l) + "</code>";
}

json text(const std::string& s) {
  return s;
}
json text(const std::optional<std::string>& s) {
  return s ? json(*s) : json();
}

// A list of terms and their descriptions.
struct Terms {
  std::string html = "<dl class=\"site-terms\">";
  void add(const std::string& term, const std::string& description) {
    html += "<dt>" + term + "</dt><dd>" + description + "</dd>";
  }
  std::string done() { return html + "</dl>\n"; }
};

// The fairness of one seat pool's draw: the algorithm, its fallbacks, the spread of the
// selection probabilities and their mean per quota value.
std::string fairness_html(const json& pool, Lang l) {
  if (!pool.contains("fairness") || !pool["fairness"].is_object()) return "";
  const auto& f = pool["fairness"];
  std::string h =
      std::string("<h3>") + pick(l, "Équité du tirage", "Fairness of the draw") + "</h3>\n";
  Terms t;
  t.add(pick(l, "Algorithme demandé", "Algorithm requested"), str(f["requested_algorithm"], l));
  t.add(pick(l, "Algorithme appliqué", "Algorithm applied"), str(f["algorithm"], l));
  if (f.contains("fallbacks") && f["fallbacks"].is_array())
    for (const auto& why : f["fallbacks"]) t.add(pick(l, "Repli", "Fallback"), str(why, l));
  if (!f.contains("min_probability")) {
    return h + t.done() + "<p>" +
           pick(l,
                "Tirage glouton historique : les probabilités de sélection ne sont pas calculées.",
                "Historical greedy draw: the selection probabilities are not computed.") +
           "</p>\n";
  }
  t.add(pick(l, "Probabilité de sélection minimale", "Lowest selection probability"),
        percent(f["min_probability"], l));
  t.add(pick(l, "Probabilité de sélection maximale", "Highest selection probability"),
        percent(f["max_probability"], l));
  t.add(pick(l, "Borne prouvée (certificat dual)", "Proven bound (dual certificate)"),
        percent(f["certificate_bound"], l, 4));
  t.add(pick(l, "Panels possibles dans la distribution", "Possible panels in the distribution"),
        str(f["panels"], l));
  t.add(pick(l, "Panel tiré", "Panel drawn"),
        str(f["drawn_panel"], l) + pick(l, " (probabilité ", " (probability ") +
            percent(f["drawn_panel_probability"], l, 4) + ")");
  h += t.done();
  // One row per centile: a phone reads it without scrolling sideways.
  std::vector<std::vector<std::string>> rows;
  for (const auto& [at, v] : by_centile(f["percentiles"])) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", at);
    const std::string nth = l == Lang::fr ? std::string(b) + "<sup>e</sup>" : std::string(b);
    rows.push_back({at < 1e9 ? nth : "—", percent(*v, l)});
  }
  h += table(pick(l, "Probabilité de sélection par centile des volontaires",
                  "Selection probability by centile of the volunteers"),
             {pick(l, "Centile", "Centile"), pick(l, "Probabilité", "Probability")}, rows);
  rows.clear();
  if (f.contains("by_value") && f["by_value"].is_array())
    for (const auto& v : f["by_value"])
      rows.push_back(
          {category_words(v["category"], l) + " : " + value_words(v["category"], v["value"], l),
           str(v["respondents"], l), percent(v["mean_probability"], l)});
  h += table(
      pick(l, "Probabilité moyenne de sélection par valeur", "Mean selection probability by value"),
      {pick(l, "Critère : valeur", "Criterion: value"), pick(l, "Volontaires", "Volunteers"),
       pick(l, "Probabilité moyenne", "Mean probability")},
      rows);
  return h;
}

// The invitation draws behind the selection: letters sent and answers, then what re-runs each.
std::string invitations_html(const json& rec, Lang l) {
  std::string h = std::string("<h2>") +
                  pick(l, "Les lettres d’invitation", "The invitation letters") + "</h2>\n";
  if (!rec.contains("invitation_draws") || !rec["invitation_draws"].is_array() ||
      rec["invitation_draws"].empty())
    return h + "<p>" +
           pick(l, "Ce tirage ne nomme aucun tirage d’invitations.",
                "This draw names no invitation draw.") +
           "</p>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : rec["invitation_draws"]) {
    std::string rate = "—";
    if (d["invited"].is_number() && d["respondents"].is_number() && d["invited"].get<double>() > 0)
      rate = percent(d["respondents"].get<double>() / d["invited"].get<double>(), l, 1);
    rows.push_back({pool_words(d["pool"], l), str(d["pool_size"], l), str(d["invited"], l),
                    str(d["respondents"], l), rate});
  }
  h += table(
      pick(l, "Lettres envoyées et réponses, par vivier", "Letters sent and answers, by pool"),
      {pick(l, "Vivier", "Pool"), pick(l, "Personnes dans le vivier", "People in the pool"),
       pick(l, "Lettres envoyées", "Letters sent"),
       pick(l, "Volontaires (réponses reçues)", "Volunteers (answers received)"),
       pick(l, "Taux de réponse", "Answer rate")},
      rows);
  for (const auto& d : rec["invitation_draws"]) {
    h += std::string("<h3>") + pick(l, "Vivier «\u00a0", "Pool “") + pool_words(d["pool"], l) +
         pick(l, "\u00a0» : le tirage des invitations", "”: the draw of the invitations") +
         "</h3>\n";
    Terms t;
    t.add(pick(l, "Empreinte de l’extrait du vivier (SHA-256)", "Pool snapshot hash (SHA-256)"),
          code(d["snapshot_sha256"], l));
    t.add(pick(l, "Graine", "Seed"), code(d["seed"], l));
    t.add(pick(l, "Empreinte du résultat (SHA-256)", "Result hash (SHA-256)"),
          code(d["result_sha256"], l));
    if (d.contains("id") && d["id"].is_string())
      t.add(pick(l, "Procès-verbal complet (JSON)", "Full record (JSON)"),
            "<a href=\"/api/sortition/v1/invitation-draws/" + html_escape(code_of(d["id"])) +
                "\">" + pick(l, "le tirage des invitations", "the invitation draw") + "</a>");
    h += t.done();
  }
  return h;
}

// How anyone re-runs an invitation draw and checks the seed against its commitment.
std::string verify_html(const store::Selection& sel, Lang l) {
  const auto& rec = sel.record;
  std::string h = std::string("<h2>") +
                  pick(l, "Refaire le tirage soi-même", "Re-run the draw yourself") + "</h2>\n<p>" +
                  pick(l,
                       "Chacun peut vérifier que le tirage n’a pas été arrangé : la graine a été "
                       "engagée (son empreinte publiée) avant le tirage, et le tirage des "
                       "invitations se refait à l’identique à partir de l’extrait du vivier et "
                       "de la graine.",
                       "Anyone can check that the draw was not arranged: the seed was committed "
                       "(its hash published) before the draw, and the invitation draw is re-run "
                       "identically from the pool snapshot and the seed.") +
                  "</p>\n<ol class=\"site-steps\">";
  const auto seed = html_escape(sel.seed.value_or(pick(l, "GRAINE", "SEED")));
  h += std::string("<li>") +
       pick(l, "Vérifiez la graine du tirage des membres : la commande ",
            "Check the seed of the members’ draw: the command ") +
       "<code class=\"site-code\">printf '%s' '" + seed + "' | sha256sum</code>" +
       pick(l, " doit afficher l’engagement publié avant le tirage, ",
            " must print the commitment published before the draw, ") +
       code(text(sel.seed_commitment), l) + ".</li>";
  h += std::string("<li>") +
       pick(l,
            "Procurez-vous l’extrait pseudonyme du vivier publié par la Ville (un fichier CSV "
            "<code>person_id,sex,birth_year,arrondissement</code>) et vérifiez son empreinte : ",
            "Get the pseudonymous pool snapshot the City publishes (a CSV file "
            "<code>person_id,sex,birth_year,arrondissement</code>) and check its hash: ") +
       "<code class=\"site-code\">sha256sum " + pick(l, "vivier", "pool") + ".csv</code>" +
       pick(l, " doit afficher l’empreinte de l’extrait ci-dessus.",
            " must print the snapshot hash above.") +
       "</li>";
  h += std::string("<li>") +
       pick(l,
            "Construisez l’outil <code>sortition-verify</code> depuis le code source de la suite "
            "(<code>ops/install &amp;&amp; ops/build</code> ; il est alors dans "
            "<code>build/bin</code>).",
            "Build the <code>sortition-verify</code> tool from the suite’s source code "
            "(<code>ops/install &amp;&amp; ops/build</code>; it is then in "
            "<code>build/bin</code>).") +
       "</li>";
  h += std::string("<li>") +
       pick(l, "Refaites chaque tirage des invitations :", "Re-run each invitation draw:");
  if (rec.contains("invitation_draws") && rec["invitation_draws"].is_array())
    for (const auto& d : rec["invitation_draws"])
      h += std::string("<pre class=\"site-code\"><code>sortition-verify --snapshot ") +
           pick(l, "vivier", "pool") + ".csv --seed '" + str(d["seed"], l) + "' --count " +
           html_escape(code_of(d["invited"])) + " \\\n  --expect-snapshot-hash " +
           str(d["snapshot_sha256"], l) + " \\\n  --expect-result-hash " +
           str(d["result_sha256"], l) + "</code></pre>";
  h += std::string("<p>") +
       pick(l,
            "Ajoutez <code>--stratify-by</code> et sa colonne quand le tirage était stratifié (son "
            "procès-verbal complet le dit).",
            "Add <code>--stratify-by</code> and its column when the draw was stratified (its full "
            "record says so).") +
       "</p></li>";
  h += std::string("<li>") +
       pick(l,
            "L’outil affiche les identifiants pseudonymes des personnes invitées, dans l’ordre du "
            "tirage, puis l’empreinte du résultat ; il se termine par le code 0 quand les deux "
            "empreintes attendues correspondent, par 1 (et une ligne <code>MISMATCH</code>) "
            "sinon.",
            "The tool prints the pseudonymous ids of the people invited, in draw order, then the "
            "result hash; it exits with 0 when both expected hashes match, with 1 (and a "
            "<code>MISMATCH</code> line) otherwise.") +
       "</li></ol>\n";
  return h;
}

const char* state_words(domain::SelectionState s, Lang l) {
  switch (s) {
    case domain::SelectionState::done:
      return pick(l, "Tiré", "Drawn");
    case domain::SelectionState::failed:
      return pick(l, "Échoué", "Failed");
    case domain::SelectionState::cancelled:
      return pick(l, "Annulé par le secrétariat", "Cancelled by the secretariat");
    default:
      return pick(l, "Pas encore tiré", "Not drawn yet");
  }
}

}  // namespace

std::string record_href(const std::string& selection_id, Lang lang) {
  return (lang == Lang::fr ? "/tirages/" : "/en/draws/") + selection_id;
}

assembly::site::Page record_page(const store::Selection& sel, Lang l,
                                 const std::optional<std::string>& signed_record) {
  assembly::site::Page p;
  p.lang = l;
  p.title = pick(l, "Procès-verbal du tirage au sort", "Record of the draw by lot");
  p.description = pick(l,
                       "Le procès-verbal public du tirage au sort des membres de l’Assemblée "
                       "citoyenne : engagement sur la graine, empreintes, quotas, équité.",
                       "The public record of the draw by lot of the Citizens’ Assembly’s "
                       "members: seed commitment, hashes, quotas, fairness.");
  p.other_lang_href = record_href(sel.id, assembly::site::other(l));
  p.trail = {assembly::site::assembly_link(sel.assembly_id, l)};
  const bool done = sel.state == domain::SelectionState::done;
  const auto& rec = sel.record;
  const json none;
  auto field = [&](const char* key) -> const json& {
    return rec.is_object() && rec.contains(key) ? rec[key] : none;
  };
  std::string h = std::string("<p class=\"fr-text--lead\">") +
                  pick(l,
                       "Comment les membres de l’assemblée ont été tirés au sort, et de quoi "
                       "refaire le tirage. Aucun nom ne figure dans ce procès-verbal.",
                       "How the assembly’s members were drawn by lot, and what re-runs the draw. "
                       "No name appears in this record.") +
                  "</p>\n<h2>" + pick(l, "Le tirage", "The draw") + "</h2>\n";
  Terms t;
  t.add(pick(l, "État", "State"),
        badge(state_words(sel.state, l), done ? "success"
                                         : sel.state == domain::SelectionState::failed ||
                                                 sel.state == domain::SelectionState::cancelled
                                             ? "error"
                                             : "info"));
  t.add(pick(l, "Tirage", "Draw"), code(text(sel.id), l));
  t.add(pick(l, "Assemblée", "Assembly"), code(text(sel.assembly_id), l));
  t.add(pick(l, "Algorithme", "Algorithm"), code(done ? field("algorithm") : none, l));
  t.add(pick(l, "Engagement sur la graine (SHA-256)", "Seed commitment (SHA-256)"),
        code(text(sel.seed_commitment), l));
  t.add(pick(l, "Graine", "Seed"), code(text(sel.seed), l));
  t.add(pick(l, "Empreinte des données d’entrée (SHA-256)", "Input hash (SHA-256)"),
        code(text(sel.input_sha256), l));
  t.add(pick(l, "Empreinte du résultat (SHA-256)", "Result hash (SHA-256)"),
        code(text(sel.result_sha256), l));
  t.add(pick(l, "Date", "Date"),
        sel.finished_at ? html_escape(assembly::site::paris_date_time(*sel.finished_at, l)) : "—");
  h += t.done();
  if (!done) {
    h += std::string("<p>") +
         pick(l,
              "Le tirage n’a pas encore eu lieu : l’engagement sur la graine est publié d’avance, "
              "la graine le sera au moment du tirage.",
              "The draw has not taken place yet: the seed commitment is published beforehand, the "
              "seed will be at the draw.") +
         "</p>\n";
    p.body = h;
    return p;
  }
  h += invitations_html(rec, l);
  if (rec.contains("seat_pools") && rec["seat_pools"].is_array())
    for (const auto& pool : rec["seat_pools"]) {
      h += std::string("<h2>") + pick(l, "Vivier «\u00a0", "Pool “") + pool_words(pool["pool"], l) +
           pick(l, "\u00a0» : ", "”: ") + str(pool["seats"], l) + pick(l, " sièges, ", " seats, ") +
           str(pool["respondents"], l) + pick(l, " volontaires, ", " volunteers, ") +
           str(pool["households"], l) + pick(l, " foyers", " households") + "</h2>\n";
      if (pool.contains("categories") && pool["categories"].is_array())
        for (const auto& c : pool["categories"]) {
          std::vector<std::vector<std::string>> rows;
          if (c.contains("values") && c["values"].is_array())
            for (const auto& v : c["values"])
              rows.push_back({value_words(c["category"], v["value"], l), str(v["min"], l),
                              str(v["max"], l), str(v["panel"], l), percent(v["panel_share"], l, 1),
                              str(v["respondents"], l), percent(v["respondent_share"], l, 1)});
          h += table(category_label(code_of(c["category"]), l),
                     {pick(l, "Valeur", "Value"), pick(l, "Min", "Min"), pick(l, "Max", "Max"),
                      pick(l, "Panel", "Panel"), pick(l, "Part du panel", "Share of the panel"),
                      pick(l, "Volontaires", "Volunteers"),
                      pick(l, "Part des volontaires", "Share of the volunteers")},
                     rows);
        }
      h += fairness_html(pool, l);
    }
  h += verify_html(sel, l);
  if (signed_record)
    h += std::string("<p>") +
         pick(l, "Le procès-verbal signé par l’huissier est conservé avec le tirage : ",
              "The record signed by the bailiff is kept with the draw: ") +
         "<a href=\"/api/sortition/v1/documents/" + html_escape(*signed_record) + "\">" +
         pick(l, "procès-verbal signé (PDF)", "signed record (PDF)") + "</a>.</p>\n";
  h += std::string("<p>") +
       pick(l, "Le même procès-verbal en JSON : ", "The same record as JSON: ") +
       "<a href=\"/api/sortition/v1/selections/" + html_escape(sel.id) + "/record\">" +
       pick(l, "procès-verbal du tirage (JSON)", "record of the draw (JSON)") + "</a>.</p>\n";
  p.body = h;
  return p;
}

}  // namespace sortition::page
