#pragma once
// The public page of an assembly's workshops (docs/site.md: `/ateliers/{assembly}`,
// `/en/workshops/{assembly}`), in French or English: the workshops (themes, how many members,
// never names), the calendar (the phases, then every session's public fields: Paris time, place,
// the people heard at a hearing, the site of a visit), each workshop's priority axes, its
// submitted notebooks (the public versions, no author) and its mandates (text, votes counted, no
// names). Pure: no HTTP, SQL or Kafka.
#include <string>
#include <vector>

#include "assembly/site/page.h"
#include "store/document_store.h"
#include "store/session_store.h"
#include "store/workshop_store.h"

namespace workshops::page {

struct WorkshopView {
  store::Workshop workshop;
  std::vector<store::Axis> axes;
  std::vector<store::NotebookVersion> submitted;  // the submitted versions, with their text
  std::vector<store::Mandate> mandates;
};

struct AssemblyWorkshops {
  std::string assembly_id;
  std::vector<store::Phase> phases;
  std::vector<store::Session> sessions;  // the workshops' and the plenaries, by start
  std::vector<WorkshopView> workshops;
};

std::string workshops_href(const std::string& assembly_id, assembly::site::Lang lang);

assembly::site::Page workshops_page(const AssemblyWorkshops& assembly, assembly::site::Lang lang);

}  // namespace workshops::page
