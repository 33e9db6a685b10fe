#pragma once
// The French words of the record for the codes a quota set and a pool use (`gender`, `F`,
// `age_band`, `non-eu-residents`…). A code the glossary does not know is shown as it is: a city
// that adds its own categories sees its own codes until they are added here.
#include <string>

namespace sortition::page {

std::string pool_label(const std::string& pool);
std::string category_label(const std::string& category);
std::string value_label(const std::string& category, const std::string& value);

}  // namespace sortition::page
