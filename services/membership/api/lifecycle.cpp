#include "api/lifecycle.h"

#include <algorithm>
#include <map>

#include "assembly/auth/auth.h"
#include "assembly/membership/v1/events.pb.h"
#include "domain/assignment.h"

namespace membership::api {
namespace http = assembly::http;
namespace pb = assembly::membership::v1;

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
  if (!a) throw http::conflict("the member's assembly " + id + " is not known");
  return *a;
}

void publish_activated(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Member& m, const std::string& workshop) {
  pb::MemberActivated e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_workshop_theme(workshop);
  e.set_pool(m.pool);
  outbox.append(tx, e, m.id);
}

// MemberDeclined and MemberWithdrew say the same: whose seat is free, in which selection, why.
template <typename Event>
Event seat_freed(const store::Member& m, const std::string& reason) {
  Event e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  e.set_panel_draw_id(m.draw_id);
  e.set_reason(reason);
  return e;
}

}  // namespace

store::Member self_or_staff(pqxx::work& tx, const http::Request& req, const std::string& member_id,
                            bool for_update) {
  const auto& caller = req.caller();
  // Refuse before looking: a member learns nothing of other ids, not even whether they exist.
  if (!caller.has(assembly::auth::kSecretariat) && caller.subject != member_id)
    throw http::forbidden("a member may act only on their own record");
  auto m = store::find(tx, member_id, for_update);
  if (!m) throw http::not_found("no member " + member_id);
  return *m;
}

void publish_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Member& m, const std::string& workshop,
                      const std::string& previous, const std::string& reason,
                      const std::string& effective_on) {
  pb::MemberAssigned e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  e.set_workshop_theme(workshop);
  e.set_previous_workshop_theme(previous);
  e.set_reason(reason);
  e.set_pool(m.pool);
  e.set_effective_on(effective_on);
  outbox.append(tx, e, m.id);
}

std::vector<store::Member> activate_all(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                        const store::Assembly& assembly,
                                        const std::vector<store::Member>& confirmed,
                                        const std::string& actor, const std::string& effective_on) {
  std::map<std::string, std::vector<domain::Candidate>> placed;
  for (const auto& m : store::list(tx, assembly.id, "active"))
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
    if (!store::change_status(tx, m.id, "confirmed", "active", "", actor))
      throw http::conflict("member " + m.id + " is no longer confirmed");
    const auto& workshop = chosen.at(m.id);
    if (m.workshop_theme.empty()) {
      store::set_workshop(tx, m.id, "", workshop, "assignment at activation", actor);
      publish_assigned(tx, outbox, m, workshop, "", "algorithm", effective_on);
    }
    publish_activated(tx, outbox, m, workshop);
    out.push_back(*store::find(tx, m.id));
  }
  return out;
}

store::Member apply(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                    domain::Action action, const std::string& reason, const std::string& actor,
                    const std::string& effective_on) {
  auto current = domain::parse_status(m.status);
  if (!current) throw std::logic_error("member " + m.id + " has an unknown status " + m.status);
  auto to = domain::next(*current, action);
  if (!to)
    throw http::conflict(domain::illegal_transition_message(*current, action))
        .with("status", m.status);
  if (action == domain::Action::activate)
    return activate_all(tx, outbox, assembly_of(tx, m.assembly_id), {m}, actor, effective_on)[0];

  if (!store::change_status(tx, m.id, m.status, std::string(domain::to_string(*to)), reason, actor))
    throw http::conflict("the member changed meanwhile; read it again");
  switch (action) {
    case domain::Action::confirm: {
      pb::MemberConfirmed e;
      e.set_member_id(m.id);
      e.set_assembly_id(m.assembly_id);
      e.set_person_id(m.person_id);
      outbox.append(tx, e, m.id);
      break;
    }
    case domain::Action::decline:
      outbox.append(tx, seat_freed<pb::MemberDeclined>(m, reason), m.id);
      break;
    case domain::Action::withdraw: {
      auto e = seat_freed<pb::MemberWithdrew>(m, reason);
      e.set_effective_on(effective_on);
      outbox.append(tx, e, m.id);
    } break;
    default:
      break;  // invite and complete: recorded here, no other service needs them
  }
  return *store::find(tx, m.id);
}

}  // namespace membership::api
