// The pieces the routes, the worker and the event handlers share: array literals for batch
// statements, the records' states, the printable draw record.
#include <gtest/gtest.h>

#include <string>

#include "assembly/db/arrays.h"
#include "domain/states.h"
#include "page/record.h"

using namespace sortition;
using assembly::site::Lang;

namespace {
// The whole document of the record's page on the site.
std::string record_html(const store::Selection& s, Lang lang = Lang::fr) {
  return assembly::site::render(page::record_page(s, lang));
}
}  // namespace

TEST(StoreArrays, TextElementsAreQuotedWithQuotesAndBackslashesEscaped) {
  EXPECT_EQ(assembly::db::text_array({}), "{}");
  EXPECT_EQ(assembly::db::text_array({"a", "b\"c", "d\\e", "", "NULL", "x,y"}),
            R"({"a","b\"c","d\\e","","NULL","x,y"})");
}

TEST(StoreArrays, NumbersAndNulls) {
  EXPECT_EQ(assembly::db::int_array(std::vector<int>{0, -1, 42}), "{0,-1,42}");
  EXPECT_EQ(assembly::db::int_array(std::vector<std::int64_t>{1350000}), "{1350000}");
  const double third = 1.0 / 3;
  auto a = assembly::db::float8_array({third, std::nullopt});
  ASSERT_EQ(a.substr(a.size() - 6), ",NULL}");
  EXPECT_EQ(std::stod(a.substr(1, a.size() - 7)), third) << "read back exactly";
}

TEST(DomainStates, EachStateReadsBackAndNothingElseParses) {
  using domain::SelectionState;
  for (auto s : {SelectionState::committed, SelectionState::queued, SelectionState::running,
                 SelectionState::done, SelectionState::failed})
    EXPECT_EQ(domain::parse_selection_state(domain::to_string(s)), s);
  EXPECT_EQ(domain::to_string(SelectionState::running), "running");
  EXPECT_FALSE(domain::parse_selection_state("Done"));
  EXPECT_EQ(domain::parse_list_kind("reserve"), domain::ListKind::reserve);
  EXPECT_EQ(domain::parse_invitation_draw_state("drawn"), domain::InvitationDrawState::drawn);
  EXPECT_EQ(domain::parse_pool_state("importing"), domain::PoolState::importing);
  EXPECT_EQ(domain::parse_respondent_state("withdrawn"), domain::RespondentState::withdrawn);
  EXPECT_FALSE(domain::parse_respondent_state(""));
}

TEST(RecordPage, EscapesWhatItShowsAndMarksWhatIsMissing) {
  store::Selection s;
  s.id = "sel-1";
  s.assembly_id = "<script>";
  s.seed_commitment = "abc";
  s.state = domain::SelectionState::done;
  s.record = {{"algorithm", "leximin/1"},
              {"seat_pools",
               {{{"pool", "roll"},
                 {"seats", 2},
                 {"respondents", 3},
                 {"households", 3},
                 {"categories",
                  {{{"category", "gender"},
                    {"values",
                     {{{"value", "a&b"},
                       {"min", 1},
                       {"max", 2},
                       {"panel", 1},
                       {"panel_share", 0.5},
                       {"respondents", 2},
                       {"respondent_share", 2.0 / 3}}}}}}}}}}};
  auto html = record_html(s);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("a&amp;b"), std::string::npos);
  EXPECT_NE(html.find("<dt>Graine</dt><dd><code class=\"site-code\">—</code></dd>"),
            std::string::npos)
      << "no seed shown as a dash";
  EXPECT_NE(html.find("50,0\u00a0%"), std::string::npos);
  // In the site's frame: laid out for a phone's width, one main landmark holding the record.
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width"), std::string::npos);
  EXPECT_LT(html.find("<main"), html.find("<h1"));
  EXPECT_LT(html.find("Aucun nom ne figure dans ce procès-verbal"), html.find("</main>"));
  // The Content Security Policy refuses inline styles and scripts.
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find("style=\""), std::string::npos);
}

// The record is JSON stored by the service: a field meant to be a number that holds text (a
// record written by an older version, or edited in the database) is escaped like any text.
TEST(RecordPage, NumericFieldsAreEscapedToo) {
  using nlohmann::json;
  const std::string bad = "<img src=x onerror=alert(1)>";
  store::Selection s;
  s.id = "sel-1";
  s.assembly_id = "a";
  s.seed_commitment = "abc";
  s.state = domain::SelectionState::done;
  s.record = {{"algorithm", "leximin/1"},
              {"invitation_draws",
               {{{"pool", "roll"},
                 {"pool_size", bad},
                 {"snapshot_sha256", "h"},
                 {"invited", bad},
                 {"seed", "s"},
                 {"result_sha256", "r"},
                 {"respondents", bad}}}},
              {"seat_pools",
               {{{"pool", "roll"},
                 {"seats", bad},
                 {"respondents", bad},
                 {"households", bad},
                 {"categories",
                  {{{"category", "gender"},
                    {"values",
                     {{{"value", "F"},
                       {"min", bad},
                       {"max", bad},
                       {"panel", bad},
                       {"panel_share", 0.5},
                       {"respondents", bad},
                       {"respondent_share", 0.5}}}}}}},
                 {"fairness",
                  {{"requested_algorithm", "leximin"},
                   {"algorithm", "leximin"},
                   {"fallbacks", json::array()},
                   {"min_probability", 0.1},
                   {"max_probability", 0.2},
                   {"certificate_bound", 0.1},
                   {"panels", bad},
                   {"drawn_panel", bad},
                   {"drawn_panel_probability", 0.5},
                   {"percentiles", json::object()},
                   {"by_value",
                    {{{"category", "gender"},
                      {"value", "F"},
                      {"respondents", bad},
                      {"mean_probability", 0.1}}}}}}}}}};
  auto html = record_html(s);
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

// The record speaks French: the codes of the pools, categories and values in words, and the
// centile columns in numeric order (0, 10, 25, 100), not in the text order of the JSON keys.
TEST(RecordPage, CodesInFrenchWordsAndCentilesInNumericOrder) {
  using nlohmann::json;
  store::Selection s;
  s.id = "sel-1";
  s.assembly_id = "a";
  s.seed_commitment = "abc";
  s.state = domain::SelectionState::done;
  auto value = [](const char* v) {
    return json{{"value", v},           {"min", 0},         {"max", 1},
                {"panel", 1},           {"panel_share", 1}, {"respondents", 1},
                {"respondent_share", 1}};
  };
  s.record = {{"algorithm", "leximin/1"},
              {"invitation_draws",
               {{{"pool", "roll"},
                 {"pool_size", 1350000},
                 {"snapshot_sha256", "h"},
                 {"invited", 10000},
                 {"seed", "s"},
                 {"result_sha256", "r"},
                 {"respondents", 750}}}},
              {"seat_pools",
               {{{"pool", "non-eu-residents"},
                 {"seats", 1},
                 {"respondents", 1},
                 {"households", 1},
                 {"categories",
                  {{{"category", "gender"}, {"values", {value("F")}}},
                   {{"category", "age_band"}, {"values", {value("18-24"), value("65+")}}},
                   {{"category", "diploma"}, {"values", {value("bac+5")}}},
                   {{"category", "arrondissement"}, {"values", {value("01"), value("13")}}},
                   {{"category", "hair"}, {"values", {value("<red>")}}}}},
                 {"fairness",
                  {{"requested_algorithm", "leximin"},
                   {"algorithm", "leximin"},
                   {"fallbacks", json::array()},
                   {"min_probability", 0.1},
                   {"max_probability", 0.2},
                   {"certificate_bound", 0.1},
                   {"panels", 2},
                   {"drawn_panel", 1},
                   {"drawn_panel_probability", 0.5},
                   {"percentiles", {{"0", 0.1}, {"10", 0.11}, {"100", 0.2}, {"25", 0.12}}},
                   {"by_value",
                    {{{"category", "gender"},
                      {"value", "M"},
                      {"respondents", 1},
                      {"mean_probability", 0.1}}}}}}}}}};
  const auto html = record_html(s);
  for (const char* words :
       {"Vivier «\u00a0Résidents étrangers non européens\u00a0»", "<caption>Genre</caption>",
        ">Femmes</th>", ">Genre : Hommes</th>", "<caption>Tranche d’âge</caption>",
        ">18 à 24 ans</th>", ">65 ans et plus</th>", ">Bac + 5 ou plus</th>", ">1er</th>",
        ">13e</th>", "<caption>hair</caption>", ">&lt;red&gt;</th>"})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  EXPECT_EQ(html.find("non-eu-residents"), std::string::npos);
  EXPECT_NE(html.find("<td>1\u202f350\u202f000</td>"), std::string::npos) << "French numbers";
  EXPECT_NE(html.find("<td>10\u202f000</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>7,5\u00a0%</td>"), std::string::npos) << "the answer rate";
  const auto c0 = html.find(">0<sup>e</sup></th>");
  const auto c10 = html.find(">10<sup>e</sup></th>");
  const auto c25 = html.find(">25<sup>e</sup></th>");
  const auto c100 = html.find(">100<sup>e</sup></th>");
  ASSERT_NE(c100, std::string::npos) << html;
  EXPECT_LT(c0, c10);
  EXPECT_LT(c10, c25);
  EXPECT_LT(c25, c100);
  const auto p10 = html.find("<td>11,00\u00a0%</td>");
  const auto p25 = html.find("<td>12,00\u00a0%</td>");
  const auto p100 = html.find("<td>20,00\u00a0%</td>");
  EXPECT_LT(p10, p25);
  EXPECT_LT(p25, p100);
}

namespace {
store::Selection drawn_selection() {
  using nlohmann::json;
  store::Selection s;
  s.id = "0b6c5f59-0a51-4a8e-9f57-3e6a1a8d2c11";
  s.assembly_id = "paris-2026";
  s.seed_commitment = "c0ffee";
  s.seed = "the seed";
  s.result_sha256 = "r35ult";
  s.finished_at = "2026-07-01T16:05:00Z";
  s.state = domain::SelectionState::done;
  s.record = {{"algorithm", "leximin"},
              {"invitation_draws",
               {{{"id", "d-1"},
                 {"pool", "roll"},
                 {"pool_size", 1350000},
                 {"snapshot_sha256", "5napshot"},
                 {"invited", 10000},
                 {"seed", "letters"},
                 {"result_sha256", "1nvited"},
                 {"respondents", 750}}}},
              {"seat_pools",
               {{{"pool", "non-eu-residents"},
                 {"seats", 1},
                 {"respondents", 1},
                 {"households", 1},
                 {"categories",
                  {{{"category", "gender"},
                    {"values",
                     {{{"value", "F"},
                       {"min", 0},
                       {"max", 1},
                       {"panel", 1},
                       {"panel_share", 1},
                       {"respondents", 1},
                       {"respondent_share", 1}}}}}}},
                 {"fairness",
                  {{"requested_algorithm", "leximin"},
                   {"algorithm", "leximin"},
                   {"fallbacks", json::array()},
                   {"min_probability", 0.1},
                   {"max_probability", 0.2},
                   {"certificate_bound", 0.1},
                   {"panels", 2},
                   {"drawn_panel", 1},
                   {"drawn_panel_probability", 0.5},
                   {"percentiles", {{"0", 0.1}, {"100", 0.2}, {"25", 0.12}}},
                   {"by_value", json::array()}}}}}}};
  return s;
}
}  // namespace

// The same record in English: words, numbers and dates of the language, the twin's address.
TEST(RecordPage, EnglishWordsNumbersAndTwin) {
  const auto html = record_html(drawn_selection(), Lang::en);
  for (const char* words :
       {"<html lang=\"en\"", "Record of the draw by lot",
        "Pool “Residents from outside the European Union”", "<caption>Gender</caption>",
        ">Women</th>", "<td>1,350,000</td>", "<td>10,000</td>", "<td>7.5%</td>",
        "1 July 2026 at 18:05", "Fairness of the draw",
        "href=\"/tirages/0b6c5f59-0a51-4a8e-9f57-3e6a1a8d2c11\" hreflang=\"fr\""})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  EXPECT_EQ(html.find("Vivier"), std::string::npos) << "no French left";
  EXPECT_EQ(html.find("non-eu-residents"), std::string::npos);
  EXPECT_LT(html.find(">25</th>"), html.find(">100</th>"));
}

// How to re-run the draw: the seed against its commitment, then sortition-verify with the
// values of each invitation draw filled in.
TEST(RecordPage, SaysHowToRerunTheDrawWithItsValues) {
  const auto html = record_html(drawn_selection());
  EXPECT_NE(html.find("printf '%s' 'the seed' | sha256sum"), std::string::npos);
  EXPECT_NE(html.find("sortition-verify --snapshot vivier.csv --seed 'letters' --count 10000 "
                      "\\\n  --expect-snapshot-hash 5napshot \\\n  --expect-result-hash 1nvited"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("href=\"/api/sortition/v1/invitation-draws/d-1\""), std::string::npos);
  EXPECT_NE(html.find("1er juillet 2026 à 18\u00a0h\u00a005"), std::string::npos) << "Paris time";
}

// Before the draw: the commitment is public already, the seed is not; a clear page, no tables.
TEST(RecordPage, BeforeTheDrawTheCommitmentAlone) {
  store::Selection s;
  s.id = "sel-2";
  s.assembly_id = "a";
  s.seed_commitment = "c0ffee";
  s.state = domain::SelectionState::committed;
  for (auto lang : {Lang::fr, Lang::en}) {
    const auto html = record_html(s, lang);
    EXPECT_NE(html.find("c0ffee"), std::string::npos);
    EXPECT_NE(html.find(lang == Lang::fr ? "Pas encore tiré" : "Not drawn yet"), std::string::npos);
    EXPECT_EQ(html.find("<table"), std::string::npos);
    EXPECT_EQ(html.find("sortition-verify"), std::string::npos);
  }
}
