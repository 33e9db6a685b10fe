#include "domain/roll.h"

#include <gtest/gtest.h>

using namespace sortition::domain;

namespace {
struct Parsed {
  bool ok;
  RollRow row;
  LineError error;
};
Parsed parse(const std::string& line) {
  Parsed p{};
  p.ok = parse_roll_line(line, 7, "2026-01-01", p.row, p.error);
  return p;
}
const std::string kGood = "751234567,Dupont,Marie Anne,1980-02-29,F,\"12, rue de Rivoli\",75004,4";
}  // namespace

TEST(RollCsv, AGoodLineIsReadWithQuotedCommas) {
  auto p = parse(kGood);
  ASSERT_TRUE(p.ok) << p.error.reason;
  EXPECT_EQ(p.row.voter_id, "751234567");
  EXPECT_EQ(p.row.first_names, "Marie Anne");
  EXPECT_EQ(p.row.address, "12, rue de Rivoli");
  EXPECT_EQ(p.row.birth_year, 1980);
  EXPECT_EQ(p.row.arrondissement, "4");
  EXPECT_TRUE(parse(kGood + "\r").ok) << "CRLF line ends";
  EXPECT_TRUE(parse("1,\"O\"\"Brien\",Seán,2000-01-01,M,1 rue X,75001,1").ok)
      << "doubled quotes, UTF-8";
}

TEST(RollCsv, EachKindOfBadLineIsRefusedNamingTheColumn) {
  struct Case {
    std::string line, column, reason_part;
  };
  std::vector<Case> cases = {
      {"751234567,Dupont,Marie,1980-02-30,F,1 rue X,75004,4", "birth_date", "not a date"},
      {"751234567,Dupont,Marie,1979-02-29,F,1 rue X,75004,4", "birth_date", "not a date"},
      {"751234567,Dupont,Marie,2030-01-01,F,1 rue X,75004,4", "birth_date", "outside"},
      {"751234567,Dupont,Marie,12/01/1980,F,1 rue X,75004,4", "birth_date", "not a date"},
      {"751234567,,Marie,1980-01-01,F,1 rue X,75004,4", "last_name", "missing"},
      {"751234567,Dupont,Marie,1980-01-01,F,1 rue X,75004", "", "7 columns"},
      {"751234567,Dupont,Marie,1980-01-01,F,1 rue X,75004,4,extra", "", "9 columns"},
      {"751234567,Dupont,Marie,1980-01-01,W,1 rue X,75004,4", "sex", "not F, M or X"},
      {"751234567,Dupont,Marie,1980-01-01,F,1 rue X,7500A,4", "postcode", "5 digits"},
      {"75 1234567,Dupont,Marie,1980-01-01,F,1 rue X,75004,4", "voter_id", "only letters"},
      {"751234567,Dupont,\"Marie,1980-01-01,F,1 rue X,75004,4", "", "unterminated"},
      {"751234567,Du\xff"
       "pont,Marie,1980-01-01,F,1 rue X,75004,4",
       "", "UTF-8"},
      {"751234567,Dupont,Marie,1980-01-01,F,1 rue X,75004,\"4,5\"", "arrondissement", "comma"},
  };
  for (const auto& c : cases) {
    auto p = parse(c.line);
    EXPECT_FALSE(p.ok) << c.line;
    EXPECT_EQ(p.error.line, 7) << c.line;
    EXPECT_EQ(p.error.column, c.column) << c.line;
    EXPECT_NE(p.error.reason.find(c.reason_part), std::string::npos)
        << c.line << " -> " << p.error.reason;
  }
}

// An error is kept with the import job (and shown to the secretariat): its reason names the column
// and the rule, never the value, which may be a voter id, a birth date or a postcode.
TEST(RollCsv, AnErrorSaysWhatIsWrongWithoutRepeatingTheValue) {
  for (const char* line : {"V4711,Dupont,Marie,1980-02-30,F,1 rue X,75004,4",
                           "V4711,Dupont,Marie,2031-07-19,F,1 rue X,75004,4",
                           "V4711,Dupont,Marie,19/07/1980,F,1 rue X,75004,4",
                           "V4711,Dupont,Marie,1980-07-19,Wq,1 rue X,75004,4",
                           "V4711,Dupont,Marie,1980-07-19,F,1 rue X,7500Q,4"}) {
    auto p = parse(line);
    ASSERT_FALSE(p.ok) << line;
    for (const char* value : {"1980-02-30", "2031-07-19", "19/07/1980", "Wq", "7500Q", "V4711"})
      EXPECT_EQ(p.error.reason.find(value), std::string::npos) << line << " -> " << p.error.reason;
  }
}

TEST(RollCsv, TheHeaderMustBeTheDocumentedLayout) {
  EXPECT_EQ(check_roll_header(
                "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement"),
            "");
  EXPECT_EQ(
      check_roll_header("\xEF\xBB\xBFVoter_ID, "
                        "last_name,first_names,birth_date,sex,address,postcode,arrondissement\r"),
      "");
  EXPECT_NE(check_roll_header("voter_id,last_name,first_names,birth_date,sex,address,postcode"),
            "");
  EXPECT_NE(
      check_roll_header("id,last_name,first_names,birth_date,sex,address,postcode,arrondissement")
          .find("voter_id"),
      std::string::npos);
}

TEST(RollCsv, Utf8ValidationRefusesOverlongAndSurrogates) {
  EXPECT_TRUE(valid_utf8("Élodie Müller 東京"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(valid_utf8("abc\xE2\x82"));   // cut
}
