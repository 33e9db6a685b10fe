#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace membership::api {
// Roles, trainings, participation, consents, contact details (sealed) and the member's export.
// default_absences: the default streak of unexcused absences that puts a member at risk.
void add_engagement_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring, int default_absences);
// The members' evaluation of their mandate (answers held sealed under `keyring` until the close).
void add_evaluation_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring);
}  // namespace membership::api
