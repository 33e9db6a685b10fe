#include "assembly/service/reseal.h"

#include <thread>

#include "assembly/logging/log.h"

namespace assembly::service {

SealedRow sealed_row(const pqxx::row& r, std::size_t keys, std::size_t contexts) {
  SealedRow out;
  for (std::size_t i = 0; i < keys; ++i) out.key.push_back(r[static_cast<int>(i)].c_str());
  for (std::size_t i = keys; i < keys + contexts; ++i)
    out.context.push_back(r[static_cast<int>(i)].c_str());
  out.sealed = pqxx::binarystring(r[static_cast<int>(keys + contexts)]).str();
  return out;
}

bool ResealReport::complete() const {
  for (const auto& c : columns)
    if (c.remaining) return false;
  return true;
}

namespace {

std::string key_text(const std::vector<std::string>& key) {
  std::string s;
  for (const auto& k : key) s += (s.empty() ? "" : "/") + k;
  return s;
}

// One walk of the column in key order; the values re-sealed.
long one_pass(db::Pool& db, const pii::Keyring& keyring, const SealedColumn& column,
              const std::string& current, const ResealOptions& options) {
  long resealed = 0;
  std::vector<std::string> after;
  while (!(options.stopping && *options.stopping)) {
    std::size_t got = 0;
    std::vector<std::string> last;
    // Counted once committed (a retried transaction counts again from its start).
    resealed += db.transact([&](pqxx::work& tx) {
      auto rows = column.batch(tx, after, current, options.batch);
      got = rows.size();
      long written = 0;
      for (const auto& row : rows) {
        std::string fresh;
        try {
          fresh = column.reseal(keyring, row);
        } catch (const std::exception& e) {
          throw std::runtime_error(column.name + ", row " + key_text(row.key) + ": " + e.what());
        }
        if (column.write(tx, row, fresh)) ++written;
      }
      if (!rows.empty()) last = rows.back().key;
      return written;
    });
    if (got) after = last;
    if (static_cast<int>(got) < options.batch) break;
    if (options.pause.count()) std::this_thread::sleep_for(options.pause);
  }
  return resealed;
}

}  // namespace

ResealReport reseal(db::Pool& db, const pii::Keyring& keyring,
                    const std::vector<SealedColumn>& columns, const ResealOptions& options) {
  const auto current = keyring.current_header();
  ResealReport report;
  for (const auto& column : columns) {
    ResealReport::Column c{column.name};
    const auto started = std::chrono::steady_clock::now();
    do {
      ++c.passes;
      c.resealed += one_pass(db, keyring, column, current, options);
      c.remaining = db.transact([&](pqxx::work& tx) { return column.remaining(tx, current); });
    } while (c.remaining > 0 && c.passes < options.passes &&
             !(options.stopping && *options.stopping));
    c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    log::info("column re-sealed", {{"column", c.name},
                                   {"key", keyring.current_key_id()},
                                   {"resealed", c.resealed},
                                   {"remaining", c.remaining},
                                   {"passes", c.passes},
                                   {"seconds", c.seconds}});
    report.columns.push_back(c);
  }
  return report;
}

}  // namespace assembly::service
