#pragma once
// The people of a panel-selection instance, read from the two layouts the field uses:
//  - the Sortition Foundation's `people.csv` (an `id` column, one column per quota category, and
//    address columns), with `features.csv` for the quotas;
//  - the Nature replication package's `respondents.csv` (one column per category, no id: the
//    0-based row number is the id), with `categories.csv`.
// Quota files are read by domain::parse_quotas, which knows both layouts.
// Pure domain: no HTTP, SQL or Kafka here.
#include <string>
#include <string_view>
#include <vector>

#include "domain/quotas.h"

namespace sortition::domain {

struct PeopleLayout {
  bool has_id = true;  // people.csv: an "id" column; respondents.csv: none
  // Columns whose values together make the household key (e.g. address,postcode); empty: no
  // household rule.
  std::vector<std::string> household_columns;
};

// Reads the people of `quotas`' categories. Header names are matched exactly, then
// case-insensitively; extra columns are ignored. Household keys compare the columns' values
// trimmed and case-folded; a row whose household columns are all empty shares no household.
// Throws QuotaError (line + reason) on: a missing id, category or household column, a wrong
// number of fields, an empty or duplicate id, a value the quota file does not list, no rows.
std::vector<Respondent> read_people(std::string_view csv, const QuotaSet& quotas,
                                    const PeopleLayout& layout, const std::string& pool = "roll");

}  // namespace sortition::domain
