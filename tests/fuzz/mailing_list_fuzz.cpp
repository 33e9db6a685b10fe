// sortition's mailing list as the notifications service reads it (letters/mailing_list.h): any
// text is made into letters or refused with std::invalid_argument; every letter has its code, and
// its text as the PDF prints it (to_cp1252) holds no control character. to_cp1252 on the raw
// input too.
#include <stdexcept>
#include <string>

#include "fuzz_check.h"
#include "letters/letters.h"
#include "letters/mailing_list.h"

using namespace notifications::letters;

namespace {

void printable(const std::string& s) {
  const auto cp = to_cp1252(s);
  for (unsigned char c : cp) FUZZ_CHECK(c >= 0x20);  // no NUL, every control character a space
  bool ascii = true;
  for (unsigned char c : s) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii) FUZZ_CHECK(cp == s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  printable(std::string(text));
  MailingOptions options;
  options.answer_url = "https://paris.fr/repondre";
  MailingPage page;
  try {
    page = letters_of(text, options);
  } catch (const std::invalid_argument& e) {
    FUZZ_CHECK(e.what()[0] != '\0');
    return 0;
  }
  for (const auto& l : page.letters) {
    FUZZ_CHECK(!l.code.empty());
    FUZZ_CHECK(l.answer_url == options.answer_url + "?code=" + l.code);
    printable(l.name);
    for (const auto& line : l.address_lines) {
      FUZZ_CHECK(!line.empty());
      printable(line);
    }
  }
  return 0;
}
