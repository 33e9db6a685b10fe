#pragma once
#include <string>

#include "assembly/service/service.h"

namespace followup::api {
// GET /v1/dossiers (public), GET /v1/dossiers/:id (public): one dossier per motion.
void add_routes(assembly::service::Context& ctx);
// Council sessions, agenda items, debates and decisions (council clerks; public reads).
void add_council_routes(assembly::service::Context& ctx);
// Commitments, milestones, evidence (city-service staff of the owning department; public reads).
void add_commitment_routes(assembly::service::Context& ctx);
// The report schedule, compiling and publishing reports (secretariat), overdue detection.
void add_report_routes(assembly::service::Context& ctx);
// The public transparency page and the open data.
void add_public_page(assembly::service::Context& ctx);
// Dashboard figures: commitments by status, overdue milestones, days since the last report,
// reports; on /metrics and, one assembly's, GET /v1/assemblies/:id/follow-up-figures (public).
void add_metrics(assembly::service::Context& ctx);

// The :id of an assembly's route; 404 when it cannot be one.
std::string assembly_param(const assembly::http::Request& req);
// Today by the database's clock (assembly::db::today), in a transaction of its own: the date the
// routes' rules read (a milestone done "today", a report compiled as of today).
std::string db_today(assembly::db::Pool& db);
}  // namespace followup::api
