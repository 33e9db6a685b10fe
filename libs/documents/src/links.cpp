#include "assembly/documents/links.h"

#include <openssl/crypto.h>

#include <charconv>

#include "assembly/documents/sigv4.h"

namespace assembly::documents {

std::string link_signature(std::string_view key, std::string_view document_id,
                           std::int64_t expires) {
  return sigv4::hex(sigv4::hmac_sha256(
      key, "document-link\n" + std::string(document_id) + "\n" + std::to_string(expires)));
}

LinkCheck check_link(std::string_view key, std::string_view document_id, std::string_view expires,
                     std::string_view signature, std::int64_t now) {
  std::int64_t at = 0;
  const auto [end, ec] = std::from_chars(expires.data(), expires.data() + expires.size(), at);
  if (expires.empty() || ec != std::errc() || end != expires.data() + expires.size())
    return LinkCheck::forged;
  const auto expected = link_signature(key, document_id, at);
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0)
    return LinkCheck::forged;
  return now > at ? LinkCheck::expired : LinkCheck::valid;
}

}  // namespace assembly::documents
