#pragma once
// The walking skeleton's uniform draw from candidates given inline (POST /v1/panel-draws).
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"
#include "domain/panel_draw.h"
#include "store/panel_draw_store.h"

namespace sortition::app {

// Draws, stores the draw and PanelSelected. core::Refused (invalid, with the field) when the
// request cannot be drawn.
store::PanelDrawRecord draw_panel(pqxx::work& tx, assembly::events::Outbox& outbox,
                                  const domain::PanelDrawRequest& request, const std::string& by);

}  // namespace sortition::app
