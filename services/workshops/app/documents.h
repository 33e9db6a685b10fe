#pragma once
// Use cases of the workshop's documents: priority axes (chosen in the discovery phase), synthesis
// notebook versions (submitted: NotebookSubmitted) and mandates (voted at a plenary:
// MandateAdopted). They throw assembly::core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "domain/departments.h"
#include "store/document_store.h"
#include "store/workshop_store.h"

namespace workshops::app {

// The workshop; refused (404) when there is none.
store::Workshop must_find_workshop(pqxx::transaction_base& tx, const std::string& id);
// Staff, or a member on the workshop's roster now: who reads and writes a workshop's notebook.
store::Workshop staff_or_on_roster(pqxx::transaction_base& tx, const std::string& id,
                                   const std::string& caller, bool staff);

// The workshop whose axes are chosen on `chosen_on`: refused (422, /chosen_on) outside the
// assembly's discovery phase when it is set.
store::Workshop workshop_choosing_axes(pqxx::transaction_base& tx, const std::string& id,
                                       const std::string& chosen_on);

store::NotebookVersion save_version(pqxx::work& tx, const std::string& workshop_id,
                                    const std::string& text, const std::string& note,
                                    const std::string& author);
// The version, with its text; refused (404 "no version N<suffix>") when missing.
store::NotebookVersion must_find_version(pqxx::transaction_base& tx, const std::string& workshop_id,
                                         int version, const std::string& suffix = "");
store::NotebookVersion submit_version(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                      const std::string& workshop_id, int version,
                                      const std::string& by);

// A submitted version, with its text; refused (404) when missing or not submitted: what anyone
// may read of a notebook.
store::NotebookVersion must_find_submitted(pqxx::transaction_base& tx,
                                           const std::string& workshop_id, int version);

// Sets the city departments the workshop concerns (their codes checked: domain::
// departments_faults); the workshop after (404 when there is none).
store::Workshop set_departments(pqxx::work& tx, const std::string& workshop_id,
                                const std::vector<std::string>& departments);
// The executive's mandate, answering the workshop's submitted notebook `notebook_version` (422
// /notebook_version when there is no such version or it was not submitted), proposed by
// `department` ("" when none), which the workshop must name (domain::mandate_refusal): refused
// (403) to city-service staff of another department, (422 /department) to the secretariat naming
// one.
store::Mandate propose_mandate(pqxx::work& tx, const std::string& workshop_id,
                               const std::string& text, int notebook_version,
                               domain::Proposer proposer, const std::string& department,
                               const std::string& by);
// The notebook version the mandate answers (404 when the mandate is unknown or predates the link).
struct MandateNotebook {
  store::Mandate mandate;
  store::Workshop workshop;
  store::NotebookVersion version;
};
MandateNotebook mandate_notebook(pqxx::transaction_base& tx, const std::string& mandate_id);
// The plenary's vote: adopted when more for than against among the votes cast.
store::Mandate vote_mandate(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const std::string& id, const store::MandateVote& v,
                            const std::string& by);

}  // namespace workshops::app
