#pragma once
// SQL for the site's page of an assembly's motions (page/motions.h): what the other stores do not
// read. Each query is a named constant; rows are read by column name.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "store/motion_store.h"

namespace recommendations::store {

// A motion as the public reads it: its current text and when it passed each step ("" until then).
struct PublicMotion {
  Motion motion;
  std::string text;
  std::string approved_at, adopted_at, sent_at;
};
std::vector<PublicMotion> public_motions(pqxx::transaction_base& tx,
                                         const std::string& assembly_id);

// Whether this service knows the assembly: a motion, a recommendation, a ballot or a member.
bool assembly_known(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace recommendations::store
