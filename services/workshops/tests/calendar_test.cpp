#include "domain/calendar.h"

#include <gtest/gtest.h>

using namespace workshops::domain;

TEST(Calendar, EventsAreEscapedFoldedAndCancelledOnesSaySo) {
  CalendarEvent e{"s-1",
                  "2022-01-10T18:00:00Z",
                  "2022-01-10T20:00:00Z",
                  "Audition; énergie, climat",
                  "Hôtel de Ville, salle 1",
                  "Ordre du jour\nPoint 1",
                  "cancelled",
                  2};
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
  for (std::size_t at = 0; (at = folded.find("\r\n", at)) != std::string::npos; at += 2)
    EXPECT_LE(at % 78, 77u);
  EXPECT_EQ(folded.substr(folded.size() - 4), "é\r\n") << "a UTF-8 sequence is never cut";
}
