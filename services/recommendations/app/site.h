#pragma once
// What the site's page of an assembly's motions shows (page/motions.h), read in one transaction.
// No HTTP here.
#include <pqxx/pqxx>
#include <string>

#include "page/motions.h"

namespace recommendations::app {

// The assembly's motions (with their debates), recommendations and ballots. Refused (404) when
// this service knows nothing of the assembly: no motion, recommendation, ballot or member.
page::AssemblyMotions assembly_motions(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace recommendations::app
