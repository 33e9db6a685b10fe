#pragma once
// SQL for priority axes, synthesis notebook versions and mandates. Each query is a named
// constant; rows are read by column name into the structs below.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/mandates.h"
#include "domain/sessions.h"

namespace workshops::store {

// Priority axes: the workshop's whole ordered list, replaced at once.
struct Axis {
  int rank = 0;
  std::string title, description, chosen_on;
};
std::vector<Axis> axes(pqxx::transaction_base& tx, const std::string& workshop_id);
// Replaces the list with `axes`, ranked 1, 2, ... in the order given, in one statement.
void replace_axes(pqxx::work& tx, const std::string& workshop_id, const std::vector<Axis>& axes,
                  const std::string& chosen_on, const std::string& by);
// The dates of one of the assembly's phases ("discovery", ...); nullopt when not set.
struct PhaseDates {
  std::string starts_on, ends_on;
};
std::optional<PhaseDates> phase_dates(pqxx::transaction_base& tx, const std::string& assembly_id,
                                      const std::string& kind);

// Notebook versions: each save is a new version, never overwritten.
struct NotebookVersion {
  int version = 0;
  std::string note, author, created_at;
  std::optional<std::string> submitted_at;
  std::string text;
};
// Saves the text as the workshop's next version (one version number at a time); its number.
int insert_version(pqxx::work& tx, const std::string& workshop_id, const std::string& text,
                   const std::string& note, const std::string& author);
std::optional<NotebookVersion> find_version(pqxx::transaction_base& tx,
                                            const std::string& workshop_id, int version);
std::vector<NotebookVersion> versions(pqxx::transaction_base& tx, const std::string& workshop_id);
// The submitted versions, in order, without their text.
std::vector<NotebookVersion> submitted_versions(pqxx::transaction_base& tx,
                                                const std::string& workshop_id);
// Marks the version submitted; its text, or nullopt when it is missing or submitted already.
std::optional<std::string> submit_version(pqxx::work& tx, const std::string& workshop_id,
                                          int version, const std::string& by);

// Mandates.
struct Mandate {
  std::string id, workshop_id, text;
  domain::MandateState state = domain::MandateState::proposed;
  std::string proposed_by;
  std::optional<int> votes_for, votes_against, abstentions;
  std::optional<std::string> session_id, decided_at;
  std::optional<int> notebook_version;  // the submitted version it answers (none before the link)
  std::string department{};             // the department that proposed it ("" when none was named)
};
void insert_mandate(pqxx::work& tx, const std::string& id, const std::string& workshop_id,
                    const std::string& text, int notebook_version, const std::string& department,
                    const std::string& by);
std::optional<Mandate> find_mandate(pqxx::transaction_base& tx, const std::string& id,
                                    bool for_update = false);
std::vector<Mandate> mandates(pqxx::transaction_base& tx, const std::string& workshop_id);
bool has_adopted_mandate(pqxx::transaction_base& tx, const std::string& workshop_id);
struct MandateVote {
  int votes_for = 0, votes_against = 0, abstentions = 0;
  std::string session_id;
};
void record_vote(pqxx::work& tx, const std::string& id, domain::MandateState state,
                 const MandateVote& v, const std::string& by);

// The session a vote is held at, as the vote needs it.
struct SessionBrief {
  domain::SessionType type = domain::SessionType::working_session;
  domain::SessionState state = domain::SessionState::scheduled;
  std::string assembly_id;
};
std::optional<SessionBrief> session_brief(pqxx::transaction_base& tx, const std::string& id);

}  // namespace workshops::store
