#pragma once
// The service's JSON, at the HTTP edge: the store's rows as the API shows them.
#include <nlohmann/json.hpp>
#include <vector>

#include "assembly/http/http.h"
#include "store/engagement.h"
#include "store/members.h"
#include "store/trainings.h"

namespace membership::api {

nlohmann::json to_json(const store::Assembly& a);
nlohmann::json to_json(const store::Member& m);
nlohmann::json to_json(const store::HistoryLine& h);
nlohmann::json to_json(const store::RoleRecord& r);
nlohmann::json to_json(const store::TrainingFollowed& t);
nlohmann::json to_json(const store::Consent& c);
// Trainings: the training with its places left and waiting count, a roster line, an attendance
// record with its revisions, a member's own sign-up.
nlohmann::json to_json(const store::Training& t);
nlohmann::json to_json(const store::RosterLine& l);
using assembly::db::to_json;  // attendance with its changes
nlohmann::json to_json(const store::MemberSignUp& s);

// A JSON array of the rows.
template <typename Row>
nlohmann::json to_json(const std::vector<Row>& rows) {
  return assembly::http::json_array(rows, [](const Row& x) { return to_json(x); });
}

}  // namespace membership::api
