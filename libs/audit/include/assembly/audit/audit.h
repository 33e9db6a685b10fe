#pragma once
// The audit trail (docs/audit.md): who read personal data and who changed what. One append-only
// table, audit_log, in every service's schema (its migration 0013_audit_log); an entry is written
// for every successful change (any method but GET and HEAD) of a non-public route and for every
// answer of a route marked `personal_data` (http::RouteOptions), through the router's one hook
// (install); the auditor reads it with GET /v1/audit.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/db/pool.h"
#include "assembly/http/http.h"

namespace assembly::audit {

struct Entry {
  std::string actor;                   // who: a member's id, any other account's id (`sub`)
  std::string role;                    // the role the route admitted the caller by
  std::string action;                  // the route: "POST /v1/members/:id/contact"
  std::string object_type, object_id;  // the resource ("members") and its id ("" when none)
  std::string subject_member_id;       // the member whose personal data was read ("" when none)
  int status = 0;                      // the answer's status
  std::string trace_id;
};

// The entry an answer of `route` to `request` makes; nullopt when it is not audited (a public
// route, a read of no personal data, a secret vote or an anonymous answer: RouteOptions::
// unlinkable). The object is the route's resource (its first segment after /v1/) and the path's
// `:id`, or the id of what a creation answered with; the subject is the `:id` of a
// /v1/members/:id/... route.
std::optional<Entry> entry_for(const http::Route& route, const http::Request& request,
                               const http::Response& response);

// Appends an entry (the database stamps its time and number).
void record(pqxx::work& tx, const Entry& entry);

struct Recorded {
  long long id = 0;
  std::string at;  // UTC, RFC 3339
  Entry entry;
};
struct Filter {
  std::string subject, actor, since;  // "" : any; since: RFC 3339, inclusive
  long long after = 0;                // the last id of the previous page
  std::size_t limit = 100;
};
// Oldest first.
std::vector<Recorded> find(pqxx::transaction_base& tx, const Filter& filter);

// Writes the trail of every audited answer of `router` through `db`, and adds GET /v1/audit (the
// auditor's). A read of personal data whose entry cannot be written is refused (the problem of
// the failure: 503 for a lost database). A change and its entry commit together: the handler's
// transactions run in one db::Unit that the entry joins; when the entry cannot be written the
// change is refused with the failure's problem and nothing of it is kept.
void install(http::Router& router, db::Pool& db);

}  // namespace assembly::audit
