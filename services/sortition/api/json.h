#pragma once
// The service's values as the HTTP API shows them.
#include <nlohmann/json.hpp>
#include <vector>

#include "app/replacement.h"
#include "app/respondents.h"
#include "app/selections.h"
#include "imports/pool_import.h"
#include "store/invitations.h"
#include "store/panel_draw_store.h"
#include "store/selections.h"

namespace sortition::api {

nlohmann::json to_json(const store::Selection& s);
// The selection with its "panel" and "reserve" lists.
nlohmann::json to_json(const store::Selection& s, const std::vector<store::ListedPerson>& people);
// The public record as served: the stored record with the time the draw finished.
nlohmann::json record_json(const store::Selection& s);
nlohmann::json to_json(const app::Replacement& r);
nlohmann::json to_json(const store::InvitationDraw& d);
nlohmann::json to_json(const store::Respondent& r);
// With its contact details opened (the secretariat's list).
nlohmann::json to_json(const app::RespondentView& r);
nlohmann::json to_json(const app::QuotaSetView& q);
// An invitation draw's answers by criterion beside its pool's shares (shares as fractions).
nlohmann::json to_json(const app::AnswerFiguresView& f);
nlohmann::json to_json(const app::PoolFeasibility& f);
// The uniform inline draw; its members only when asked (not in lists).
nlohmann::json to_json(const store::PanelDrawRecord& d, bool with_members);
nlohmann::json to_json(const imports::PoolRow& p);
// A pool import job, with the address of the next part while it is receiving.
nlohmann::json to_json(const imports::ImportRow& j);

}  // namespace sortition::api
