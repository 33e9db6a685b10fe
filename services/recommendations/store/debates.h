#pragma once
// SQL for the debates on motions at the last plenary. Each query is a named
// constant; rows are read by column name.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "domain/debate.h"

namespace recommendations::store {

struct StoredDebate {
  domain::Debate debate;
  std::string recorded_at;
};

// Records the motion's debate, replacing the one recorded before (its speakers
// in one statement).
void put_debate(pqxx::work& tx, const domain::Debate& d, const std::string& recorded_by);
std::optional<StoredDebate> find_debate(pqxx::transaction_base& tx, const std::string& motion_id);

}  // namespace recommendations::store
