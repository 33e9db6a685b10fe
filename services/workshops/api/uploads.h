#pragma once
#include <memory>

#include "assembly/documents/documents.h"
#include "assembly/service/service.h"

namespace workshops::api {
// A session's material as uploaded files (hearing material, a site visit's papers):
// POST /v1/sessions/:id/documents/file (the secretariat, the workshop's facilitators),
// GET /v1/sessions/:id/documents/files (who reads the session's participants: the secretariat,
// its facilitators, the members on its workshop), GET /v1/documents/:id (the signed link).
void add_upload_routes(assembly::service::Context& ctx,
                       std::shared_ptr<assembly::documents::Store> store);
}  // namespace workshops::api
