#pragma once
// SQL for the public list of cohorts: each assembly with its members counted by status.
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace membership::store {

struct Cohort {
  int number = 0;  // 1 for the first cohort, in the order of their mandates (or creation)
  std::string id, name, mandate_start, mandate_end;  // dates "" when not set
  std::vector<std::string> workshops;
  std::map<std::string, int> members_by_status;
  bool anonymised = false;
};

std::vector<Cohort> list_cohorts(pqxx::transaction_base& tx);

}  // namespace membership::store
