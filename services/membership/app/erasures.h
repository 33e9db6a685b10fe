#pragma once
// The erasure of one person on request (GDPR art. 17; docs/privacy.md): membership erases what it
// holds (the member's contact details, free-text reasons, the link to the sortition pool,
// preferences, attributes, the account) and asks every other service for theirs with
// ErasureRequested; each answers with ErasureCompleted, gathered in the erasure's report.
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assembly/events/outbox.h"
#include "store/erasures.h"

namespace membership::app {

// The services that hold data about members and answer an erasure (services/services.txt).
inline constexpr std::array<std::string_view, 6> kErasingServices = {
    "sortition", "membership", "workshops", "recommendations", "followup", "notifications"};

// Erases the member here and publishes ErasureRequested, once per member: asked again, the
// erasure already made is returned (second: false). invalid (/member_id) for an unknown member.
std::pair<store::Erasure, bool> request_erasure(pqxx::work& tx,
                                                const assembly::events::Outbox& outbox,
                                                const std::string& member_id,
                                                const std::string& by);

// The erasure and each service's answer so far: not_found.
struct ErasureProgress {
  store::Erasure erasure;
  std::vector<store::ErasureReport> reports;  // those received, by service
};
ErasureProgress erasure_progress(pqxx::transaction_base& tx, const std::string& id);

}  // namespace membership::app
