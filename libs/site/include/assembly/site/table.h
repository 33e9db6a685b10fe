#pragma once
// A table of the site's pages in the DSFR's markup, its cells wrapping their text (multiline): the
// frame around the <table> scrolls sideways when the table is still wider than a narrow screen,
// and so takes the keyboard focus (a region named by the table's caption), so that everyone can
// scroll it, without JavaScript.
#include <string>
#include <vector>

namespace assembly::site {

// Everything up to and including the <table> and its <caption> (`caption`: plain text, escaped).
std::string table_start(const std::string& caption);
// The closing of what table_start opened.
const char* table_end();

// A whole table in that frame: its caption (plain text, escaped), its column headers, its rows;
// the first cell of each row is the row's header. Headers and cells are HTML already (escape text
// with assembly::core::html_escape).
std::string table(const std::string& caption, const std::vector<std::string>& columns,
                  const std::vector<std::vector<std::string>>& rows);

}  // namespace assembly::site
