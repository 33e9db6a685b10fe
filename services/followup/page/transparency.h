#pragma once
// The public transparency page and the open-data files, rendered from one tree (the JSON the
// open-data export also serves; fields in the service README). Pure: no HTTP, SQL or Kafka.
#include <nlohmann/json.hpp>
#include <string>

namespace followup::page {

enum class Lang { fr, en };

// A whole HTML document: semantic headings, tables with captions and header cells, progress with
// its text, states said in words (never by colour alone), readable and usable without JavaScript.
std::string render_html(const nlohmann::json& tree, Lang lang);

// One line per commitment (with its motion, recommendation and the Council's decision).
std::string commitments_csv(const nlohmann::json& tree);
// One line per milestone.
std::string milestones_csv(const nlohmann::json& tree);

// "2023-03-11" -> "11 mars 2023" / "11 March 2023"; anything else is returned as it is.
std::string long_date(const std::string& iso, Lang lang);

}  // namespace followup::page
