#include "letters/mailing_list.h"

#include <stdexcept>

#include "assembly/core/csv.h"

namespace notifications::letters {

namespace {

const std::vector<std::string> kHeader = {"response_code", "last_name", "first_names",
                                          "address",       "postcode",  "arrondissement"};

// The address as written in the roll, a line each (a street and a building may be on two).
std::vector<std::string> lines_of(const std::string& address) {
  std::vector<std::string> out;
  std::string line;
  for (char c : address) {
    if (c == '\n' || c == '\r') {
      if (!line.empty()) out.push_back(line);
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace

MailingPage letters_of(std::string_view csv, const MailingOptions& options) {
  std::string error;
  auto rows = assembly::core::csv_rows(csv, &error);
  if (!rows) throw std::invalid_argument("the mailing list is not CSV (" + error + ")");
  if (rows->empty() || (*rows)[0] != kHeader)
    throw std::invalid_argument(
        "the mailing list does not start with the header "
        "response_code,last_name,first_names,address,postcode,arrondissement");
  MailingPage page;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const auto& r = (*rows)[i];
    if (r.size() != kHeader.size())
      throw std::invalid_argument("row " + std::to_string(i) + " of the mailing list has " +
                                  std::to_string(r.size()) + " cells, not 6");
    const auto& code = r[0];
    if (code.empty())
      throw std::invalid_argument("row " + std::to_string(i) + " of the mailing list has no code");
    const auto &last = r[1], &first = r[2], &address = r[3], &postcode = r[4];
    if (last.empty() && first.empty() && address.empty()) {
      ++page.erased;
      continue;
    }
    Letter l;
    l.name = first.empty() ? last : last.empty() ? first : first + " " + last;
    l.address_lines = lines_of(address);
    std::string town = postcode;
    if (!options.locality.empty()) town += (town.empty() ? "" : " ") + options.locality;
    if (!town.empty()) l.address_lines.push_back(town);
    l.code = code;
    if (!options.answer_url.empty()) l.answer_url = options.answer_url + "?code=" + code;
    page.letters.push_back(std::move(l));
  }
  return page;
}

}  // namespace notifications::letters
