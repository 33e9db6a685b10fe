#pragma once
// The public transparency page and the open-data files, rendered from one tree (the JSON the
// open-data export also serves; fields in the service README). Pure: no HTTP, SQL or Kafka.
#include <nlohmann/json.hpp>
#include <string>

#include "assembly/site/page.h"

namespace followup::page {

using Lang = assembly::site::Lang;

// The page in the site's frame (docs/site.md): semantic headings, DSFR tables with captions and
// header cells, progress with its text, states as badges said in words (never by colour alone),
// the overdue flag, readable and usable without JavaScript.
assembly::site::Page transparency_page(const nlohmann::json& tree, Lang lang);
// The whole HTML document of that page.
std::string render_html(const nlohmann::json& tree, Lang lang);
// "/transparence/{id}", "/en/transparency/{id}".
std::string transparency_href(const std::string& assembly_id, Lang lang);

// One line per commitment (with its motion, recommendation and the Council's decision).
std::string commitments_csv(const nlohmann::json& tree);
// One line per milestone.
std::string milestones_csv(const nlohmann::json& tree);

}  // namespace followup::page
