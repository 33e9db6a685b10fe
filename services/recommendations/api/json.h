#pragma once
// The service's values as JSON, at the HTTP edge.
#include <nlohmann/json.hpp>

#include "app/ballots.h"
#include "assembly/http/http.h"
#include "domain/ballot.h"
#include "store/ballots.h"
#include "store/motion_store.h"
#include "store/recommendations.h"

namespace recommendations::api {

nlohmann::json to_json(const store::Motion& m);
nlohmann::json to_json(const domain::Result& r);
nlohmann::json to_json(const store::Ballot& b);
nlohmann::json to_json(const store::TallyEntry& t);
// The ballot with every stored vote (and, secret, who voted): what anyone recounts.
nlohmann::json to_json(const app::Results& r);

nlohmann::json to_json(const store::Recommendation& r);
nlohmann::json to_json(const store::Version& v);
nlohmann::json to_json(const store::Amendment& a);
nlohmann::json to_json(const store::StatusChange& c);
nlohmann::json to_json(const store::Feedback& f);

template <typename T>
nlohmann::json to_json_array(const std::vector<T>& list) {
  return assembly::http::json_array(list, [](const T& x) { return to_json(x); });
}

}  // namespace recommendations::api
