#pragma once
// The words of the record, in French and English, for the codes a quota set and a pool use
// (`gender`, `F`, `age_band`, `non-eu-residents`…). A code the glossary does not know is shown as
// it is: a city that adds its own categories sees its own codes until they are added here.
#include <string>

#include "assembly/site/page.h"

namespace sortition::page {

using assembly::site::Lang;

std::string pool_label(const std::string& pool, Lang lang);
std::string category_label(const std::string& category, Lang lang);
std::string value_label(const std::string& category, const std::string& value, Lang lang);

}  // namespace sortition::page
