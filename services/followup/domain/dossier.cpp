#include "domain/dossier.h"

#include "assembly/core/names.h"

namespace followup::domain {

namespace {
constexpr std::pair<DossierStage, std::string_view> kDossierStageNames[] = {
    {DossierStage::awaiting_council, "awaiting-council"},
    {DossierStage::decided, "decided"},
    {DossierStage::reporting, "reporting"},
    {DossierStage::closed, "closed"}};
}  // namespace

std::string to_string(DossierStage s) {
  return std::string(assembly::core::name_of(kDossierStageNames, s, "awaiting-council"));
}

std::optional<DossierStage> parse_stage(const std::string& s) {
  return assembly::core::value_of(kDossierStageNames, s);
}

}  // namespace followup::domain
