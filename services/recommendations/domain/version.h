#pragma once
// The motion's text, drafted together: each version is proposed in a
// co-construction session by a member of the workshop, a city department, a
// representative of the elected officials or the secretariat; the workshop then
// approves the last version unanimously (of the votes cast) before the plenary
// votes it. Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ballot.h"
#include "domain/motion.h"

namespace recommendations::domain {

enum class ProposerKind { member, department, elected_representative, secretariat };
std::string_view to_string(ProposerKind k);  // "member", "department", "elected-representative"...
std::optional<ProposerKind> parse_proposer_kind(std::string_view s);

// Who proposed a version: a member (their id), a department or a representative
// of the elected officials (their organisation), or the secretariat.
struct Proposer {
  ProposerKind kind = ProposerKind::secretariat;
  std::string member_id, organisation;
};

struct FieldProblem {
  std::string pointer, detail;
};
// What is wrong with a proposer, each problem at its field under `at`
// ("/proposed_by"): a member gives their member_id and no organisation; a
// department or a representative gives its organisation and no member_id; the
// secretariat gives neither.
std::vector<FieldProblem> proposer_problems(const Proposer& p, const std::string& at);

// A new version only while the motion is drafted: the workshop's approval
// freezes the text.
inline bool text_editable(MotionStatus s) {
  return s == MotionStatus::drafting;
}

// Ballots on a motion. The workshop's (of the motion's workshop) approves the
// last version, by unanimity of the votes cast, while the motion is drafted;
// the whole assembly's (at the plenary) votes a motion approved by its
// workshop.
inline bool workshop_rule(Rule r) {
  return r == Rule::unanimity_of_votes_cast;
}
// The status a ballot on the motion needs: drafting (the workshop's),
// approved-by-workshop (the assembly's).
MotionStatus status_for_ballot(bool workshop_ballot);
// The status an adopted ballot on the motion leads to: approved-by-workshop,
// voted.
MotionStatus status_after_ballot(bool workshop_ballot);

}  // namespace recommendations::domain
