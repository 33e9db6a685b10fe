#pragma once
// The virus-scan hook point: the bytes of every upload go to a scanner before they are kept.
// Either a command (DOCUMENTS_SCAN_COMMAND, run by /bin/sh with the bytes on its standard input:
// exit 0 clean, 1 infected, anything else the scanner failed: clamdscan's convention, e.g.
// "clamdscan --no-summary -") or an HTTP endpoint (DOCUMENTS_SCAN_URL: the bytes POSTed as
// application/octet-stream; 2xx clean, 4xx infected, anything else failed). Neither configured:
// no scan (the documents are then kept unscanned; docs/documents.md).
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace assembly::documents {

struct ScanSettings {
  std::string command;  // "" : none
  std::string url;      // "" : none (the command wins when both are set)
  std::chrono::milliseconds timeout{60000};
  bool configured() const { return !command.empty() || !url.empty(); }
};

enum class Verdict { clean, infected };

// The scanner could not say (did not start, crashed, timed out, answered 5xx): nothing is kept.
class ScanUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// clean when no scanner is configured.
Verdict scan(const ScanSettings& settings, std::string_view bytes);

}  // namespace assembly::documents
