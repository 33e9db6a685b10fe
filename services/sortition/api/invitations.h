#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace sortition::api {
// Invitation draws: POST/GET /v1/invitation-draws, GET /v1/invitation-draws/:id,
// POST /v1/invitation-draws/:id/draw, GET .../invitees, GET .../mailing-list.
void add_invitation_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring);
}  // namespace sortition::api
