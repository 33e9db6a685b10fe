#include "app/erasures.h"

#include "app/accounts.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/service/erasure.h"
#include "events/publish.h"
#include "store/members.h"

namespace membership::app {
namespace core = assembly::core;

std::pair<store::Erasure, bool> request_erasure(pqxx::work& tx,
                                                const assembly::events::Outbox& outbox,
                                                const std::string& member_id,
                                                const std::string& by) {
  if (auto done = store::find_erasure_of_member(tx, member_id)) return {*done, false};
  auto m = store::find(tx, member_id, true);
  if (!m) throw core::invalid("no member " + member_id, "/member_id");
  store::Erasure e{core::new_uuid(), member_id, by, ""};
  store::insert_erasure(tx, e);
  auto erased = erase_member_with_account(tx, member_id);
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [kind, rows] : erased) counts[kind] = rows;
  store::record_erasure_report(tx, e.id, "membership", counts);
  events::erasure_requested(tx, outbox, e.id, *m, erased);
  return {*store::find_erasure(tx, e.id), true};
}

ErasureProgress erasure_progress(pqxx::transaction_base& tx, const std::string& id) {
  auto e = store::find_erasure(tx, id);
  if (!e) throw core::not_found("no erasure " + id);
  return {*e, store::erasure_reports(tx, id)};
}

}  // namespace membership::app
