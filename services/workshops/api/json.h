#pragma once
// The service's values as JSON, at the HTTP edge.
#include <nlohmann/json.hpp>

#include "assembly/auth/auth.h"
#include "assembly/http/http.h"
#include "store/axes_store.h"
#include "store/document_store.h"
#include "store/participant_store.h"
#include "store/session_store.h"
#include "store/workshop_store.h"

namespace workshops::api {

// What the public sees of a session (caller null); members and staff see minutes, documents and
// the online link; only staff see the check-in code.
nlohmann::json to_json(const store::Session& s, const assembly::auth::Principal* caller);
// A workshop as the public sees it: theme, title and size, never names.
nlohmann::json to_json(const store::Workshop& w);
nlohmann::json to_json(const store::Phase& p);
nlohmann::json to_json(const store::Change& c);
using assembly::db::to_json;  // attendance with its changes
nlohmann::json to_json(const store::Axis& a);
// A proposal of an axis: its proposer as a kind ("member" or "secretariat"), never a name.
nlohmann::json to_json(const store::AxisProposal& p);
// The members' choice: its state and seats, and once closed its result (the count).
nlohmann::json to_json(const store::AxesChoice& c);
nlohmann::json to_json(const store::AxesCorrection& c);
// A notebook version; its text only when asked.
nlohmann::json to_json(const store::NotebookVersion& v, bool with_text = false);
nlohmann::json to_json(const store::Mandate& m);
// A participant beside the members: the public sees the kind and the organisation only; the
// secretariat and members also the name and the title (`named`).
nlohmann::json to_json(const store::Participant& p, bool named = false);
nlohmann::json to_json(const store::ParticipantAttendance& a);
nlohmann::json to_json(const store::PlenaryDecision& d);
// present / excused / absent counts.
nlohmann::json to_json(const domain::AttendanceCount& c);

template <typename T>
nlohmann::json to_json_array(const std::vector<T>& list) {
  return assembly::http::json_array(list, [](const T& x) { return to_json(x); });
}

}  // namespace workshops::api
