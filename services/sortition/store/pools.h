#pragma once
// SQL for reading a pool's people and for its retention (the pools and their imports are written
// by imports/).
#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "assembly/service/reseal.h"
#include "domain/answers.h"

namespace sortition::store {

// Gives the pool's pseudonymous snapshot lines ("person_id,sex,birth_year,arrondissement\n"), in
// import order, one at a time to `line`: read by a COPY, which holds one row in memory at a time
// whatever the pool's size.
void for_each_snapshot_line(pqxx::transaction_base& tx, const std::string& pool_id,
                            const std::function<void(std::string_view)>& line);

// Sets the end of the mandate the pool serves and its retention date (that end plus
// `retention_days`). False when the pool's personal data is already erased.
// The pool's people counted by sex, arrondissement and birth year (one GROUPING SETS scan).
domain::PoolCounts pool_counts(pqxx::transaction_base& tx, const std::string& pool_id);

bool set_mandate_end(pqxx::work& tx, const std::string& pool_id, const std::string& mandate_end,
                     int retention_days);

// Pools past their retention date whose personal data is still kept (ready or failed).
std::vector<std::string> pools_due_for_erasure(pqxx::transaction_base& tx);

// Locks the pool when it is still due for erasure.
bool lock_if_due(pqxx::work& tx, const std::string& pool_id);

// What the erasure of a pool's personal data removed.
struct PoolErasure {
  long people = 0;       // rows of the pool (sealed identities and criteria)
  long invitations = 0;  // invitations to its people (person ids, response code hashes)
  long respondents = 0;  // answers whose declared criteria and household went
};

// Erases the pool's personal data and keeps its public record: its people (the partition
// `partition` is dropped), the invitations to them, what its respondents declared; the person ids
// of its respondents become their respondent ids wherever a selection or a replacement names them
// (and the free-text reasons of their leaving go). The pool's count and snapshot hash and the
// draws' commitments, seeds and result hashes stay. The pool becomes `erased`.
PoolErasure erase_personal_data(pqxx::work& tx, const std::string& pool_id,
                                const std::string& partition);

// The erasure of one person by their pseudonymous id ("" erases nothing): their sealed identity
// and household key in every pool, their declared criteria and household as a respondent, the
// reasons recorded for their leaving a panel. Rows changed, by kind.
struct PersonErasure {
  long identities = 0, respondents = 0, reasons = 0;
};
PersonErasure erase_person(pqxx::work& tx, const std::string& person_id);

// Re-sealing (assembly/service/reseal.h): pool rows whose sealed identity does not begin with
// `current` (erased ones have none), after the key `after` (pool id, position), locked; written
// back if unchanged; how many remain.
std::vector<assembly::service::SealedRow> people_to_reseal(pqxx::work& tx,
                                                           const std::vector<std::string>& after,
                                                           const std::string& current, int limit);
bool reseal_person(pqxx::work& tx, const assembly::service::SealedRow& row,
                   const std::string& resealed);
long people_not_under(pqxx::work& tx, const std::string& current);

}  // namespace sortition::store
