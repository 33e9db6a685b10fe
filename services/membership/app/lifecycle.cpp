#include "app/lifecycle.h"

#include <algorithm>
#include <map>

#include "app/accounts.h"
#include "assembly/core/refusal.h"
#include "domain/assignment.h"
#include "events/publish.h"

namespace membership::app {
namespace core = assembly::core;

namespace {

domain::Candidate candidate_of(const store::Member& m) {
  domain::Candidate c{m.id, m.pool, {}, {}};
  for (const auto& [k, v] : m.attributes.items())
    if (v.is_string()) c.attributes[k] = v.get<std::string>();
  for (const auto& t : m.preferences)
    if (t.is_string()) c.preferences.push_back(t.get<std::string>());
  return c;
}

// A preference naming a workshop the assembly does not have (its list changed) is dropped.
void keep_known_preferences(domain::Candidate& c, const std::vector<std::string>& workshops) {
  std::vector<std::string> kept;
  for (const auto& p : c.preferences)
    if (std::find(workshops.begin(), workshops.end(), p) != workshops.end() &&
        std::find(kept.begin(), kept.end(), p) == kept.end())
      kept.push_back(p);
  c.preferences = kept;
}

// A member already in a workshop counts for sizes and composition; their wishes no longer matter.
domain::Candidate placed_candidate(const store::Member& m) {
  auto c = candidate_of(m);
  c.preferences.clear();
  return c;
}

store::Assembly assembly_of(pqxx::work& tx, const std::string& id) {
  auto a = store::find_assembly(tx, id);
  if (!a) throw core::conflict("the member's assembly " + id + " is not known");
  return *a;
}

}  // namespace

std::vector<store::Member> activate_all(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                        const store::Assembly& assembly,
                                        const std::vector<store::Member>& confirmed,
                                        const std::string& actor, const std::string& effective_on) {
  std::map<std::string, std::vector<domain::Candidate>> placed;
  for (const auto& m : store::list(tx, assembly.id, domain::Status::active))
    if (!m.workshop_theme.empty()) placed[m.workshop_theme].push_back(placed_candidate(m));
  std::vector<domain::Candidate> newcomers;
  std::map<std::string, std::string> chosen;  // a workshop set by staff before activation stays
  for (const auto& m : confirmed) {
    if (!m.workshop_theme.empty()) {
      chosen[m.id] = m.workshop_theme;
      placed[m.workshop_theme].push_back(placed_candidate(m));
    } else {
      newcomers.push_back(candidate_of(m));
      keep_known_preferences(newcomers.back(), assembly.workshops);
    }
  }
  for (auto it = placed.begin();
       it != placed.end();)  // a workshop no longer in the list keeps its members
    it = std::find(assembly.workshops.begin(), assembly.workshops.end(), it->first) ==
                 assembly.workshops.end()
             ? placed.erase(it)
             : std::next(it);
  for (const auto& p : domain::assign(newcomers, assembly.workshops, placed))
    chosen[p.member_id] = p.workshop;

  std::vector<store::Member> out;
  for (const auto& m : confirmed) {
    if (!store::change_status(tx, m.id, domain::Status::confirmed, domain::Status::active, "",
                              actor))
      throw core::conflict("member " + m.id + " is no longer confirmed");
    const auto& workshop = chosen.at(m.id);
    if (m.workshop_theme.empty()) {
      store::set_workshop(tx, m.id, "", workshop, "assignment at activation", actor);
      events::member_assigned(tx, outbox, m, workshop, "", "algorithm", effective_on);
    }
    events::member_activated(tx, outbox, m, workshop);
    out.push_back(*store::find(tx, m.id));
  }
  return out;
}

store::Member apply(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                    domain::Action action, const std::string& reason, const std::string& actor,
                    const std::string& effective_on) {
  auto to = domain::next(m.status, action);
  if (!to)
    throw StatusConflict(domain::illegal_transition_message(m.status, action),
                         domain::text(m.status));
  if (action == domain::Action::activate)
    return activate_all(tx, outbox, assembly_of(tx, m.assembly_id), {m}, actor, effective_on)[0];

  if (!store::change_status(tx, m.id, m.status, *to, reason, actor))
    throw core::conflict("the member changed meanwhile; read it again");
  account_after_status(tx, m.id, *to);  // invited: an account; declined, withdrawn: disabled
  switch (action) {
    case domain::Action::confirm:
      events::member_confirmed(tx, outbox, m);
      break;
    case domain::Action::decline:
      events::member_declined(tx, outbox, m);
      break;
    case domain::Action::withdraw:
      events::member_withdrew(tx, outbox, m, effective_on);
      break;
    case domain::Action::invite:
      events::member_invited(tx, outbox, m, "");
      break;
    default:
      break;  // complete: recorded here, no other service needs it
  }
  return *store::find(tx, m.id);
}

std::vector<store::Member> apply_to_all(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                        const std::string& assembly_id, domain::Action action,
                                        const std::string& actor, const std::string& effective_on) {
  auto a = store::find_assembly(tx, assembly_id);
  if (!a) throw core::not_found("no assembly " + assembly_id);
  auto from = domain::legal_sources(action).front();
  store::lock_by_status(tx, assembly_id, from);
  auto members = store::list(tx, assembly_id, from);
  std::vector<store::Member> out;
  if (action == domain::Action::activate)
    return members.empty() ? out : activate_all(tx, outbox, *a, members, actor, effective_on);
  for (const auto& m : members)
    out.push_back(apply(tx, outbox, m, action, "", actor, effective_on));
  return out;
}

store::Member set_preferences(pqxx::work& tx, const store::Member& m,
                              const std::vector<std::string>& themes, const std::string& actor) {
  if (!m.workshop_theme.empty() ||
      (m.status != domain::Status::selected && m.status != domain::Status::invited &&
       m.status != domain::Status::confirmed))
    throw StatusConflict("the member is " + domain::text(m.status) +
                             (m.workshop_theme.empty() ? "" : " in workshop " + m.workshop_theme) +
                             "; preferences count only before the placement at the opening plenary",
                         domain::text(m.status));
  auto a = store::find_assembly(tx, m.assembly_id);
  for (std::size_t i = 0; i < themes.size(); ++i)
    if (a && std::find(a->workshops.begin(), a->workshops.end(), themes[i]) == a->workshops.end())
      throw core::invalid("the assembly has no workshop \"" + themes[i] + "\"",
                          "/workshops/" + std::to_string(i));
  store::set_preferences(tx, m.id, nlohmann::json(themes), actor);
  return *store::find(tx, m.id);
}

int anonymise_now(pqxx::work& tx, const std::string& id) {
  auto a = store::find_assembly(tx, id);
  if (!a) throw core::not_found("no assembly " + id);
  if (!a->anonymised_at.empty())
    throw core::conflict("assembly " + id + " was anonymised at " + a->anonymised_at);
  auto due = store::assemblies_due_for_anonymisation(tx);
  if (std::find(due.begin(), due.end(), id) == due.end())
    throw core::conflict(a->mandate_end.empty()
                             ? "the assembly has no mandate end yet"
                             : "personal data is kept until " + std::to_string(a->retention_days) +
                                   " days after the mandate's end (" + a->mandate_end + ")");
  return anonymise_with_accounts(tx, id);
}

}  // namespace membership::app
