#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace sortition::api {
// Invitation draws: POST/GET /v1/invitation-draws, GET /v1/invitation-draws/:id,
// POST /v1/invitation-draws/:id/draw, GET .../invitees, GET .../mailing-list.
void add_invitation_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring);

// The response code printed on an invitee's letter: 10 characters of an unambiguous alphabet,
// "XXXXX-XXXXX", derived by keyed hash from the draw and the person (never stored).
std::string response_code(const assembly::pii::Keyring& keyring, const std::string& draw_id,
                          const std::string& person_id);
// The normal form of a code as typed by someone (upper case, no separators), for hashing.
std::string normalise_code(std::string_view typed);
}  // namespace sortition::api
