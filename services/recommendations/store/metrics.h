#pragma once
// SQL for the dashboard figures, recomputed from the database. Each query is a named constant.
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace recommendations::store {

struct RecommendationCount {
  std::string assembly, workshop, status;
  double count = 0;
};
struct AmendmentCount {
  std::string assembly, state;
  double count = 0;
};
struct BallotCount {
  std::string assembly, state, outcome;  // outcome "" while open
  double count = 0;
};
struct BallotTurnout {
  std::string assembly, ballot;
  double turnout = 0;
};

std::vector<RecommendationCount> recommendation_counts(pqxx::transaction_base& tx);
std::vector<AmendmentCount> amendment_counts(pqxx::transaction_base& tx);
std::vector<BallotCount> ballot_counts(pqxx::transaction_base& tx);
std::vector<BallotTurnout> ballot_turnouts(pqxx::transaction_base& tx);  // closed ballots

}  // namespace recommendations::store
