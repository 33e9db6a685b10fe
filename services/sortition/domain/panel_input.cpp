#include "domain/panel_input.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace sortition::domain {
namespace {

std::string folded(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

int column(const std::vector<std::string>& header, const std::string& name, const char* what) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (folded(header[i]) == folded(name)) return static_cast<int>(i);
  throw QuotaError(1, std::string("no column '") + name + "' (" + what + ")");
}

}  // namespace

std::vector<Respondent> read_people(std::string_view csv, const QuotaSet& quotas,
                                    const PeopleLayout& layout, const std::string& pool) {
  auto records = csv_records(csv);
  if (records.empty()) throw QuotaError(0, "the file is empty");
  const auto& header = records[0].fields;
  const int id_col = layout.has_id ? column(header, "id", "the person's id") : -1;
  std::vector<int> cat_cols;
  for (const auto& cat : quotas.categories)
    cat_cols.push_back(column(header, cat.name, "a quota category"));
  std::vector<int> home_cols;
  for (const auto& h : layout.household_columns)
    home_cols.push_back(column(header, h, "a household column"));
  std::vector<Respondent> out;
  std::set<std::string> ids;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != header.size())
      throw QuotaError(rec.line, std::to_string(rec.fields.size()) + " fields, the header has " +
                                     std::to_string(header.size()));
    Respondent p;
    p.pool = pool;
    p.person_id = layout.has_id ? rec.fields[id_col] : std::to_string(r - 1);
    if (p.person_id.empty()) throw QuotaError(rec.line, "an empty id");
    if (!ids.insert(p.person_id).second)
      throw QuotaError(rec.line, "id '" + p.person_id + "' appears twice");
    for (std::size_t c = 0; c < quotas.categories.size(); ++c) {
      const auto& cat = quotas.categories[c];
      const auto& value = rec.fields[cat_cols[c]];
      if (!cat.find(value))
        throw QuotaError(rec.line, cat.name + " '" + value + "' is not a value of the quota file");
      p.attributes[cat.name] = value;
    }
    bool any = false;
    for (int col : home_cols) {
      any = any || !rec.fields[col].empty();
      p.household += folded(rec.fields[col]) + '\x1f';
    }
    if (!any) p.household.clear();
    out.push_back(std::move(p));
  }
  if (out.empty()) throw QuotaError(0, "no people");
  return out;
}

}  // namespace sortition::domain
