#pragma once
// SQL for the erasures of one person on request: the request, and what each service reported it
// erased.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace membership::store {

struct Erasure {
  std::string id, member_id, requested_by, requested_at;
};

// One service's answer: what it erased, counted by kind.
struct ErasureReport {
  std::string service, completed_at;
  nlohmann::json erased = nlohmann::json::object();
};

void insert_erasure(pqxx::work& tx, const Erasure& e);
std::optional<Erasure> find_erasure(pqxx::transaction_base& tx, const std::string& id);
// The erasure asked for this member, if any (one per member).
std::optional<Erasure> find_erasure_of_member(pqxx::transaction_base& tx,
                                              const std::string& member_id);
// Records a service's answer once (a second one is ignored); false when the erasure is unknown.
bool record_erasure_report(pqxx::work& tx, const std::string& erasure_id,
                           const std::string& service, const nlohmann::json& erased);
std::vector<ErasureReport> erasure_reports(pqxx::transaction_base& tx,
                                           const std::string& erasure_id);

}  // namespace membership::store
