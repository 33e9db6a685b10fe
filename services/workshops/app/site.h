#pragma once
// What the site's page of an assembly's workshops shows (page/workshops.h), read in one
// transaction. No HTTP here.
#include <pqxx/pqxx>
#include <string>

#include "page/workshops.h"

namespace workshops::app {

// The assembly's workshops, phases and sessions, each workshop's axes, submitted notebooks (with
// their text) and mandates. Refused (404) when this service knows nothing of the assembly: no
// workshop, no phase and no session.
page::AssemblyWorkshops assembly_workshops(pqxx::transaction_base& tx,
                                           const std::string& assembly_id);

}  // namespace workshops::app
