#include "assembly/site/table.h"

#include "assembly/core/html.h"

namespace assembly::site {

std::string table_start(const std::string& caption) {
  const auto c = assembly::core::html_escape(caption);
  return "<div class=\"fr-table fr-table--multiline\"><div class=\"fr-table__wrapper\"><div "
         "class=\"fr-table__container\" "
         "tabindex=\"0\" role=\"region\" aria-label=\"" +
         c + "\"><div class=\"fr-table__content\"><table>\n<caption>" + c + "</caption>\n";
}

const char* table_end() {
  return "</table></div></div></div></div>\n";
}

}  // namespace assembly::site
