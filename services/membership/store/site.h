#pragma once
// SQL for the public site's assembly page (docs/site.md): what the assembly is and who was drawn,
// in figures only (never who they are).
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace membership::store {

// One value of a figure and how many members hold it.
struct Tally {
  std::string value;
  int members = 0;
};

struct PublicAssembly {
  std::string id, name, mandate_start, mandate_end;  // dates "" when not set
  std::vector<std::string> workshops;
  bool anonymised = false;
  int drawn = 0;         // every member ever drawn for it, replacements included
  int replacements = 0;  // drawn to take a seat someone left
  std::map<std::string, int> by_status;
  // The panel as it stands (members who neither declined nor withdrew): by seat pool, and by each
  // stratification attribute membership holds (none once anonymised).
  int seated = 0;
  std::vector<Tally> by_pool;
  std::map<std::string, std::vector<Tally>> by_attribute;
  std::map<std::string, int> live_roles;        // spokesperson, workshop-referent: roles not ended
  std::vector<std::string> selections;          // the sortition selections its members came from
  std::vector<std::string> closed_evaluations;  // ids, in the order they closed
};

std::optional<PublicAssembly> find_public_assembly(pqxx::transaction_base& tx,
                                                   const std::string& id);

}  // namespace membership::store
