#pragma once
#include <memory>

#include "assembly/documents/documents.h"
#include "assembly/service/service.h"

namespace followup::api {
// POST /v1/commitments/:id/evidence/file (city-service staff of the owning department: a PDF or
// an image shown as evidence, public like the commitment), GET /v1/documents/:id (its link).
void add_upload_routes(assembly::service::Context& ctx,
                       std::shared_ptr<assembly::documents::Store> store);
}  // namespace followup::api
