#include "domain/axes.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "assembly/core/names.h"

namespace workshops::domain {

namespace {
constexpr std::pair<ProposerKind, std::string_view> kProposers[] = {
    {ProposerKind::member, "member"}, {ProposerKind::secretariat, "secretariat"}};
constexpr std::pair<AxesChoiceState, std::string_view> kChoiceStates[] = {
    {AxesChoiceState::open, "open"}, {AxesChoiceState::closed, "closed"}};
}  // namespace

std::string_view to_string(ProposerKind k) {
  return assembly::core::name_of(kProposers, k, "member");
}
std::optional<ProposerKind> parse_proposer_kind(std::string_view s) {
  return assembly::core::value_of(kProposers, s);
}
std::string_view to_string(AxesChoiceState s) {
  return assembly::core::name_of(kChoiceStates, s, "open");
}
std::optional<AxesChoiceState> parse_axes_choice_state(std::string_view s) {
  return assembly::core::value_of(kChoiceStates, s);
}

std::string approval_method(int seats) {
  return "approval: the " + std::to_string(seats) +
         " proposals with most approvals, at least one each; ties at the last seat broken by the "
         "order of proposal (the proposal made first wins)";
}

AxesCount count_approvals(const std::vector<std::string>& proposals,
                          const std::vector<AxisBallot>& ballots, int seats) {
  AxesCount out;
  out.method = approval_method(seats);
  out.seats = seats;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    index.emplace(proposals[i], i);
    out.tallies.push_back({proposals[i], 0, 0});
  }
  // A member's last ballot only.
  std::map<std::string, const AxisBallot*> last;
  for (const auto& b : ballots) last[b.member_id] = &b;
  out.voters = static_cast<int>(last.size());
  for (const auto& [member, b] : last) {
    std::set<std::string> once(b->approved.begin(), b->approved.end());
    for (const auto& id : once)
      if (auto it = index.find(id); it != index.end()) ++out.tallies[it->second].approvals;
  }
  std::vector<std::size_t> order(proposals.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out.tallies[a].approvals > out.tallies[b].approvals;
  });
  for (std::size_t i : order) {
    if (static_cast<int>(out.chosen.size()) >= seats || out.tallies[i].approvals == 0) break;
    out.chosen.push_back(out.tallies[i].proposal_id);
    out.tallies[i].rank = static_cast<int>(out.chosen.size());
  }
  return out;
}

}  // namespace workshops::domain
