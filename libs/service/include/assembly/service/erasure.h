#pragma once
// The erasure of one person on request (GDPR art. 17; docs/privacy.md). Membership accepts the
// request, erases its own data and publishes assembly.membership.v1.ErasureRequested; every
// other service erases what it holds about that person in its own schema and answers
// assembly.erasure.v1.ErasureCompleted (what it erased, counted by kind) on its own topic, in the
// transaction of the erasure: a redelivered request finds the inbox and has no second effect.
#include <functional>
#include <map>
#include <string>

#include "assembly/erasure/v1/erasure.pb.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/service/service.h"

namespace assembly::service {

// Rows erased by kind of data ("contact_details", "free_text_reasons", ...); a kind with none is
// still named, with 0, so the report says what was looked for.
using Erased = std::map<std::string, long>;

// The answer of `service` to `request`.
erasure::v1::ErasureCompleted erasure_completed(const membership::v1::ErasureRequested& request,
                                                const std::string& service, const Erased& erased);

// Handles ErasureRequested: `erase` erases the person in the service's schema and says what; the
// service's ErasureCompleted goes to its outbox in the same transaction.
void on_erasure_requested(
    Context& ctx,
    std::function<Erased(pqxx::work&, const membership::v1::ErasureRequested&)> erase);

}  // namespace assembly::service
