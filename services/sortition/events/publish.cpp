#include "events/publish.h"

namespace sortition::events {

assembly::sortition::v1::PanelSelected panel_selected(const store::PanelDrawRecord& draw) {
  assembly::sortition::v1::PanelSelected e;
  e.set_draw_id(draw.id);
  e.set_assembly_id(draw.assembly_id);
  for (const auto& m : draw.members) {
    auto* p = e.add_members();
    p->set_person_id(m.person_id);
    p->set_pool(m.pool);
    for (const auto& [k, v] : m.attributes) (*p->mutable_attributes())[k] = v;
  }
  return e;
}

}  // namespace sortition::events
