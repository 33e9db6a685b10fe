#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace sortition::api {
// Respondents (answers with a letter's code, public and rate-limited, or entered by the
// secretariat after a phone call; withdrawals kept) and quota sets (Sortition Foundation CSV).
void add_respondent_routes(assembly::service::Context& ctx,
                           std::shared_ptr<const assembly::pii::Keyring> keyring,
                           double answers_per_minute);
void add_quota_routes(assembly::service::Context& ctx);
}  // namespace sortition::api
