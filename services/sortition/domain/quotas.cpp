#include "domain/quotas.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace sortition::domain {
namespace {

using Record = CsvRecord;

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// RFC 4180 records. Spaces around a quoted field are dropped; a quoted field keeps its own spaces
// and may span lines (the record keeps the line it starts on, which is what an editor shows).
std::vector<Record> read_records(std::string_view csv) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
  std::vector<Record> records;
  Record rec;
  std::string field;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // the current field had quotes: keep its spaces
  int line = 1;
  rec.line = 1;
  auto end_field = [&] {
    rec.fields.push_back(was_quoted ? field : trim(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) records.push_back(std::move(rec));
    rec = Record{};
    rec.line = line;
  };
  for (std::size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"') {
      if (!trim(field).empty())
        throw QuotaError(rec.line, "a quote inside an unquoted field; quote the whole field");
      field.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else if (was_quoted) {
      if (c != ' ' && c != '\t')
        throw QuotaError(rec.line, "text after a closing quote; quote the whole field");
    } else {
      field.push_back(c);
    }
  }
  if (quoted) throw QuotaError(rec.line, "a quoted field is not closed");
  end_record();
  return records;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int parse_bound(const std::string& text, const char* column, int line) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < 0)
    throw QuotaError(line,
                     std::string(column) + " must be a non-negative integer, found '" + text + "'");
  return v;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

bool needs_quotes(const std::string& s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t') return true;
  return s.find_first_of(",\"\r\n") != std::string::npos;
}

std::string csv_field(const std::string& s) {
  if (!needs_quotes(s)) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

const QuotaValue* QuotaCategory::find(std::string_view value) const {
  for (const auto& v : values)
    if (v.value == value) return &v;
  return nullptr;
}

const QuotaCategory* QuotaSet::find(std::string_view category) const {
  for (const auto& c : categories)
    if (c.name == category) return &c;
  return nullptr;
}

QuotaSet parse_quotas(std::string_view csv) {
  auto records = read_records(csv);
  if (records.empty()) throw QuotaError(0, "the quota file is empty");
  const auto& header = records.front();
  // Column indexes by role. The paper's layout calls the category "category" and the value
  // "feature"; the Foundation's calls them "feature" and "value".
  std::map<std::string, int> by_name;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    auto name = lower(header.fields[i]);
    if (!by_name.emplace(name, static_cast<int>(i)).second)
      throw QuotaError(header.line, "header column '" + name + "' appears twice");
  }
  bool paper = by_name.contains("category") && !by_name.contains("value");
  std::map<std::string, std::string> role_of = {
      {"min", "min"}, {"max", "max"}, {"min_flex", "min_flex"}, {"max_flex", "max_flex"}};
  if (paper) {
    role_of["category"] = "category";
    role_of["feature"] = "value";
  } else {
    role_of["feature"] = "category";
    role_of["value"] = "value";
  }
  std::map<std::string, int> col;
  for (const auto& [name, index] : by_name) {
    auto it = role_of.find(name);
    if (it == role_of.end())
      throw QuotaError(header.line, "unknown header column '" +
                                        header.fields[static_cast<std::size_t>(index)] +
                                        "' (expected feature,value,min,max[,min_flex,max_flex])");
    col[it->second] = index;
  }
  const char* required[] = {"category", "value", "min", "max"};
  for (const char* role : required) {
    if (col.contains(role)) continue;
    std::string column = role;
    if (column == "category") column = paper ? "category" : "feature";
    if (column == "value" && paper) column = "feature";
    throw QuotaError(header.line, "missing header column '" + column + "'");
  }

  QuotaSet out;
  std::map<std::pair<std::string, std::string>, int> seen;  // -> line
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != header.fields.size())
      throw QuotaError(rec.line, "expected " + std::to_string(header.fields.size()) +
                                     " fields as in the header, found " +
                                     std::to_string(rec.fields.size()));
    auto at = [&](const char* role) { return rec.fields[static_cast<std::size_t>(col.at(role))]; };
    QuotaValue v;
    std::string category = at("category");
    v.value = at("value");
    if (category.empty()) throw QuotaError(rec.line, "the feature is empty");
    if (v.value.empty()) throw QuotaError(rec.line, "the value is empty");
    v.min = parse_bound(at("min"), "min", rec.line);
    v.max = parse_bound(at("max"), "max", rec.line);
    if (v.min > v.max)
      throw QuotaError(rec.line, category + " " + v.value + ": min " + std::to_string(v.min) +
                                     " is greater than max " + std::to_string(v.max));
    if (col.contains("min_flex") && !at("min_flex").empty()) {
      v.min_flex = parse_bound(at("min_flex"), "min_flex", rec.line);
      if (*v.min_flex > v.min)
        throw QuotaError(rec.line, category + " " + v.value + ": min_flex " +
                                       std::to_string(*v.min_flex) + " is greater than min " +
                                       std::to_string(v.min));
    }
    if (col.contains("max_flex") && !at("max_flex").empty()) {
      v.max_flex = parse_bound(at("max_flex"), "max_flex", rec.line);
      if (*v.max_flex < v.max)
        throw QuotaError(rec.line, category + " " + v.value + ": max_flex " +
                                       std::to_string(*v.max_flex) + " is less than max " +
                                       std::to_string(v.max));
    }
    auto [it, fresh] = seen.emplace(std::pair{category, v.value}, rec.line);
    if (!fresh)
      throw QuotaError(rec.line, "duplicate " + category + " " + v.value + " (first on line " +
                                     std::to_string(it->second) + ")");
    auto cat = std::find_if(out.categories.begin(), out.categories.end(),
                            [&](const QuotaCategory& c) { return c.name == category; });
    if (cat == out.categories.end()) {
      out.categories.push_back({category, {}});
      cat = std::prev(out.categories.end());
    }
    cat->values.push_back(std::move(v));
  }
  if (out.categories.empty()) throw QuotaError(0, "the quota file has a header but no rows");
  return out;
}

std::vector<CsvRecord> csv_records(std::string_view csv) {
  return read_records(csv);
}

std::string export_quotas(const QuotaSet& quotas) {
  bool flex = false;
  for (const auto& c : quotas.categories)
    for (const auto& v : c.values) flex = flex || v.min_flex || v.max_flex;
  std::string out = flex ? "feature,value,min,max,min_flex,max_flex\n" : "feature,value,min,max\n";
  for (const auto& c : quotas.categories) {
    for (const auto& v : c.values) {
      out += csv_field(c.name) + "," + csv_field(v.value) + "," + std::to_string(v.min) + "," +
             std::to_string(v.max);
      if (flex) {
        out += "," + (v.min_flex ? std::to_string(*v.min_flex) : std::string());
        out += "," + (v.max_flex ? std::to_string(*v.max_flex) : std::string());
      }
      out += "\n";
    }
  }
  return out;
}

std::string household_key(const Respondent& r) {
  // A prefix no real key starts with keeps "own household" keys apart from shared ones.
  return r.household.empty() ? "\x01person:" + r.person_id : r.household;
}

std::optional<Infeasibility> check_feasible(const SeatPool& pool,
                                            const std::vector<Respondent>& respondents) {
  const auto& cats = pool.quotas.categories;
  // Per category and value: respondents having it, and their distinct households.
  std::vector<std::vector<int>> count(cats.size());
  std::vector<std::vector<std::set<std::string>>> homes(cats.size());
  for (std::size_t c = 0; c < cats.size(); ++c) {
    count[c].assign(cats[c].values.size(), 0);
    homes[c].resize(cats[c].values.size());
  }
  std::set<std::string> households;
  std::size_t n = 0;
  for (const auto& r : respondents) {
    if (r.pool != pool.pool) continue;
    ++n;
    households.insert(household_key(r));
    for (std::size_t c = 0; c < cats.size(); ++c) {
      auto it = r.attributes.find(cats[c].name);
      if (it == r.attributes.end())
        return Infeasibility{"respondent " + r.person_id,
                             "respondent " + r.person_id + " has no value for " + cats[c].name};
      const auto& values = cats[c].values;
      auto v = std::find_if(values.begin(), values.end(),
                            [&](const QuotaValue& q) { return q.value == it->second; });
      if (v == values.end())
        return Infeasibility{"respondent " + r.person_id, "respondent " + r.person_id + ": " +
                                                              cats[c].name + " '" + it->second +
                                                              "' is not in the quota set"};
      auto i = static_cast<std::size_t>(v - values.begin());
      ++count[c][i];
      homes[c][i].insert(household_key(r));
    }
  }
  if (pool.seats < 1) return Infeasibility{pool.pool, pool.pool + ": seats must be at least 1"};
  const std::string seats = plural(static_cast<std::size_t>(pool.seats), "seat");
  if (n < static_cast<std::size_t>(pool.seats))
    return Infeasibility{pool.pool,
                         pool.pool + ": " + seats + " but only " + plural(n, "respondent")};
  if (households.size() < static_cast<std::size_t>(pool.seats))
    return Infeasibility{pool.pool, pool.pool + ": " + seats + " but only " +
                                        plural(households.size(), "household")};
  for (std::size_t c = 0; c < cats.size(); ++c) {
    const auto& cat = cats[c];
    // In long long: a quota file's bounds go up to INT_MAX each, their sums beyond.
    long long min_sum = 0, max_sum = 0, fillable = 0;
    for (std::size_t i = 0; i < cat.values.size(); ++i) {
      min_sum += cat.values[i].min;
      max_sum += cat.values[i].max;
      fillable += std::min(cat.values[i].max, count[c][i]);
    }
    if (min_sum > pool.seats)
      return Infeasibility{cat.name, cat.name + ": the minimums add up to " +
                                         std::to_string(min_sum) + " but there are " + seats};
    if (max_sum < pool.seats)
      return Infeasibility{cat.name, cat.name + ": the maximums add up to " +
                                         std::to_string(max_sum) + " but there are " + seats};
    for (std::size_t i = 0; i < cat.values.size(); ++i) {
      const auto& v = cat.values[i];
      std::string name = cat.name + " " + v.value;
      if (count[c][i] < v.min)
        return Infeasibility{name, name + ": min " + std::to_string(v.min) + ", only " +
                                       plural(static_cast<std::size_t>(count[c][i]), "respondent")};
      if (homes[c][i].size() < static_cast<std::size_t>(v.min))
        return Infeasibility{name, name + ": min " + std::to_string(v.min) + ", only " +
                                       plural(homes[c][i].size(), "household")};
    }
    if (fillable < pool.seats)
      return Infeasibility{cat.name, cat.name + ": within the maximums the respondents can fill " +
                                         std::to_string(fillable) + " of the " + seats};
  }
  return std::nullopt;
}

std::vector<Question> questions_of(const QuotaSet& quotas) {
  std::vector<Question> out;
  for (const auto& c : quotas.categories) {
    Question q{c.name, {}};
    for (const auto& v : c.values) q.values.push_back(v.value);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<Question> default_questions(std::string_view pool_kind) {
  const Question gender{"gender", {"F", "M"}};
  const Question adult_age{"age_band", {"18-24", "25-34", "35-49", "50-64", "65+"}};
  const Question diploma{"diploma", {"none", "bac", "bac+2/3", "bac+5"}};
  if (pool_kind == "roll") {
    Question arrondissement{"arrondissement", {}};
    for (int i = 1; i <= 20; ++i) arrondissement.values.push_back(std::to_string(i));
    return {gender, adult_age, arrondissement, diploma};
  }
  if (pool_kind == "non-eu-residents") return {gender, adult_age, diploma};
  if (pool_kind == "minors") return {gender, {"age_band", {"16", "17"}}};
  return {};
}

}  // namespace sortition::domain
