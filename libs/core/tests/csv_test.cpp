#include "assembly/core/csv.h"

#include <gtest/gtest.h>

using assembly::core::csv_text;
using assembly::core::CsvQuote;

TEST(Csv, EveryFormulaOrCommandStartIsDefused) {
  EXPECT_EQ(csv_text("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_text("+33 1 23"), "'+33 1 23");
  EXPECT_EQ(csv_text("-1+1"), "'-1+1");
  EXPECT_EQ(csv_text("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_text("\t=1+1"), "'\t=1+1");
  EXPECT_EQ(csv_text("\r=1+1"), "\"'\r=1+1\"");
  EXPECT_EQ(csv_text("=1", CsvQuote::always), "\"'=1\"");
}

TEST(Csv, QuotesPerRfc4180) {
  EXPECT_EQ(csv_text("plain"), "plain");
  EXPECT_EQ(csv_text(""), "");
  EXPECT_EQ(csv_text("a,\"b\""), "\"a,\"\"b\"\"\"");
  EXPECT_EQ(csv_text("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_text(" padded "), "\" padded \"");
  EXPECT_EQ(csv_text("Dupont", CsvQuote::always), "\"Dupont\"");
  EXPECT_EQ(csv_text("", CsvQuote::always), "\"\"");
  EXPECT_EQ(csv_text("1, rue \"X\"", CsvQuote::always), "\"1, rue \"\"X\"\"\"");
}

namespace {

using assembly::core::csv_rows;
using Rows = std::vector<std::vector<std::string>>;

TEST(CsvRows, ReadsWhatTheWriterWrote) {
  std::string file = "code,name,address\n";
  const Rows cells = {{"AB-12", "Zoé Lefèvre", "3, rue \"des\" Lilas\nbâtiment B"},
                      {"CD-34", "=1+1", "-5 avenue"},
                      {"EF-56", "", " espace "}};
  for (const auto& r : cells) {
    file += csv_text(r[0]) + "," + csv_text(r[1], assembly::core::CsvQuote::always) + "," +
            csv_text(r[2]) + "\n";
  }
  auto rows = csv_rows(file);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"code", "name", "address"}));
  for (std::size_t i = 0; i < cells.size(); ++i) EXPECT_EQ((*rows)[i + 1], cells[i]);
}

// Found by the fuzzer (tests/fuzz/csv_fuzz.cpp): a text that already started with an apostrophe
// before a formula ("'=1", "'\t") lost it when read back.
TEST(CsvRows, ApostrophesBeforeAFormulaReadBackAsWritten) {
  for (std::string text : {"'=1", "''=1", "'\t\t", "'-", "'", "''", "'a", "=1"}) {
    const auto rows = assembly::core::csv_rows(csv_text(text) + "\r\n");
    ASSERT_TRUE(rows) << text;
    EXPECT_EQ(*rows, (std::vector<std::vector<std::string>>{{text}})) << text;
  }
  EXPECT_EQ(csv_text("'=1"), "''=1");
  EXPECT_EQ(csv_text("'a"), "'a");
}

TEST(CsvRows, CrlfEmptyCellsAndNoLastLineBreak) {
  auto rows = csv_rows("a,,c\r\n,b,\r\nx");
  ASSERT_TRUE(rows);
  EXPECT_EQ(*rows, (Rows{{"a", "", "c"}, {"", "b", ""}, {"x"}}));
  auto trailing = csv_rows("a,");
  ASSERT_TRUE(trailing);
  EXPECT_EQ(*trailing, (Rows{{"a", ""}}));
  auto none = csv_rows("");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(CsvRows, RefusesABrokenFileSayingWhere) {
  std::string error;
  EXPECT_FALSE(csv_rows("a,b\nc,\"open", &error));
  EXPECT_EQ(error, "line 2, cell 2: a quoted cell is not closed");
  EXPECT_FALSE(csv_rows("a,b\"c\n", &error));
  EXPECT_EQ(error, "line 1, cell 2: a quote inside a cell that is not quoted");
  EXPECT_FALSE(csv_rows("\"a\"b,c\n", &error));
  EXPECT_EQ(error, "line 1, cell 1: text after a quoted cell's closing quote");
}

}  // namespace
