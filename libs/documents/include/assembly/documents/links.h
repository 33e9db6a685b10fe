#pragma once
// Download links that expire, signed by the service that keeps the document (docs/documents.md
// says why not S3's presigned URLs): <path>?expires=<unix seconds>&signature=<hex>, where the
// signature is HMAC-SHA256 over the document's id and the expiry, under a key only the service
// holds. The service checks the link and streams the object itself.
#include <cstdint>
#include <string>
#include <string_view>

namespace assembly::documents {

// Hex HMAC-SHA256(key, "document-link\n<id>\n<expires>").
std::string link_signature(std::string_view key, std::string_view document_id,
                           std::int64_t expires);

enum class LinkCheck { valid, expired, forged };

// `expires` and `signature` as the link's query gave them (text; either may be missing: "").
// forged: not a number, or a signature that is not this key's for this id and expiry (compared
// in constant time); expired: signed, but `now` is past it.
LinkCheck check_link(std::string_view key, std::string_view document_id, std::string_view expires,
                     std::string_view signature, std::int64_t now);

}  // namespace assembly::documents
