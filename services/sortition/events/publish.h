#pragma once
// Domain facts of the sortition service as protobuf events (proto/assembly/sortition/v1).
#include "assembly/sortition/v1/events.pb.h"
#include "store/panel_draw_store.h"

namespace sortition::events {

assembly::sortition::v1::PanelSelected panel_selected(const store::PanelDrawRecord& draw);

}  // namespace sortition::events
