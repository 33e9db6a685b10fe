#include "imports/personal_data.h"

#include <sodium.h>

#include <stdexcept>

namespace sortition::imports {

std::string seal_personal_data(const assembly::pii::Keyring& keyring, const std::string& pool_id,
                               long long position, const PersonalData& d) {
  std::string plain = d.voter_id + '\x1f' + d.last_name + '\x1f' + d.first_names + '\x1f' +
                      d.birth_date + '\x1f' + d.address + '\x1f' + d.postcode;
  auto sealed =
      keyring.seal(plain, assembly::pii::nonce_of(pool_id, static_cast<std::uint64_t>(position)),
                   pool_id + "/" + std::to_string(position));
  sodium_memzero(plain.data(), plain.size());
  return sealed;
}

PersonalData open_personal_data(const assembly::pii::Keyring& keyring, const std::string& pool_id,
                                long long position, std::string_view sealed) {
  auto plain =
      keyring.open(sealed, assembly::pii::nonce_of(pool_id, static_cast<std::uint64_t>(position)),
                   pool_id + "/" + std::to_string(position));
  PersonalData d;
  std::string* fields[] = {&d.voter_id,   &d.last_name, &d.first_names,
                           &d.birth_date, &d.address,   &d.postcode};
  std::size_t start = 0, i = 0;
  for (; i < 6; ++i) {
    auto end = plain.find('\x1f', start);
    if (i < 5 && end == std::string::npos) break;
    *fields[i] = plain.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end + 1;
  }
  sodium_memzero(plain.data(), plain.size());
  if (i != 6) throw std::runtime_error("sealed personal data has the wrong shape");
  return d;
}

std::string reseal_personal_data(const assembly::pii::Keyring& keyring, const std::string& pool_id,
                                 long long position, std::string_view sealed) {
  return keyring.reseal(sealed,
                        assembly::pii::nonce_of(pool_id, static_cast<std::uint64_t>(position)),
                        pool_id + "/" + std::to_string(position));
}

}  // namespace sortition::imports
