#include "domain/version.h"

#include <utility>

#include "assembly/core/names.h"

namespace recommendations::domain {

namespace {
constexpr std::pair<ProposerKind, std::string_view> kKinds[] = {
    {ProposerKind::member, "member"},
    {ProposerKind::department, "department"},
    {ProposerKind::elected_representative, "elected-representative"},
    {ProposerKind::secretariat, "secretariat"}};
}  // namespace

std::string_view to_string(ProposerKind k) {
  return assembly::core::name_of(kKinds, k, "secretariat");
}

std::optional<ProposerKind> parse_proposer_kind(std::string_view s) {
  return assembly::core::value_of(kKinds, s);
}

std::vector<FieldProblem> proposer_problems(const Proposer& p, const std::string& at) {
  std::vector<FieldProblem> out;
  const std::string kind(to_string(p.kind));
  const bool member = p.kind == ProposerKind::member;
  const bool organisation =
      p.kind == ProposerKind::department || p.kind == ProposerKind::elected_representative;
  if (member && p.member_id.empty())
    out.push_back({at + "/member_id", "a member proposes under their member_id"});
  if (!member && !p.member_id.empty())
    out.push_back({at + "/member_id", "member_id is for a member, not for a " + kind});
  if (organisation && p.organisation.empty())
    out.push_back({at + "/organisation", "a " + kind + " proposes under its organisation"});
  if (!organisation && !p.organisation.empty())
    out.push_back({at + "/organisation",
                   "organisation is for a department or an "
                   "elected-representative, not for a " +
                       kind});
  return out;
}

MotionStatus status_for_ballot(bool workshop_ballot) {
  return workshop_ballot ? MotionStatus::drafting : MotionStatus::approved_by_workshop;
}

MotionStatus status_after_ballot(bool workshop_ballot) {
  return workshop_ballot ? MotionStatus::approved_by_workshop : MotionStatus::voted;
}

}  // namespace recommendations::domain
