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
