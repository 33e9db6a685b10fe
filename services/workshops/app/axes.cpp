#include "app/axes.h"

#include <algorithm>
#include <map>

#include "app/documents.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "events/publish.h"

namespace workshops::app {
namespace core = assembly::core;

namespace {

void refuse_unless_no_choice(pqxx::transaction_base& tx, const std::string& workshop_id) {
  if (auto c = store::find_choice(tx, workshop_id))
    throw core::conflict("the members' choice of axes is " +
                         std::string(domain::to_string(c->state)) + ": no more proposals");
}

store::AxesChoice open_choice_of(pqxx::transaction_base& tx, const std::string& workshop_id) {
  auto c = store::find_choice(tx, workshop_id, true);
  if (!c) throw core::conflict("the members' choice of axes is not open");
  if (c->state != domain::AxesChoiceState::open)
    throw core::conflict("the members' choice of axes is closed");
  return *c;
}

}  // namespace

store::AxisProposal propose_axis(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                 const std::string& workshop_id, const Actor& by,
                                 const std::string& title, const std::string& text) {
  auto w = staff_or_on_roster(tx, workshop_id, by.subject, by.secretariat);
  refuse_unless_no_choice(tx, workshop_id);
  store::AxisProposal p{
      core::new_uuid(),
      workshop_id,
      title,
      text,
      by.secretariat ? domain::ProposerKind::secretariat : domain::ProposerKind::member,
      ""};
  store::insert_proposal(tx, p, by.subject);
  events::axis_proposed(tx, outbox, w, p);
  return *store::find_proposal(tx, p.id);
}

store::AxesChoice open_axes_choice(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                   const std::string& workshop_id, int seats,
                                   const std::string& by) {
  auto w = must_find_workshop(tx, workshop_id);
  auto list = store::proposals(tx, workshop_id);
  if (list.empty()) throw core::conflict("no axis was proposed yet");
  if (!store::open_choice(tx, workshop_id, seats, by))
    throw core::conflict("the members' choice of axes was opened already");
  events::axes_choice_opened(tx, outbox, w, seats, static_cast<int>(list.size()));
  return *store::find_choice(tx, workshop_id);
}

std::vector<std::size_t> unknown_proposals(pqxx::transaction_base& tx,
                                           const std::string& workshop_id,
                                           const std::vector<std::string>& approve) {
  auto list = store::proposals(tx, workshop_id);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < approve.size(); ++i)
    if (std::none_of(list.begin(), list.end(),
                     [&](const store::AxisProposal& p) { return p.id == approve[i]; }))
      out.push_back(i);
  return out;
}

store::StoredBallot cast_axes_ballot(pqxx::work& tx, const std::string& workshop_id,
                                     const std::string& member_id,
                                     const std::vector<std::string>& approve) {
  staff_or_on_roster(tx, workshop_id, member_id, false);
  open_choice_of(tx, workshop_id);
  store::put_ballot(tx, workshop_id, member_id, approve);
  return *store::find_ballot(tx, workshop_id, member_id);
}

store::StoredBallot own_axes_ballot(pqxx::transaction_base& tx, const std::string& workshop_id,
                                    const std::string& member_id) {
  must_find_workshop(tx, workshop_id);
  auto b = store::find_ballot(tx, workshop_id, member_id);
  if (!b) throw core::not_found("no ballot of yours in this workshop's choice of axes");
  return *b;
}

nlohmann::json count_json(const domain::AxesCount& count,
                          const std::vector<store::AxisProposal>& proposals) {
  std::map<std::string, const store::AxisProposal*> by_id;
  for (const auto& p : proposals) by_id[p.id] = &p;
  nlohmann::json tallies = nlohmann::json::array();
  for (const auto& t : count.tallies) {
    const auto& p = *by_id.at(t.proposal_id);
    tallies.push_back({{"proposal_id", t.proposal_id},
                       {"title", p.title},
                       {"proposer", domain::to_string(p.proposer)},
                       {"approvals", t.approvals},
                       {"chosen", t.rank > 0},
                       {"rank", t.rank > 0 ? nlohmann::json(t.rank) : nlohmann::json()}});
  }
  return {{"method", count.method},
          {"seats", count.seats},
          {"voters", count.voters},
          {"tallies", tallies},
          {"chosen", count.chosen}};
}

store::AxesChoice close_axes_choice(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                    const std::string& workshop_id, const std::string& chosen_on,
                                    const std::string& by) {
  auto choice = open_choice_of(tx, workshop_id);
  auto w = workshop_choosing_axes(tx, workshop_id, chosen_on);
  auto list = store::proposals(tx, workshop_id);
  std::vector<std::string> ids;
  for (const auto& p : list) ids.push_back(p.id);
  auto count = domain::count_approvals(ids, store::ballots(tx, workshop_id), choice.seats);
  if (count.chosen.empty()) throw core::conflict("no proposal was approved: the choice stays open");
  std::vector<store::Axis> axes;
  for (const auto& id : count.chosen) {
    const auto& p = *std::find_if(list.begin(), list.end(),
                                  [&](const store::AxisProposal& x) { return x.id == id; });
    axes.push_back({static_cast<int>(axes.size() + 1), p.title, p.text, chosen_on});
  }
  store::replace_axes(tx, workshop_id, axes, chosen_on, by);
  store::close_choice(tx, workshop_id, chosen_on, count_json(count, list).dump(), by);
  events::axes_chosen(tx, outbox, w, count, list, chosen_on);
  return *store::find_choice(tx, workshop_id);
}

std::vector<store::Axis> set_axes(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                  const std::string& workshop_id, const std::string& chosen_on,
                                  const std::vector<store::Axis>& axes, const std::string& reason,
                                  const std::string& by) {
  auto w = workshop_choosing_axes(tx, workshop_id, chosen_on);
  auto choice = store::find_choice(tx, workshop_id, true);
  if (choice && choice->state == domain::AxesChoiceState::open)
    throw core::conflict("the members are choosing the axes: close their choice first");
  const bool correction = choice.has_value();
  if (correction && reason.empty())
    throw core::invalid("the members chose the axes: a correction gives its reason", "/reason");
  store::replace_axes(tx, workshop_id, axes, chosen_on, by);
  if (correction) {
    std::vector<std::string> titles;
    for (const auto& a : axes) titles.push_back(a.title);
    store::insert_correction(tx, workshop_id, reason, chosen_on, titles, by);
    events::axes_corrected(tx, outbox, w, reason, titles, chosen_on, by);
  }
  return store::axes(tx, workshop_id);
}

}  // namespace workshops::app
