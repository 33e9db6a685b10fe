#include "store/metrics.h"

namespace recommendations::store {
namespace {

constexpr const char* kRecommendationCounts =
    "SELECT assembly_id AS assembly, theme AS workshop, status, count(*) AS count FROM "
    "recommendations GROUP BY 1, 2, 3";
constexpr const char* kAmendmentCounts =
    "SELECT r.assembly_id AS assembly, a.state, count(*) AS count FROM amendments a "
    "JOIN recommendations r ON r.id = a.recommendation_id GROUP BY 1, 2";
constexpr const char* kBallotCounts =
    "SELECT assembly_id AS assembly, state, coalesce(result->>'outcome', '') AS outcome, "
    "count(*) AS count FROM ballots GROUP BY 1, 2, 3";
constexpr const char* kBallotTurnouts =
    "SELECT assembly_id AS assembly, id AS ballot, (result->>'turnout')::float8 AS turnout FROM "
    "ballots WHERE state = 'closed'";

}  // namespace

std::vector<RecommendationCount> recommendation_counts(pqxx::transaction_base& tx) {
  std::vector<RecommendationCount> out;
  for (const auto& r : tx.exec(kRecommendationCounts))
    out.push_back({r["assembly"].as<std::string>(), r["workshop"].as<std::string>(),
                   r["status"].as<std::string>(), r["count"].as<double>()});
  return out;
}

std::vector<AmendmentCount> amendment_counts(pqxx::transaction_base& tx) {
  std::vector<AmendmentCount> out;
  for (const auto& r : tx.exec(kAmendmentCounts))
    out.push_back(
        {r["assembly"].as<std::string>(), r["state"].as<std::string>(), r["count"].as<double>()});
  return out;
}

std::vector<BallotCount> ballot_counts(pqxx::transaction_base& tx) {
  std::vector<BallotCount> out;
  for (const auto& r : tx.exec(kBallotCounts))
    out.push_back({r["assembly"].as<std::string>(), r["state"].as<std::string>(),
                   r["outcome"].as<std::string>(), r["count"].as<double>()});
  return out;
}

std::vector<BallotTurnout> ballot_turnouts(pqxx::transaction_base& tx) {
  std::vector<BallotTurnout> out;
  for (const auto& r : tx.exec(kBallotTurnouts))
    out.push_back({r["assembly"].as<std::string>(), r["ballot"].as<std::string>(),
                   r["turnout"].as<double>()});
  return out;
}

}  // namespace recommendations::store
