#include "assembly/db/pool.h"

namespace assembly::db {

bool is_transient(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const Unavailable&) {
    return true;
  } catch (const pqxx::broken_connection&) {
    return true;
  } catch (const pqxx::in_doubt_error&) {
    return true;
  } catch (const pqxx::sql_error& s) {
    const std::string state = s.sqlstate();
    return state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state == "40001" ||
           state == "40P01" || state.rfind("53", 0) == 0;
  } catch (const pqxx::failure&) {
    return true;  // connection-level failure ("not connected", lost socket): not the caller's fault
  } catch (...) {
    return false;
  }
}

}  // namespace assembly::db
