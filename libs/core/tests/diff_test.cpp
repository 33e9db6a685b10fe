#include "assembly/core/diff.h"

#include <gtest/gtest.h>

using namespace assembly::core;

namespace {
std::string ops(const std::vector<DiffLine>& d) {
  std::string s;
  for (const auto& l : d) s += std::string(1, l.op) + l.text + "|";
  return s;
}
}  // namespace

TEST(Versions, TheDiffKeepsRemovesAndAddsLines) {
  EXPECT_EQ(ops(diff_lines("a\nb\nc\n", "a\nc\nd\n")), "=a|-b|=c|+d|");
  EXPECT_EQ(ops(diff_lines("", "x\ny")), "+x|+y|");
  EXPECT_EQ(ops(diff_lines("x\ny", "")), "-x|-y|");
  EXPECT_EQ(ops(diff_lines("same\r\ntext", "same\ntext")), "=same|=text|")
      << "line endings do not count";
  EXPECT_EQ(render_diff(diff_lines("a\nb", "a\nB")), "  a\n- b\n+ B\n");
}

TEST(Versions, TheDiffRebuildsBothVersions) {
  std::string older = "# Carnet\nAxe 1\nAxe 2\nAudition A\nVisite B\nConclusion\n";
  std::string newer =
      "# Carnet de synthèse\nAxe 1\nAxe 3\nAudition A\nAudition C\nVisite B\nConclusion\n";
  std::string a, b;
  for (const auto& l : diff_lines(older, newer)) {
    if (l.op != '+') a += l.text + "\n";
    if (l.op != '-') b += l.text + "\n";
  }
  EXPECT_EQ(a, older);
  EXPECT_EQ(b, newer);
}
