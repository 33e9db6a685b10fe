#include "events/publish.h"

namespace sortition::events {
namespace pb = assembly::sortition::v1;

namespace {

// A seated person: a drawn candidate or a respondent, by the fields both have.
template <typename Person>
pb::SelectedPerson selected_person(const Person& r) {
  pb::SelectedPerson p;
  p.set_person_id(r.person_id);
  p.set_pool(r.pool);
  for (const auto& [k, v] : r.attributes) (*p.mutable_attributes())[k] = v;
  return p;
}

}  // namespace

pb::PanelSelected panel_selected(const store::PanelDrawRecord& draw) {
  pb::PanelSelected e;
  e.set_draw_id(draw.id);
  e.set_assembly_id(draw.assembly_id);
  for (const auto& m : draw.members) *e.add_members() = selected_person(m);
  return e;
}

pb::PanelSelected panel_selected(const std::string& selection_id, const std::string& assembly_id,
                                 const std::vector<domain::PanelResult>& results) {
  pb::PanelSelected e;
  e.set_draw_id(selection_id);
  e.set_assembly_id(assembly_id);
  for (const auto& res : results)
    for (const auto& p : res.panel) *e.add_members() = selected_person(p);
  return e;
}

pb::ReplacementDrawn replacement_drawn(const Replacement& r) {
  pb::ReplacementDrawn e;
  e.set_draw_id(r.selection_id);
  e.set_assembly_id(r.assembly_id);
  e.set_replaced_person_id(r.leaver);
  *e.mutable_replacement() = selected_person(r.replacement);
  e.set_quotas_met(r.quotas_met);
  e.set_message(r.message);
  e.set_reason(r.reason);
  e.set_replacement_id(r.id);
  return e;
}

}  // namespace sortition::events
