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
