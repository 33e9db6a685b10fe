#pragma once
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/documents/documents.h"
#include "assembly/service/service.h"

namespace sortition::api {
// POST /v1/selections/:id/signed-record (the secretariat: the bailiff-signed record, a PDF),
// GET /v1/selections/:id/signed-records (public), GET /v1/documents/:id (the signed link).
void add_upload_routes(assembly::service::Context& ctx,
                       std::shared_ptr<assembly::documents::Store> store);
// The signed records kept with a draw, oldest first (the record's page links to the last).
std::vector<assembly::documents::Document> signed_records_of(pqxx::transaction_base& tx,
                                                             const std::string& selection_id);
}  // namespace sortition::api
