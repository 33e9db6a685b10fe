#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace membership::workers {
// Carries out the account tasks (provision, disable, delete) in the identity provider every
// ACCOUNT_TASK_SECONDS, when KEYCLOAK_ADMIN_URL is set; says at start that provisioning is off
// otherwise (the tasks then wait in the table).
void add_account_worker(assembly::service::Context& ctx,
                        std::shared_ptr<assembly::pii::Keyring> keyring);
}  // namespace membership::workers
