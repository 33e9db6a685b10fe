// The pieces the routes, the worker and the event handlers share: array literals for batch
// statements, the records' states, the printable draw record.
#include <gtest/gtest.h>

#include <string>

#include "assembly/db/arrays.h"
#include "domain/states.h"
#include "page/record.h"

using namespace sortition;

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
  auto html = page::record_html(s);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("a&amp;b"), std::string::npos);
  EXPECT_NE(html.find("<dt>Graine</dt><dd><code>—</code></dd>"), std::string::npos)
      << "no seed shown as a dash";
  EXPECT_NE(html.find("50,0\u00a0%"), std::string::npos);
  // On a phone: laid out for its width, one main landmark holding the whole record.
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"),
            std::string::npos);
  EXPECT_LT(html.find("<main>"), html.find("<h1>"));
  EXPECT_LT(html.find("Signature de l'huissier"), html.find("</main>"));
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
  auto html = page::record_html(s);
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
  const auto html = page::record_html(s);
  for (const char* words :
       {"Vivier « résidents non européens »", "<caption>Genre</caption>", "<td>Femmes</td>",
        "<td>Hommes</td>", "<caption>Tranche d&#39;âge</caption>", "<td>18 à 24 ans</td>",
        "<td>65 ans et plus</td>", "<td>Bac + 5 ou plus</td>", "<td>1er</td>", "<td>13e</td>",
        "<caption>hair</caption>", "<td>&lt;red&gt;</td>"})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  EXPECT_EQ(html.find("non-eu-residents"), std::string::npos);
  EXPECT_NE(html.find("de 1\u202f350\u202f000 personnes"), std::string::npos) << "French numbers";
  EXPECT_NE(html.find("10\u202f000 invitations"), std::string::npos);
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
