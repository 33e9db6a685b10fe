#pragma once
// Invitation draws: committed with the seed's hash, then drawn (invite-v1, domain/invitation.h)
// with the seed, each invitee given a response code; the mailing list decrypted, every export
// recorded.
#include <chrono>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "assembly/pii/pii.h"
#include "store/invitations.h"

namespace sortition::app {

struct InvitationDrawRequest {
  std::string assembly_id, pool_id;
  long long invited = 0;
  std::string seed_commitment;
  std::string stratify_by;  // "" for none
  std::string committed_by;
};

// The pool must exist, be ready and hold at least `invited` people (core::Refused, invalid).
store::InvitationDraw commit_invitation_draw(pqxx::work& tx, const InvitationDrawRequest& request);

// Checks the seed against the commitment, draws, writes the invitations with their codes' hashes
// and InvitationDrawCompleted. `started` is when the request came (the record's server_ms).
store::InvitationDraw draw_invitations(pqxx::work& tx, assembly::events::Outbox& outbox,
                                       const assembly::pii::Keyring& keyring, const std::string& id,
                                       const std::string& seed, const std::string& by,
                                       std::chrono::steady_clock::time_point started);

store::InvitationDraw invitation_draw(pqxx::transaction_base& tx, const std::string& id);
// The invitees' person ids in draw order.
std::vector<std::string> invitees(pqxx::transaction_base& tx, const std::string& id);

struct MailingList {
  std::string csv;
  int rows = 0;
};
// Decrypted names and addresses with each letter's response code, as CSV; the read is recorded
// in pii_reads in the same transaction.
MailingList mailing_list(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                         const std::string& id, const std::string& by);

}  // namespace sortition::app
