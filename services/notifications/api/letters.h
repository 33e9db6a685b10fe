#pragma once
// The invitation letters (the secretariat's): a job started for an invitation draw, its progress
// and files, a file's download (on the audit trail: it holds names and addresses), the files'
// erasure once printed.
#include <memory>

#include "assembly/documents/documents.h"
#include "assembly/service/service.h"
#include "delivery/sortition.h"

namespace notifications::api {

void add_letter_routes(assembly::service::Context& ctx,
                       std::shared_ptr<assembly::documents::Store> store,
                       std::shared_ptr<delivery::Sortition> sortition);

}  // namespace notifications::api
