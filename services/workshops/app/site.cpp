#include "app/site.h"

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"

namespace workshops::app {

page::AssemblyWorkshops assembly_workshops(pqxx::transaction_base& tx,
                                           const std::string& assembly_id) {
  if (!assembly::core::is_slug(assembly_id))
    throw assembly::core::not_found("no assembly with this id");
  page::AssemblyWorkshops a;
  a.assembly_id = assembly_id;
  a.phases = store::phases(tx, assembly_id);
  a.sessions = store::list_sessions(tx, assembly_id, "");
  for (auto& w : store::list(tx, assembly_id)) {
    page::WorkshopView v;
    v.axes = store::axes(tx, w.id);
    for (auto& n : store::submitted_versions(tx, w.id))
      if (auto full = store::find_version(tx, w.id, n.version)) v.submitted.push_back(*full);
    v.mandates = store::mandates(tx, w.id);
    v.workshop = std::move(w);
    a.workshops.push_back(std::move(v));
  }
  if (a.workshops.empty() && a.phases.empty() && a.sessions.empty())
    throw assembly::core::not_found("no assembly " + assembly_id + " in the workshops");
  return a;
}

}  // namespace workshops::app
