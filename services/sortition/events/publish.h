#pragma once
// Domain facts of the sortition service as protobuf events (proto/assembly/sortition/v1).
#include <string>
#include <vector>

#include "assembly/sortition/v1/events.pb.h"
#include "domain/panel_select.h"
#include "store/panel_draw_store.h"

namespace sortition::events {

// The uniform inline draw's panel.
assembly::sortition::v1::PanelSelected panel_selected(const store::PanelDrawRecord& draw);

// A selection's panel: every seat pool's members, in draw order.
assembly::sortition::v1::PanelSelected panel_selected(
    const std::string& selection_id, const std::string& assembly_id,
    const std::vector<domain::PanelResult>& results);

struct Replacement {
  std::string id, selection_id, assembly_id, leaver, reason, message;
  domain::Respondent replacement;
  bool quotas_met = false;
};
assembly::sortition::v1::ReplacementDrawn replacement_drawn(const Replacement& r);

}  // namespace sortition::events
