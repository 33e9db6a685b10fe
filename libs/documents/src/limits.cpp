#include "assembly/documents/limits.h"

#include <algorithm>

namespace assembly::documents {

std::string_view media_type(Kind kind) {
  switch (kind) {
    case Kind::pdf:
      return "application/pdf";
    case Kind::png:
      return "image/png";
    case Kind::jpeg:
      return "image/jpeg";
    case Kind::webp:
      return "image/webp";
  }
  return "application/octet-stream";
}

std::string_view name_of(Kind kind) {
  switch (kind) {
    case Kind::pdf:
      return "PDF";
    case Kind::png:
      return "PNG";
    case Kind::jpeg:
      return "JPEG";
    case Kind::webp:
      return "WebP";
  }
  return "?";
}

std::optional<Kind> sniff(std::string_view b) {
  if (b.substr(0, 5) == "%PDF-") return Kind::pdf;
  if (b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return Kind::png;
  if (b.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) return Kind::jpeg;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return Kind::webp;
  return std::nullopt;
}

namespace {

std::string size_text(std::size_t bytes) {
  if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string kinds_text(const std::vector<Kind>& kinds) {
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i > 0) out += i + 1 == kinds.size() ? " or " : ", ";
    out += kinds[i] == Kind::pdf ? "a PDF" : "a " + std::string(name_of(kinds[i])) + " image";
  }
  return out;
}

// "application/pdf; charset=x" -> "application/pdf", lower case.
std::string base_type(std::string_view declared) {
  std::string out(declared.substr(0, declared.find(';')));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string Policy::describe() const {
  return kinds_text(allowed) + " of at most " + size_text(max_bytes);
}

std::vector<http::FieldError> check(const Policy& policy, std::string_view bytes,
                                    std::string_view declared_type) {
  std::vector<http::FieldError> out;
  const std::string expected = "the file must be " + policy.describe();
  if (bytes.empty()) {
    out.push_back({"/file", "the file is empty; " + expected});
    return out;
  }
  if (bytes.size() > policy.max_bytes)
    out.push_back(
        {"/file", "the file has " + std::to_string(bytes.size()) + " bytes; " + expected});
  const auto kind = sniff(bytes);
  const bool allowed = kind && std::find(policy.allowed.begin(), policy.allowed.end(), *kind) !=
                                   policy.allowed.end();
  if (!allowed) {
    out.push_back({"/file", (kind ? "the file is a " + std::string(name_of(*kind)) + " file"
                                  : std::string("the file's content is of no accepted type")) +
                                "; " + expected});
  } else if (base_type(declared_type) != media_type(*kind)) {
    out.push_back({"/file", "the file's content is a " + std::string(name_of(*kind)) +
                                " file but it was sent as \"" + std::string(declared_type) +
                                "\" (send it as " + std::string(media_type(*kind)) + ")"});
  }
  return out;
}

}  // namespace assembly::documents
