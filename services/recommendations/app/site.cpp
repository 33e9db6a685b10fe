#include "app/site.h"

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"

namespace recommendations::app {

page::AssemblyMotions assembly_motions(pqxx::transaction_base& tx, const std::string& assembly_id) {
  if (!assembly::core::is_slug(assembly_id) || !store::assembly_known(tx, assembly_id))
    throw assembly::core::not_found("no assembly " + assembly_id + " in the recommendations");
  page::AssemblyMotions a;
  a.assembly_id = assembly_id;
  for (auto& m : store::public_motions(tx, assembly_id)) {
    auto debate = store::find_debate(tx, m.motion.id);
    a.motions.push_back({std::move(m), std::move(debate)});
  }
  a.recommendations = store::list_recommendations(tx, assembly_id);
  a.ballots = store::list_ballots(tx, assembly_id);
  return a;
}

}  // namespace recommendations::app
