// What an invitee types on the answer form and the sortition service reads: the e-mail address and
// phone number (domain/contact.h), and the answers counted against the pool (domain/answers.h:
// age bands as the questions write them). The input is cut in three at its first two NUL bytes.
#include <string>

#include "domain/answers.h"
#include "domain/contact.h"
#include "fuzz_check.h"

using namespace sortition::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto next = [&] {
    auto cut = text.find('\0');
    auto part = text.substr(0, cut);
    text.remove_prefix(cut == std::string_view::npos ? text.size() : cut + 1);
    return part;
  };
  const auto email = next(), phone = next(), band = next();

  if (!email_problem(email)) FUZZ_CHECK(email.size() <= 254 && email.find('@') != 0);
  const auto normal = normalise_phone(phone);
  FUZZ_CHECK(normalise_phone(normal) == normal);
  FUZZ_CHECK(phone_problem(phone).has_value() == phone_problem(normal).has_value());
  if (!phone_problem(phone)) FUZZ_CHECK(normal.size() >= 6 && normal.size() <= 16);

  if (auto range = age_band_range(band)) FUZZ_CHECK(range->first <= range->second);
  PoolCounts pool;
  pool.total = 3;
  pool.sex = {{"F", 2}, {"M", 1}};
  pool.arrondissement = {{"08", 2}, {"11", 1}};
  pool.birth_year = {{1950, 1}, {2000, 1}, {2009, 1}};
  const std::vector<Question> questions = {{"gender", {"F", "M"}},
                                           {"age_band", {"18-24", "65+"}},
                                           {"arrondissement", {"8"}},
                                           {"diploma", {"bac"}}};
  std::vector<std::map<std::string, std::string>> interested = {
      {{"gender", std::string(email)},
       {"age_band", std::string(band)},
       {"arrondissement", std::string(phone)}},
      {{"age_band", "65+"}, {"diploma", std::string(band)}}};
  const auto figures = answer_figures(questions, interested, pool, 2026);
  FUZZ_CHECK(figures.size() == questions.size());
  for (const auto& c : figures)
    for (const auto& v : c.values) FUZZ_CHECK(v.share >= 0 && v.share <= 1);
  return 0;
}
