#pragma once
// SQL for panel draws. Each query is a named constant; nothing else in the service writes SQL.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/panel_draw.h"

namespace sortition::store {

struct PanelDrawRecord {
  std::string id;
  std::string assembly_id;
  int seats = 0;
  std::string seed_sha256;
  std::string candidates_sha256;
  int candidate_count = 0;
  std::string created_by;
  std::string created_at;
  std::vector<domain::Candidate> members;  // in draw order
};

void insert(pqxx::work& tx, const PanelDrawRecord& draw);
std::optional<PanelDrawRecord> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<PanelDrawRecord> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace sortition::store
