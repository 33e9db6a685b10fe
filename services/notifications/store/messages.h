#pragma once
// All of the notifications service's SQL: the members it writes to (membership's events), their
// choices, the messages. Each statement is a named constant; rows are read by column name.
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/messages.h"

namespace notifications::store {

using Params = std::map<std::string, std::string>;

// --- Members, as membership's events tell them.
// Known from now on (or its status changed); the assembly is kept from the first event.
void member_status(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                   const std::string& status);
void member_invited(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                    const std::string& invited_on);
void member_workshop(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                     const std::string& workshop_theme);
std::optional<std::string> member_assembly(pqxx::transaction_base& tx,
                                           const std::string& member_id);
// The member's status as membership's events last said ("invited", ...); nullopt when unknown.
std::optional<std::string> member_status_of(pqxx::transaction_base& tx,
                                            const std::string& member_id);

// --- Sessions (workshops' SessionChanged), as after their latest change.
struct Session {
  std::string session_id, assembly_id, workshop_theme, session_type, title, starts_at, ends_at,
      place, change;
  int sequence = 0;
};
// False when a later change is known already (nothing written).
bool session_changed(pqxx::work& tx, const Session& s);
// The message to every seated member of the workshop of `workshop_theme` in the assembly (every
// seated member of the assembly when it is ""): a session's, a ballot's electors; how many were
// written.
long enqueue_for_seated(pqxx::work& tx, const std::string& assembly_id,
                        const std::string& workshop_theme, domain::Kind kind,
                        const std::string& cause, const Params& params);
// The reminders of the sessions starting tomorrow (Paris), to their members; how many.
long enqueue_session_reminders(pqxx::work& tx);

// --- Messages.
// One message to one member for one cause; false when that member already has one for that
// cause (nothing written).
bool enqueue(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
             domain::Kind kind, const std::string& cause, const Params& params);
// The same message to every member of the assembly in one of `statuses`; how many were written.
long enqueue_for_assembly(pqxx::work& tx, const std::string& assembly_id,
                          const std::vector<std::string>& statuses, domain::Kind kind,
                          const std::string& cause, const Params& params);
// The same message to each of `member_ids` (a ballot's electors, as the event names them); how
// many were written.
long enqueue_for_members(pqxx::work& tx, const std::vector<std::string>& member_ids,
                         const std::string& assembly_id, domain::Kind kind,
                         const std::string& cause, const Params& params);
// The reminder to each member invited `days` days ago or more and still invited; how many.
long enqueue_reminders(pqxx::work& tx, int days);

struct Claimed {
  std::string id, member_id, assembly_id;
  domain::Kind kind = domain::Kind::confirmation_request;
  Params params;
  int attempts = 0;
};
// Takes up to `limit` messages due, marks them `sending` (claimed now, one attempt more) and
// returns them; another sender skips them (SKIP LOCKED).
std::vector<Claimed> claim_due(pqxx::work& tx, int limit);
// The outcome of one claimed message. `retry_in_seconds` set: back to pending then.
struct Outcome {
  domain::State state = domain::State::sent;
  std::string error{}, channel{}, language{};
  std::optional<std::string> body_sealed{};  // binary
  std::optional<int> retry_in_seconds{};
};
void record(pqxx::work& tx, const std::string& id, const Outcome& o);
// Messages left `sending` longer than `lease_seconds` (their sender stopped during the SMTP
// exchange): `uncertain`, never sent again by themselves. How many.
long expire_claims(pqxx::work& tx, int lease_seconds);
// A member's messages waiting for contact details go back to pending (they gave some); how many.
long rearm_waiting(pqxx::work& tx, const std::string& member_id);
// The member's messages of these kinds not sent yet (pending or waiting) will not be: `skipped`,
// with `why`; how many.
long skip_unsent(pqxx::work& tx, const std::string& member_id,
                 const std::vector<std::string>& kinds, const std::string& why);
// Sends again a message whose fate is uncertain or that was refused; false when it is in no
// such state (or unknown).
bool resend(pqxx::work& tx, const std::string& id);
// Erases the bodies of messages sent more than `days` ago; how many.
long drop_old_bodies(pqxx::work& tx, int days);

struct Message {
  std::string id, member_id, assembly_id, kind, cause, state, last_error, channel, language;
  std::string created_at, sent_at, next_attempt_at;
  int attempts = 0;
  bool body_kept = false;
};
struct Filter {
  std::string assembly_id, member_id, kind, state, cause;
  int limit = 100;
};
std::vector<Message> messages(pqxx::transaction_base& tx, const Filter& f);
std::optional<Message> message(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> sealed_body(pqxx::transaction_base& tx, const std::string& id);

// Counts by kind and state (one assembly, or all when empty).
std::map<std::pair<std::string, std::string>, long> figures(pqxx::transaction_base& tx,
                                                            const std::string& assembly_id);
// Age in seconds of the oldest message not sent yet (pending), 0 when none.
double oldest_unsent_seconds(pqxx::transaction_base& tx);

// --- The reach of a follow-up report (its messages by cause "report:<id>").
struct Reach {
  std::string cause, assembly_id, kind, subject_id;
  int sent = 0, not_sent = 0, total = 0;
};
// The reports' causes whose messages are all settled (none pending or being sent) and whose
// counts differ from those last published, locked for this transaction.
std::vector<Reach> reach_to_publish(pqxx::work& tx);
void reach_published(pqxx::work& tx, const Reach& r);

// --- Preferences: the optional kinds a member refused.
std::vector<std::string> refused(pqxx::transaction_base& tx, const std::string& member_id);
void set_refused(pqxx::work& tx, const std::string& member_id,
                 const std::vector<std::string>& kinds, const std::string& by);

// --- The erasure of one person: their messages and preferences; counts by kind of data.
std::map<std::string, long> erase_member(pqxx::work& tx, const std::string& member_id);

}  // namespace notifications::store
