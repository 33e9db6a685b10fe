#include "assembly/core/html.h"

#include <gtest/gtest.h>

using assembly::core::html_escape;

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(HtmlEscape, LeavesOtherTextAndUtf8Alone) {
  EXPECT_EQ(html_escape("Assemblée citoyenne — 11 mars"), "Assemblée citoyenne — 11 mars");
  EXPECT_EQ(html_escape(""), "");
}
