#include "domain/dossier.h"

namespace followup::domain {

std::string to_string(DossierStage s) {
  switch (s) {
    case DossierStage::awaiting_council:
      return "awaiting-council";
    case DossierStage::decided:
      return "decided";
    case DossierStage::reporting:
      return "reporting";
    case DossierStage::closed:
      return "closed";
  }
  return "awaiting-council";
}

std::optional<DossierStage> parse_stage(const std::string& s) {
  for (auto st : {DossierStage::awaiting_council, DossierStage::decided, DossierStage::reporting,
                  DossierStage::closed})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

}  // namespace followup::domain
