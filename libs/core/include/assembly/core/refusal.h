#pragma once
// A domain refusal: the domain understood what was asked and declines it, because the input is
// invalid, the thing does not exist, its state forbids it, or the caller may not. Domain code and
// use cases throw `Refused` (or return a `Refusal`); they never speak HTTP. The HTTP layer maps a
// refusal to a problem (invalid 422, not_found 404, conflict 409, forbidden 403; libs/http), an
// event handler logs it or dead-letters the event. See docs/architecture.md, "Layers".
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace assembly::core {

struct Refusal {
  enum class Kind { invalid, not_found, conflict, forbidden };
  Kind kind = Kind::invalid;
  std::string detail;
  std::string field;  // a JSON pointer ("/quotas/2/min") when one input is at fault
};

class Refused : public std::runtime_error {
 public:
  explicit Refused(Refusal r) : std::runtime_error(r.detail), refusal_(std::move(r)) {}
  Refused(Refusal::Kind kind, std::string detail, std::string field = {})
      : Refused(Refusal{kind, std::move(detail), std::move(field)}) {}
  const Refusal& refusal() const { return refusal_; }
  Refusal::Kind kind() const { return refusal_.kind; }

 private:
  Refusal refusal_;
};

// Shorthands: throw core::conflict("the ballot is closed").
inline Refused invalid(std::string detail, std::string field = {}) {
  return {Refusal::Kind::invalid, std::move(detail), std::move(field)};
}
inline Refused not_found(std::string detail) {
  return {Refusal::Kind::not_found, std::move(detail)};
}
inline Refused conflict(std::string detail) {
  return {Refusal::Kind::conflict, std::move(detail)};
}
inline Refused forbidden(std::string detail) {
  return {Refusal::Kind::forbidden, std::move(detail)};
}

}  // namespace assembly::core
