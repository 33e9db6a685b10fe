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

std::string table(const std::string& caption, const std::vector<std::string>& columns,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string h = table_start(caption) + "<thead><tr>";
  for (const auto& c : columns) h += "<th scope=\"col\">" + c + "</th>";
  h += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    h += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      h += i == 0 ? "<th scope=\"row\">" + row[i] + "</th>" : "<td>" + row[i] + "</td>";
    h += "</tr>";
  }
  return h + "</tbody>" + table_end();
}

}  // namespace assembly::site
