#pragma once
// SQL for the versions of a motion's text. Each query is a named constant; rows
// are read by column name.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/version.h"

namespace recommendations::store {

struct MotionVersion {
  std::string motion_id;
  int version = 0;
  std::string title, text, session_id;  // session_id "" when none
  domain::Proposer proposer;
  std::string note, recorded_by, created_at;
};

// Adds the motion's next version and makes it the motion's title and text; its
// number.
int add_motion_version(pqxx::work& tx, const MotionVersion& v);
std::vector<MotionVersion> motion_versions(pqxx::transaction_base& tx,
                                           const std::string& motion_id);
std::optional<MotionVersion> motion_version(pqxx::transaction_base& tx,
                                            const std::string& motion_id, int version);
// Whether a ballot of the motion's workshop on it is open.
bool workshop_ballot_open(pqxx::transaction_base& tx, const std::string& motion_id);

}  // namespace recommendations::store
