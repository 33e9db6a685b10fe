#pragma once
// The words, in French and English, of the codes the draws use for their seat pools, criteria and
// values (`roll`, `gender`, `F`, `age_band`, `18-24`, `arrondissement`, `05`…), for the site's
// pages. A code the glossary does not know is shown as it is: a city that adds its own categories
// sees its own codes until they are added here.
#include <string>

#include "assembly/site/page.h"

namespace assembly::site {

std::string pool_label(const std::string& pool, Lang lang);
std::string category_label(const std::string& category, Lang lang);
std::string value_label(const std::string& category, const std::string& value, Lang lang);

}  // namespace assembly::site
