#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace recommendations::api {
// GET /v1/motions (public), GET /v1/motions/:id (public)
void add_routes(assembly::service::Context& ctx);
// Ballots (workshop or plenary; open or secret; quorum and rule), votes with receipts (secret
// votes held under `keyring` until the close), and the motions' adoption and sending to the
// Council.
void add_ballot_routes(assembly::service::Context& ctx,
                       std::shared_ptr<assembly::pii::Keyring> keyring);
// Recommendations: versions, amendments, status (RecommendationSubmitted at hand-over),
// co-construction feedback.
void add_drafting_routes(assembly::service::Context& ctx);
// The motion's versions (proposed in co-construction sessions), listed and compared.
void add_motion_version_routes(assembly::service::Context& ctx);
// The debate on a motion at the last plenary: PUT (secretariat), GET (public).
void add_debate_routes(assembly::service::Context& ctx);
}  // namespace recommendations::api
