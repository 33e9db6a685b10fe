#include "store/scope.h"

namespace recommendations::store {
namespace {

// A ballot names its workshop by theme: the workshop id is left out (no route of a ballot is
// limited by workshop).
constexpr const char* kBallotBelonging =
    "SELECT assembly_id, '' AS workshop_id FROM ballots WHERE id = $1";
constexpr const char* kMotionBelonging =
    "SELECT assembly_id, workshop_id FROM motions WHERE id = $1";
constexpr const char* kRecommendationBelonging =
    "SELECT assembly_id, workshop_id FROM recommendations WHERE id = $1";
constexpr const char* kAmendmentBelonging =
    "SELECT r.assembly_id AS assembly_id, r.workshop_id AS workshop_id FROM amendments a "
    "JOIN recommendations r ON r.id = a.recommendation_id WHERE a.id = $1";

std::optional<Belonging> one(pqxx::transaction_base& tx, const char* query, const std::string& id) {
  auto rows = tx.exec_params(query, id);
  if (rows.empty()) return std::nullopt;
  return Belonging{rows[0]["assembly_id"].as<std::string>(),
                   rows[0]["workshop_id"].as<std::string>()};
}

}  // namespace

std::optional<Belonging> ballot_belonging(pqxx::transaction_base& tx, const std::string& id) {
  return one(tx, kBallotBelonging, id);
}

std::optional<Belonging> motion_belonging(pqxx::transaction_base& tx, const std::string& id) {
  return one(tx, kMotionBelonging, id);
}

std::optional<Belonging> recommendation_belonging(pqxx::transaction_base& tx,
                                                  const std::string& id) {
  return one(tx, kRecommendationBelonging, id);
}

std::optional<Belonging> amendment_belonging(pqxx::transaction_base& tx, const std::string& id) {
  return one(tx, kAmendmentBelonging, id);
}

}  // namespace recommendations::store
