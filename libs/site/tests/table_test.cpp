#include "assembly/site/table.h"

#include <gtest/gtest.h>

namespace site = assembly::site;

// The frame that scrolls a wide table on a phone can be reached with the keyboard, named by the
// caption, escaped once.
TEST(SiteTable, ItsScrollingFrameTakesTheFocusAndIsNamedByTheCaption) {
  const auto start = site::table_start("Jalons <2024>");
  EXPECT_NE(start.find("class=\"fr-table__container\" tabindex=\"0\" role=\"region\" "
                       "aria-label=\"Jalons &lt;2024&gt;\""),
            std::string::npos)
      << start;
  EXPECT_NE(start.find("<table>\n<caption>Jalons &lt;2024&gt;</caption>\n"), std::string::npos);
  const std::string end = site::table_end();
  EXPECT_EQ(end, "</table></div></div></div></div>\n");
}

// A whole table: its caption, the column headers, each row's first cell as the row's header, in
// the same frame.
TEST(SiteTable, AWholeTableInTheFrame) {
  const auto t = site::table("Votes", {"Choix", "Voix"}, {{"Pour", "3"}, {"Contre", "1"}});
  EXPECT_EQ(t.rfind(site::table_start("Votes"), 0), 0u) << t;
  EXPECT_NE(t.find("<div class=\"fr-table"), std::string::npos);
  EXPECT_NE(t.find("class=\"fr-table__container\" tabindex=\"0\""), std::string::npos)
      << "a frame that scrolls takes the keyboard's focus";
  EXPECT_NE(t.find("<caption>Votes</caption>"), std::string::npos);
  EXPECT_NE(t.find("<th scope=\"col\">Voix</th>"), std::string::npos);
  EXPECT_NE(t.find("<tr><th scope=\"row\">Pour</th><td>3</td></tr>"), std::string::npos);
  const std::string end = site::table_end();
  EXPECT_EQ(t.substr(t.size() - end.size()), end);
}
