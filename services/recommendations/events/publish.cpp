#include "events/publish.h"

#include "assembly/recommendations/v1/events.pb.h"

namespace recommendations::events {
namespace v1 = assembly::recommendations::v1;

namespace {

// The fields every motion event starts with: which motion, of which assembly and workshop.
template <typename Event>
void set_motion(Event& e, const store::Motion& m) {
  e.set_motion_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_workshop_id(m.workshop_id);
  e.set_theme(m.theme);
}

}  // namespace

void ballot_opened(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Ballot& b,
                   const std::vector<std::string>& electors) {
  v1::BallotOpened e;
  e.set_ballot_id(b.id);
  e.set_assembly_id(b.assembly_id);
  e.set_workshop_theme(b.workshop);
  e.set_question(b.question);
  e.set_opens_at(b.opens_at);
  e.set_closes_at(b.closes_at);
  e.set_secret(b.secret);
  e.set_show_of_hands(b.show_of_hands);
  e.set_electorate(static_cast<unsigned>(b.electorate));
  for (const auto& m : electors) e.add_elector_ids(m);
  outbox.append(tx, e, b.id);
}

void ballot_closed(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Ballot& b,
                   const std::vector<std::string>& electors, const domain::Result& result) {
  v1::BallotClosed e;
  e.set_ballot_id(b.id);
  e.set_assembly_id(b.assembly_id);
  e.set_workshop_theme(b.workshop);
  e.set_question(b.question);
  e.set_outcome(result.outcome);
  e.set_votes_for(static_cast<unsigned>(result.tally.for_votes));
  e.set_votes_against(static_cast<unsigned>(result.tally.against));
  e.set_abstentions(static_cast<unsigned>(result.tally.abstain));
  e.set_electorate(static_cast<unsigned>(result.electorate));
  for (const auto& m : electors) e.add_elector_ids(m);
  outbox.append(tx, e, b.id);
}

void motion_opened(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Motion& m) {
  v1::MotionOpened opened;
  set_motion(opened, m);
  outbox.append(tx, opened, m.id);
}

void motion_adopted(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Motion& m,
                    const std::string& title, const store::Ballot& b,
                    const domain::Result& result) {
  v1::MotionAdopted e;
  set_motion(e, m);  // the ballot's motion, in the ballot's assembly
  e.set_title(title);
  e.set_ballot_id(b.id);
  e.set_votes_for(result.tally.for_votes);
  e.set_votes_against(result.tally.against);
  e.set_abstentions(result.tally.abstain);
  e.set_electorate(result.electorate);
  e.set_rule(std::string(domain::to_string(b.rule)));
  e.set_plenary_session_id(b.plenary_session_id);
  outbox.append(tx, e, m.id);
}

void spokespersons_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const std::string& motion_id, const std::string& assembly_id,
                            const std::vector<std::string>& member_ids) {
  v1::SpokespersonsAssigned announced;
  announced.set_motion_id(motion_id);
  announced.set_assembly_id(assembly_id);
  for (const auto& id : member_ids) announced.add_member_ids(id);
  outbox.append(tx, announced, motion_id);
}

void motion_sent_to_council(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const store::Motion& m, const store::MotionText& t,
                            const std::vector<std::string>& recommendation_ids) {
  v1::MotionSentToCouncil e;
  set_motion(e, m);
  e.set_title(t.title);
  e.set_text(t.text);
  for (const auto& s : t.spokespersons) e.add_spokespersons()->set_member_id(s);
  for (const auto& r : recommendation_ids) e.add_recommendation_ids(r);
  outbox.append(tx, e, m.id);
}

void recommendation_submitted(pqxx::work& tx, const assembly::events::Outbox& outbox,
                              const store::Recommendation& r) {
  v1::RecommendationSubmitted e;
  e.set_recommendation_id(r.id);
  e.set_assembly_id(r.assembly_id);
  e.set_workshop_id(r.workshop_id);
  e.set_theme(r.theme);
  e.set_title(r.title);
  e.set_text(r.text);
  e.set_version(static_cast<unsigned>(r.version));
  e.set_plenary_session_id(r.plenary_session_id);
  outbox.append(tx, e, r.id);
}

void motion_debated(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Motion& m,
                    const domain::Debate& d) {
  v1::MotionDebated e;
  set_motion(e, m);
  e.set_plenary_session_id(d.plenary_session_id);
  e.set_presentation_summary(d.presentation_summary);
  for (const auto& p : d.presenters) e.add_presenter_roles(std::string(domain::to_string(p.role)));
  for (const auto& i : d.interventions) {
    auto* out = e.add_interventions();
    out->set_role(std::string(domain::to_string(i.role)));
    out->set_summary(i.summary);
  }
  e.set_summary(d.summary);
  outbox.append(tx, e, m.id);
}

void motion_version_proposed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                             const store::Motion& m, const store::MotionVersion& v) {
  v1::MotionVersionProposed e;
  set_motion(e, m);
  e.set_version(static_cast<unsigned>(v.version));
  e.set_title(v.title);
  e.set_text(v.text);
  e.set_session_id(v.session_id);
  e.set_proposer_kind(std::string(domain::to_string(v.proposer.kind)));
  e.set_proposer_organisation(v.proposer.organisation);
  outbox.append(tx, e, m.id);
}

void motion_approved_by_workshop(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                 const store::Motion& m, const store::Ballot& b,
                                 const domain::Result& result) {
  v1::MotionApprovedByWorkshop e;
  set_motion(e, m);
  e.set_version(static_cast<unsigned>(b.motion_version));
  e.set_title(m.title);
  e.set_ballot_id(b.id);
  e.set_votes_for(result.tally.for_votes);
  e.set_votes_against(result.tally.against);
  e.set_abstentions(result.tally.abstain);
  e.set_electorate(result.electorate);
  e.set_rule(std::string(domain::to_string(b.rule)));
  outbox.append(tx, e, m.id);
}

}  // namespace recommendations::events
