#include "store/pools.h"

namespace sortition::store {

void append_snapshot_lines(pqxx::transaction_base& tx, const std::string& pool_id,
                           std::string& out) {
  // A COPY read raw: the fastest way through a 1.35 M-row pool.
  pqxx::stream_from rows(
      tx,
      "(SELECT person_id || ',' || sex || ',' || birth_year || ',' || arrondissement "
      "FROM pool_people WHERE pool_id = " +
          tx.quote(pool_id) + " ORDER BY position)");
  std::string line;
  while (rows.get_raw_line(line)) {
    out += line;
    if (line.empty() || line.back() != '\n') out += '\n';
  }
  rows.complete();
}

}  // namespace sortition::store
