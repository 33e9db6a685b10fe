#include "api/json.h"

namespace recommendations::api {
using nlohmann::json;

namespace {
json or_null(const std::string& s) {
  return s.empty() ? json() : json(s);
}
}  // namespace

json to_json(const store::Motion& m) {
  return {{"id", m.id},       {"workshop_id", m.workshop_id}, {"assembly_id", m.assembly_id},
          {"theme", m.theme}, {"status", m.status},           {"created_at", m.created_at},
          {"title", m.title}, {"version", m.version}};
}

json to_json(const domain::Result& r) {
  return {{"electorate", r.electorate}, {"for", r.tally.for_votes}, {"against", r.tally.against},
          {"abstain", r.tally.abstain}, {"turnout", r.turnout},     {"quorum_met", r.quorum_met},
          {"outcome", r.outcome}};
}

json to_json(const store::Ballot& b) {
  json out = {{"id", b.id},
              {"assembly_id", b.assembly_id},
              {"workshop", or_null(b.workshop)},
              {"motion_id", or_null(b.motion_id)},
              {"plenary_session_id", or_null(b.plenary_session_id)},
              {"motion_version", b.motion_version ? json(b.motion_version) : json()},
              {"question", b.question},
              {"rule", domain::to_string(b.rule)},
              {"quorum", b.quorum},
              {"secret", b.secret},
              {"show_of_hands", b.show_of_hands},
              {"opens_at", b.opens_at},
              {"closes_at", b.closes_at},
              {"state", domain::to_string(b.state)},
              {"electorate", b.electorate},
              {"voted", b.voted}};
  out["result"] = b.result ? to_json(*b.result) : json();
  return out;
}

json to_json(const app::Results& r) {
  auto out = to_json(r.ballot);
  json votes = json::array();
  // A secret vote is published without its receipt hash: a receipt leads nobody to a choice.
  for (const auto& v : r.votes)
    votes.push_back(r.ballot.secret
                        ? json{{"choice", to_string(v.choice)}}
                        : json{{"member_id", v.voter}, {"choice", to_string(v.choice)}});
  out["votes"] = votes;
  if (r.ballot.secret) out["voters"] = r.voters;
  if (r.ballot.show_of_hands) out["tallies"] = to_json_array(r.tallies);
  return out;
}

json to_json(const store::TallyEntry& t) {
  return {{"entry", t.entry},
          {"for", t.tally.for_votes},
          {"against", t.tally.against},
          {"abstain", t.tally.abstain},
          {"reason", t.reason},
          {"recorded_by", t.recorded_by},
          {"recorded_at", t.recorded_at}};
}

json to_json(const store::Recommendation& r) {
  return {{"id", r.id},
          {"assembly_id", r.assembly_id},
          {"workshop_id", r.workshop_id},
          {"theme", r.theme},
          {"title", r.title},
          {"status", domain::to_string(r.status)},
          {"version", r.version},
          {"motion_id", or_null(r.motion_id)},
          {"text", r.text},
          {"mandate_id", or_null(r.mandate_id)},
          {"plenary_session_id", or_null(r.plenary_session_id)},
          {"departments", r.departments}};
}

json to_json(const store::Amendment& a) {
  return {{"id", a.id},         {"base_version", a.base_version},
          {"text", a.text},     {"rationale", a.rationale},
          {"author", a.author}, {"state", a.state}};
}

json to_json(const store::Version& v) {
  return {{"version", v.version},
          {"author", v.author},
          {"amendment_id", or_null(v.amendment_id)},
          {"created_at", v.created_at}};
}

json to_json(const store::StatusChange& c) {
  return {{"at", c.at}, {"actor", c.actor}, {"from", c.from}, {"to", c.to}, {"reason", c.reason}};
}

json to_json(const store::Feedback& f) {
  return {{"id", f.id},
          {"reply_to", or_null(f.reply_to)},
          {"author_role", f.author_role},
          {"feasibility", f.feasibility},
          {"cost_estimate", f.cost_estimate},
          {"legal_constraints", f.legal_constraints},
          {"department", f.department},
          {"text", f.text},
          {"created_at", f.created_at}};
}

}  // namespace recommendations::api
