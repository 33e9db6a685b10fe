#pragma once
// Quota sets, seat pools and respondents for a stratified panel draw, and the quota files in the
// Sortition Foundation's CSV layout (`feature,value,min,max[,min_flex,max_flex]`), so the
// secretariat can bring the file it already uses with the Foundation's tools.
// Pure domain: no HTTP, SQL or Kafka here.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sortition::domain {

// Bounds for one value of a category ("age" / "18-24"): the panel holds between min and max
// people with it. The flex bounds are the Foundation's "may be relaxed to" limits; the draw does
// not use them, they are kept so a file survives a round trip.
struct QuotaValue {
  std::string value;
  int min = 0;
  int max = 0;
  std::optional<int> min_flex;
  std::optional<int> max_flex;
  bool operator==(const QuotaValue&) const = default;
};

// One category ("feature" in the Foundation's vocabulary) and its values, in file order: the
// order is part of the draw's definition (ties go to the first), so it is kept, not sorted.
struct QuotaCategory {
  std::string name;
  std::vector<QuotaValue> values;
  const QuotaValue* find(std::string_view value) const;
  bool operator==(const QuotaCategory&) const = default;
};

struct QuotaSet {
  std::vector<QuotaCategory> categories;
  const QuotaCategory* find(std::string_view category) const;
  bool operator==(const QuotaSet&) const = default;
};

// A quota file that cannot be read; line() is the 1-based line of the record at fault (0 when the
// file as a whole is at fault, e.g. empty).
class QuotaError : public std::runtime_error {
 public:
  QuotaError(int line, const std::string& reason)
      : std::runtime_error(line > 0 ? "line " + std::to_string(line) + ": " + reason : reason),
        line_(line),
        reason_(reason) {}
  int line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  int line_;
  std::string reason_;
};

// One CSV record and the 1-based line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 records, as every CSV file of the service is read: a UTF-8 BOM, CRLF and blank lines
// are tolerated, spaces around unquoted fields dropped, a quoted field may span lines. Throws
// QuotaError (with the line) on a malformed quote.
std::vector<CsvRecord> csv_records(std::string_view csv);

// Reads a quota file. Header columns are matched by name, case-insensitively, in any order:
// `feature,value,min,max` are required, `min_flex,max_flex` optional (an empty cell leaves that
// bound unset). The paper's layout `category,feature,min,max` (categories.csv) is read too.
// Tolerates a UTF-8 BOM, CRLF, blank lines, spaces around fields and RFC 4180 quoting. Rows of one
// category need not be adjacent; categories and values keep their order of first appearance.
// Throws QuotaError on: a missing or unknown header column, a wrong number of fields, a bound that
// is not a non-negative integer, min > max, min_flex > min, max_flex < max, an empty category or
// value, a duplicate category/value pair, no rows.
QuotaSet parse_quotas(std::string_view csv);

// Writes `feature,value,min,max` (plus `min_flex,max_flex` when any value has one), "\n" line
// ends, quoting fields that need it; parse_quotas(export_quotas(q)) == q.
std::string export_quotas(const QuotaSet& quotas);

// What an invitee answering with their letter's code is asked: each category the quotas count,
// with its values, in the file's order.
struct Question {
  std::string name;
  std::vector<std::string> values;
  bool operator==(const Question&) const = default;
};
std::vector<Question> questions_of(const QuotaSet& quotas);
// Before the assembly has a quota set for the pool: the categories a pool of that kind is drawn
// by (the Paris assembly's: the roll by gender, age band, arrondissement and diploma; non-EU
// residents by gender, age band and diploma; minors by gender and age); none for another kind.
std::vector<Question> default_questions(std::string_view pool_kind);

// A group of seats filled from one pool of respondents, independently of the other groups (e.g.
// "roll" for the electoral roll, "non-eu-residents", "minors").
struct SeatPool {
  std::string pool;
  int seats = 0;
  QuotaSet quotas;
};

struct PanelSpec {
  std::vector<SeatPool> pools;
};

struct Respondent {
  std::string person_id;  // pseudonymous
  std::string pool = "roll";
  // Same key = same address: at most one person per household sits on a panel. An empty key
  // means the respondent shares it with no one.
  std::string household;
  std::map<std::string, std::string> attributes;  // category -> value, never names
};

// The household key the one-per-household rule uses: household, or the person's own id if empty.
std::string household_key(const Respondent& r);

// Why a seat pool cannot be drawn. constraint names what fails ("age 18-24", "sex", "respondent
// p12", the pool name); message is the full sentence for the secretariat.
struct Infeasibility {
  std::string constraint;
  std::string message;
};

// Cheap necessary conditions, checked in this order, the first failure returned:
//  1. every respondent of the pool has, for every category, a value that is in the quota set;
//  2. seats >= 1, the pool has at least `seats` respondents and `seats` distinct households;
//  3. per category, in file order: the minimums add up to at most `seats`; the maximums add up to
//     at least `seats`; each value's min is at most its number of respondents and of distinct
//     households; the seats each value can fill, min(max, respondents), add up to `seats`.
// Passing does NOT prove a panel exists (categories interact, e.g. all young respondents may be
// men): the draw itself is the proof. Respondents of other pools are ignored.
std::optional<Infeasibility> check_feasible(const SeatPool& pool,
                                            const std::vector<Respondent>& respondents);

}  // namespace sortition::domain
