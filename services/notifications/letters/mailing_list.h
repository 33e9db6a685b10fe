#pragma once
// sortition's mailing list of an invitation draw (GET /v1/invitation-draws/{id}/mailing-list:
// CSV with the header response_code,last_name,first_names,address,postcode,arrondissement, one
// invitee a row in the draw's order) made into letters. Pure: the caller fetched the page.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "letters/letters.h"

namespace notifications::letters {

struct MailingOptions {
  // The answer form's address; a letter's QR code holds it with "?code=<the code>".
  std::string answer_url;
  // The line under the postcode ("75011 Paris"): the city the roll is of.
  std::string locality = "Paris";
};

struct MailingPage {
  std::vector<Letter> letters;
  // Invitees whose personal data was erased (the row has a code but no name nor address): no
  // letter can be sent to them.
  std::size_t erased = 0;
};

// One page of the list. std::invalid_argument saying what is wrong (not CSV, another header, a row
// of another width, a code missing) and never showing a name or an address.
MailingPage letters_of(std::string_view csv, const MailingOptions& options);

}  // namespace notifications::letters
