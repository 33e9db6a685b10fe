#pragma once
#include <nlohmann/json.hpp>

#include "assembly/service/service.h"
#include "domain/trainings.h"

namespace membership::api {
// Trainings: offer, list, sign up and withdraw (the waiting list), the roster, attendance, the
// "followed" shortcut, a member's own sign-ups.
void add_training_routes(assembly::service::Context& ctx);
// A member's trainings in their participation figures: signed up, placed, waiting, attended
// (present), excused, absent.
nlohmann::json to_json(const domain::TrainingCounts& c);
// The assembly's: the same summed, the trainings offered, members who signed up and attended.
nlohmann::json to_json(const domain::TrainingTotals& t, std::size_t offered);
}  // namespace membership::api
