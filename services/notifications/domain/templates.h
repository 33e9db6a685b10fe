#pragma once
// The message templates, kept as files in services/notifications/templates and built into the
// binary (CMakeLists.txt): "<kind>.<fr|en>.txt", "footer.<fr|en>.txt", "layout.html".
#include <string_view>

namespace notifications::domain {

// The file's text; empty when there is no such file.
std::string_view template_file(std::string_view name);

}  // namespace notifications::domain
