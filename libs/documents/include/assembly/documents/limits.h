#pragma once
// What an uploaded document may be: its size, and its type as its bytes show it (the "magic"
// at its start), never only as the client declared it. Each use has its own Policy (the draw
// record: a PDF; the evidence of a commitment: a PDF or an image; ...).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assembly/http/http.h"

namespace assembly::documents {

enum class Kind { pdf, png, jpeg, webp };

// "application/pdf", "image/png", "image/jpeg", "image/webp".
std::string_view media_type(Kind kind);
// "PDF", "PNG", "JPEG", "WebP": the name the refusals say.
std::string_view name_of(Kind kind);
// The kind the bytes start as (PDF: "%PDF-"; PNG: its 8-byte signature; JPEG: FF D8 FF; WebP:
// "RIFF" .... "WEBP"); nullopt for anything else.
std::optional<Kind> sniff(std::string_view bytes);

struct Policy {
  std::size_t max_bytes = 10 << 20;
  std::vector<Kind> allowed{Kind::pdf};
  // "a PDF or a PNG, JPEG or WebP image of at most 10 MiB": what the client is told before it
  // chooses a file (the same sentence as the refusals).
  std::string describe() const;
};

// The faults of an upload under `policy`, each named by the pointer "/file": empty, too long,
// of a kind not allowed, or declared (Content-Type) as another kind than its bytes show. Empty
// when it may be kept.
std::vector<http::FieldError> check(const Policy& policy, std::string_view bytes,
                                    std::string_view declared_type);

}  // namespace assembly::documents
