#include "store/debates.h"

#include <stdexcept>
#include <vector>

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace recommendations::store {

using assembly::db::int_array;
using assembly::db::text_array;

namespace {

constexpr const char* kUpsertDebate =
    "INSERT INTO motion_debates (motion_id, plenary_session_id, presentation_summary, summary, "
    "recorded_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (motion_id) DO UPDATE SET "
    "plenary_session_id = excluded.plenary_session_id, presentation_summary = "
    "excluded.presentation_summary, summary = excluded.summary, recorded_by = "
    "excluded.recorded_by, recorded_at = now()";
constexpr const char* kDeleteSpeakers = "DELETE FROM motion_debate_speakers WHERE motion_id = $1";
constexpr const char* kInsertSpeakers =
    "INSERT INTO motion_debate_speakers (motion_id, part, position, role, name, summary) "
    "SELECT $1, u.part, u.position, u.role, u.name, u.summary FROM unnest($2::text[], "
    "$3::int[], $4::text[], $5::text[], $6::text[]) AS u(part, position, role, name, summary)";
constexpr const char* kFindDebate =
    "SELECT motion_id, plenary_session_id, presentation_summary, summary, " SQL_UTC(
        "recorded_at") " AS recorded_at FROM motion_debates WHERE motion_id = $1";
// The presentation first, then the interventions, each in order.
constexpr const char* kSpeakers =
    "SELECT part, role, name, summary FROM motion_debate_speakers WHERE motion_id = $1 "
    "ORDER BY part DESC, position";

domain::Speaker speaker_of(const pqxx::row& r) {
  auto role = domain::parse_speaker_role(r["role"].as<std::string>());
  if (!role) throw std::runtime_error("unknown stored speaker role " + r["role"].as<std::string>());
  return {*role, r["name"].as<std::string>(), r["summary"].as<std::string>()};
}

}  // namespace

void put_debate(pqxx::work& tx, const domain::Debate& d, const std::string& recorded_by) {
  assembly::db::exec(tx, kUpsertDebate, d.motion_id, d.plenary_session_id, d.presentation_summary,
                     d.summary, recorded_by);
  assembly::db::exec(tx, kDeleteSpeakers, d.motion_id);
  std::vector<std::string> parts, roles, names, summaries;
  std::vector<int> positions;
  auto add = [&](const char* part, const std::vector<domain::Speaker>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      parts.emplace_back(part);
      positions.push_back(static_cast<int>(i));
      roles.emplace_back(domain::to_string(list[i].role));
      names.push_back(list[i].name);
      summaries.push_back(list[i].summary);
    }
  };
  add("presentation", d.presenters);
  add("intervention", d.interventions);
  if (!parts.empty())
    assembly::db::exec(tx, kInsertSpeakers, d.motion_id, text_array(parts), int_array(positions),
                       text_array(roles), text_array(names), text_array(summaries));
}

std::optional<StoredDebate> find_debate(pqxx::transaction_base& tx, const std::string& motion_id) {
  auto rows = assembly::db::exec(tx, kFindDebate, motion_id);
  if (rows.empty()) return std::nullopt;
  StoredDebate out;
  const auto& r = rows[0];
  out.debate.motion_id = r["motion_id"].as<std::string>();
  out.debate.plenary_session_id = r["plenary_session_id"].as<std::string>();
  out.debate.presentation_summary = r["presentation_summary"].as<std::string>();
  out.debate.summary = r["summary"].as<std::string>();
  out.recorded_at = r["recorded_at"].as<std::string>();
  for (const auto& s : assembly::db::exec(tx, kSpeakers, motion_id))
    (s["part"].as<std::string>() == "presentation" ? out.debate.presenters
                                                   : out.debate.interventions)
        .push_back(speaker_of(s));
  return out;
}

}  // namespace recommendations::store
