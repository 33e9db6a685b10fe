#include "domain/phases.h"

#include <algorithm>
#include <utility>

#include "assembly/core/names.h"
#include "assembly/core/refusal.h"

namespace workshops::domain {
namespace core = assembly::core;

namespace {
constexpr std::pair<PhaseKind, std::string_view> kKinds[] = {
    {PhaseKind::discovery, "discovery"},
    {PhaseKind::recommendations, "recommendations"},
    {PhaseKind::co_construction_and_vote, "co-construction-and-vote"}};

bool overlap(const PhaseWindow& a, const PhaseWindow& b) {
  return a.starts_on <= b.ends_on && b.starts_on <= a.ends_on;
}

bool inside(const PhaseWindow& p, const std::string& first_day, const std::string& last_day) {
  return p.starts_on <= first_day && last_day <= p.ends_on;
}

const PhaseWindow* find(const std::vector<PhaseWindow>& phases, PhaseKind kind) {
  for (const auto& p : phases)
    if (p.kind == kind) return &p;
  return nullptr;
}

std::string listed(const std::vector<PhaseWindow>& phases) {
  std::string out;
  for (const auto& p : phases) out += (out.empty() ? "" : ", ") + describe(p);
  return out;
}
}  // namespace

std::optional<PhaseKind> parse_phase_kind(std::string_view s) {
  return core::value_of(kKinds, s);
}

std::string_view to_string(PhaseKind k) {
  return core::name_of(kKinds, k, "discovery");
}

std::string describe(const PhaseWindow& p) {
  return "the " + std::string(to_string(p.kind)) + " phase (" + p.starts_on + " to " + p.ends_on +
         ")";
}

void check_phase(const PhaseWindow& p, const std::vector<PhaseWindow>& phases) {
  for (const auto& other : phases) {
    if (other.kind == p.kind) continue;
    if (overlap(p, other)) {
      const bool start_inside = other.starts_on <= p.starts_on && p.starts_on <= other.ends_on;
      throw core::invalid(
          "the " + std::string(to_string(p.kind)) + " phase overlaps " + describe(other),
          start_inside ? "/starts_on" : "/ends_on");
    }
    const bool other_first = other.kind < p.kind;
    if (other_first && other.starts_on > p.ends_on)
      throw core::invalid(
          "the " + std::string(to_string(p.kind)) + " phase comes after " + describe(other),
          "/starts_on");
    if (!other_first && other.ends_on < p.starts_on)
      throw core::invalid(
          "the " + std::string(to_string(p.kind)) + " phase comes before " + describe(other),
          "/ends_on");
  }
}

std::optional<PhaseKind> place_session(SessionType type, const std::string& first_day,
                                       const std::string& last_day, std::optional<PhaseKind> named,
                                       const std::vector<PhaseWindow>& phases) {
  if (named) {
    const auto* p = find(phases, *named);
    if (p && !inside(*p, first_day, last_day)) {
      const bool starts_inside = p->starts_on <= first_day && first_day <= p->ends_on;
      throw core::invalid("the session falls outside " + describe(*p),
                          starts_inside ? "/ends_at" : "/starts_at");
    }
    return named;
  }
  for (const auto& p : phases)
    if (inside(p, first_day, last_day)) return p.kind;
  if (phases.size() < 3) return std::nullopt;  // a phase still undated may hold it
  if (type != SessionType::plenary)
    throw core::invalid("the session falls outside every phase: " + listed(phases), "/starts_at");
  auto first = std::min_element(phases.begin(), phases.end(), [](const auto& a, const auto& b) {
    return a.starts_on < b.starts_on;
  });
  auto last = std::max_element(phases.begin(), phases.end(),
                               [](const auto& a, const auto& b) { return a.ends_on < b.ends_on; });
  if (first_day < first->starts_on || last_day > last->ends_on)
    throw core::invalid("a plenary falls within the assembly's span, from " + first->starts_on +
                            " to " + last->ends_on + ": " + listed(phases),
                        first_day < first->starts_on ? "/starts_at" : "/ends_at");
  return std::nullopt;  // between two phases: a hinge
}

}  // namespace workshops::domain
