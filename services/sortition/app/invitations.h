#pragma once
// Invitation draws: committed with the seed's hash, then drawn (invite-v1, domain/invitation.h)
// with the seed, each invitee given a response code; the mailing list decrypted, every export
// recorded.
#include <chrono>
#include <optional>
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
// The secretariat closes the draw's answer period: no answer is taken after it (the public
// routes then answer as for an unknown code). not_found; conflict when not drawn or closed
// already.
store::InvitationDraw close_answers(pqxx::work& tx, const std::string& id);
// Where a page of a list starts and how long it is: after the draw rank `after_rank` (-1 from
// the start), at most `limit` rows.
struct Page {
  long long after_rank = -1;
  std::size_t limit = 1000;
};

struct Invitees {
  std::vector<std::string> person_ids;  // in draw order
  std::optional<long long> next_after;  // set when more follow
};
// A page of the invitees' person ids, in draw order.
Invitees invitees(pqxx::transaction_base& tx, const std::string& id, const Page& page);

struct MailingList {
  std::string csv;
  int rows = 0;
  std::optional<long long> next_after;  // set when more follow
};
// A page of the decrypted names and addresses with each letter's response code, as CSV (with
// its header line); the read is recorded in pii_reads in the same transaction.
MailingList mailing_list(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                         const std::string& id, const std::string& by, const Page& page);

}  // namespace sortition::app
