#pragma once
// A follow-up dossier tracks one citizen motion from its drafting to the Council's decision and,
// under the "droit de suite", the city's reports on what it did. Pure domain.
#include <optional>
#include <string>

namespace followup::domain {

enum class DossierStage { awaiting_council, decided, reporting, closed };

std::string to_string(DossierStage s);
std::optional<DossierStage> parse_stage(const std::string& s);

}  // namespace followup::domain
