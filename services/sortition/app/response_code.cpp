#include "app/response_code.h"

#include <cctype>
#include <cstdint>

namespace sortition::app {
namespace {
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // no 0/O, 1/I
}  // namespace

std::string response_code(const assembly::pii::Keyring& keyring, const std::string& draw_id,
                          const std::string& person_id) {
  auto h = keyring.pseudonym("response-code", draw_id + "/" + person_id, 16);  // 64 bits
  std::uint64_t v = std::stoull(h, nullptr, 16);
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code.push_back('-');
    code.push_back(kCodeAlphabet[v & 31]);
    v >>= 5;
  }
  return code;
}

std::string code_key(const assembly::pii::Keyring& keyring, std::string_view normalised) {
  return std::string(kCodeKeyPrefix) + keyring.pseudonym("response-code-key", normalised, 64);
}

std::string normalise_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace sortition::app
