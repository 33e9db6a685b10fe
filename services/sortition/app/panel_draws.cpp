#include "app/panel_draws.h"

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "events/publish.h"

namespace sortition::app {

store::PanelDrawRecord draw_panel(pqxx::work& tx, assembly::events::Outbox& outbox,
                                  const domain::PanelDrawRequest& request, const std::string& by) {
  std::vector<domain::Candidate> selected;
  try {
    selected = domain::draw_uniform(request);
  } catch (const domain::InvalidDraw& e) {
    throw assembly::core::invalid(e.what(), e.field());
  }
  store::PanelDrawRecord record;
  record.id = assembly::core::new_uuid();
  record.assembly_id = request.assembly_id;
  record.seats = request.seats;
  record.seed_sha256 = domain::sha256_hex(request.seed);
  record.candidates_sha256 = domain::candidates_digest(request.candidates);
  record.candidate_count = static_cast<int>(request.candidates.size());
  record.created_by = by;
  record.members = std::move(selected);
  store::insert(tx, record);
  outbox.append(tx, events::panel_selected(record), record.id);
  return *store::find(tx, record.id);
}

}  // namespace sortition::app
