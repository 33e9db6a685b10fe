#pragma once
// SQL for follow-up dossiers. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/dossier.h"

namespace followup::store {

struct Dossier {
  std::string id, motion_id, assembly_id, theme;
  domain::DossierStage stage = domain::DossierStage::awaiting_council;
  std::string opened_at;
  std::string title{}, adopted_by_assembly_at{}, sent_to_council_at{};  // "" until known
  int spokespersons = 0;
  std::string text{};  // the motion's text, "" until sent to the Council
};

// The plenary adopted the motion (MotionAdopted); false when no dossier has that motion.
bool mark_adopted(pqxx::work& tx, const std::string& motion_id, const std::string& title);
// The motion went to the Council with its text and spokespersons (MotionSentToCouncil).
bool mark_sent(pqxx::work& tx, const std::string& motion_id, const std::string& title,
               const std::string& text, const std::string& spokespersons_json);

// The id of the motion's dossier.
std::optional<std::string> dossier_of_motion(pqxx::transaction_base& tx,
                                             const std::string& motion_id);

bool insert_if_new(pqxx::work& tx, const Dossier& d);  // one dossier per motion
std::optional<Dossier> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Dossier> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace followup::store
