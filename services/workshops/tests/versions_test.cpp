#include <gtest/gtest.h>

#include "domain/calendar.h"
#include "domain/versions.h"

using namespace workshops::domain;

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
  EXPECT_EQ(ops(diff_lines("same\r\ntext", "same\ntext")), "=same|=text|") << "line endings do not count";
  EXPECT_EQ(render_diff(diff_lines("a\nb", "a\nB")), "  a\n- b\n+ B\n");
}

TEST(Versions, TheDiffRebuildsBothVersions) {
  std::string older = "# Carnet\nAxe 1\nAxe 2\nAudition A\nVisite B\nConclusion\n";
  std::string newer = "# Carnet de synthèse\nAxe 1\nAxe 3\nAudition A\nAudition C\nVisite B\nConclusion\n";
  std::string a, b;
  for (const auto& l : diff_lines(older, newer)) {
    if (l.op != '+') a += l.text + "\n";
    if (l.op != '-') b += l.text + "\n";
  }
  EXPECT_EQ(a, older);
  EXPECT_EQ(b, newer);
}

TEST(Calendar, EventsAreEscapedFoldedAndCancelledOnesSaySo) {
  CalendarEvent e{"s-1", "2022-01-10T18:00:00Z", "2022-01-10T20:00:00Z", "Audition; énergie, climat",
                  "Hôtel de Ville, salle 1", "Ordre du jour\nPoint 1", "cancelled", 2};
  auto ics = render_calendar("Atelier environnement", {e}, "2022-01-01T00:00:00Z");
  EXPECT_NE(ics.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20220110T180000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Audition\\; énergie\\, climat\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DESCRIPTION:Ordre du jour\\nPoint 1\r\n"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SEQUENCE:2\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  std::string longline = "DESCRIPTION:" + std::string(100, 'e') + "é";
  auto folded = ics_fold(longline);
  EXPECT_EQ(folded.find("\r\n "), 75u);
  for (std::size_t at = 0; (at = folded.find("\r\n", at)) != std::string::npos; at += 2) EXPECT_LE(at % 78, 77u);
  EXPECT_EQ(folded.substr(folded.size() - 4), "é\r\n") << "a UTF-8 sequence is never cut";
}
