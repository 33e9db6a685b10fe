#pragma once
// HTML text for the suite's server-rendered pages: one escaper for every page.
#include <string>

namespace assembly::core {

// Text made safe inside HTML elements and quoted attribute values (& < > " ').
std::string html_escape(const std::string& s);

}  // namespace assembly::core
