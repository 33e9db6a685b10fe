#pragma once
// A panel draw: `seats` people drawn uniformly at random from the candidates, reproducibly from a
// public seed, so anyone holding the seed and the candidate list can redo the draw.
// Pure domain: no HTTP, SQL or Kafka here.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sortition::domain {

struct Candidate {
  std::string person_id;  // pseudonymous
  std::string pool = "roll";
  std::map<std::string, std::string> attributes;  // stratification attributes, never names
};

struct PanelDrawRequest {
  std::string assembly_id;
  int seats = 0;
  std::string seed;
  std::vector<Candidate> candidates;
};

// A request that cannot be drawn, naming the field (JSON pointer) at fault.
class InvalidDraw : public std::runtime_error {
 public:
  InvalidDraw(std::string field, const std::string& message)
      : std::runtime_error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

void validate(const PanelDrawRequest& request);  // throws InvalidDraw

// The selected candidates, in draw order. Algorithm (documented in the service README):
// candidates sorted by person_id; a partial Fisher-Yates shuffle whose i-th index is drawn by
// rejection sampling from SHA-256(seed || ":" || counter) read as a big-endian 64-bit integer.
std::vector<Candidate> draw_uniform(const PanelDrawRequest& request);

std::string sha256_hex(const std::string& data);
// True when `s` can be a published seed commitment: a SHA-256 as 64 lower-case hex digits.
bool is_sha256_hex(const std::string& s);
// SHA-256 of the candidate list in canonical form (sorted "person_id,pool" lines): the draw record
// publishes it so the list a draw used can be checked.
std::string candidates_digest(const std::vector<Candidate>& candidates);

}  // namespace sortition::domain
