#pragma once
// SQL for invitation draws and their invitations (and the mailing list's reads). Each query is a
// named constant; rows are read by column name.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/states.h"

namespace sortition::store {

struct InvitationDraw {
  std::string id, assembly_id, pool_id;
  int invited = 0;
  std::string stratify_by;  // "" when not stratified
  std::string seed_commitment;
  domain::InvitationDrawState state = domain::InvitationDrawState::committed;
  std::string algorithm;
  std::optional<std::string> seed, snapshot_sha256, result_sha256;
  nlohmann::json strata;  // [{value, size, seats}] once drawn stratified, else null
  std::optional<double> server_ms;
  std::string committed_by, committed_at;
  std::optional<std::string> drawn_by, drawn_at;
  std::optional<std::string> answers_closed_at;  // set: no more answers
  nlohmann::json answers;  // {interested, withdrawn, declined}: the answers counted by state
};

struct NewInvitationDraw {
  std::string id, assembly_id, pool_id;
  long long invited = 0;
  std::string stratify_by;  // "" for none
  std::string seed_commitment, algorithm, committed_by;
};

struct DrawResult {
  std::string seed, snapshot_sha256, result_sha256;
  nlohmann::json strata;  // null when not stratified
  double server_ms = 0;
  std::string drawn_by;
};

// A pool as an invitation draw needs it.
struct PoolSummary {
  domain::PoolState state = domain::PoolState::importing;
  long long row_count = 0;
  std::string snapshot_sha256;  // "" until ready
};

// One invitation to write.
struct NewInvitation {
  long long rank = 0, position = 0;
  std::string person_id, code_sha256;
};

// A line of the mailing list: the invitee's sealed personal data (empty when erased).
struct MailingRow {
  std::string person_id, pool_id;
  long long rank = 0;  // the order of the draw
  long long position = 0;
  std::optional<std::string> sealed;
  std::string arrondissement;
};

std::optional<InvitationDraw> find_invitation_draw(pqxx::transaction_base& tx,
                                                   const std::string& id, bool for_update = false);
std::vector<InvitationDraw> list_invitation_draws(pqxx::transaction_base& tx,
                                                  const std::string& assembly_id);
void insert_invitation_draw(pqxx::work& tx, const NewInvitationDraw& d);
void mark_drawn(pqxx::work& tx, const std::string& id, const DrawResult& r);
// Closes the draw's answer period now; false when it was closed already.
bool close_answers(pqxx::work& tx, const std::string& id);

std::optional<PoolSummary> find_pool_summary(pqxx::transaction_base& tx,
                                             const std::string& pool_id);
// Each person's value of a stratification column (sex, birth_year, arrondissement), in pool order.
std::vector<std::string> pool_column(pqxx::transaction_base& tx, const std::string& pool_id,
                                     const std::string& column);
// The person ids at these positions of the pool.
std::unordered_map<std::int64_t, std::string> person_ids_at(
    pqxx::transaction_base& tx, const std::string& pool_id,
    const std::vector<std::int64_t>& positions);
// All in one COPY.
void insert_invitations(pqxx::work& tx, const std::string& draw_id, const std::string& pool_id,
                        const std::vector<NewInvitation>& invitations);
// An invitee by pseudonymous id, with its place in the draw.
struct Invitee {
  std::string person_id;
  long long rank = 0;
};
// A page of the invitees (and of the mailing list) in draw order: at most `limit` after the
// rank `after_rank` (-1: from the start).
std::vector<Invitee> invitee_ids(pqxx::transaction_base& tx, const std::string& draw_id,
                                 long long after_rank, std::size_t limit);
std::vector<MailingRow> mailing_rows(pqxx::transaction_base& tx, const std::string& draw_id,
                                     long long after_rank, std::size_t limit);
// Every read of personal data is recorded (who, why, what, how many).
void record_pii_read(pqxx::work& tx, const std::string& actor, const std::string& purpose,
                     const std::string& subject, long long rows);

}  // namespace sortition::store
