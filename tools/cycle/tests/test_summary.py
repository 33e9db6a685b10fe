"""Unit tests of cycle.summary: the figures computed from the services' answers, and the printed form."""

import collections
import unittest

from cycle import summary


def seat_pool(pool, seats, fairness=None):
    return {"pool": pool, "seats": seats, "respondents": 60, "households": 58, "fairness": fairness,
            "categories": [{"category": "gender", "values": [
                {"value": "F", "panel": 3, "min": 2, "max": 3, "respondent_share": 0.55},
                {"value": "M", "panel": 2, "min": 2, "max": 3, "respondent_share": 0.45}]}]}


SUMMARY = {
    "assembly_id": "a1",
    "pools": {"roll": {"rows": 20000, "invited": 10000}, "minors": {"rows": 2000, "invited": 800}},
    "panel": {"algorithm": "leximin", "seat_pools": [
        seat_pool("minors", 5, {"min_probability": 0.0625, "max_probability": 0.125, "panels": 12, "seconds": 1.25,
                                "fallbacks": ["no LP solver"]}),
        seat_pool("other", 1)]},
    "members": {"by_status": {"declined": 7, "active": 100}, "active_by_pool": {"roll": 80, "minors": 5},
                "replacements": 7, "replacements_in_pool": 7, "workshops": {"environment": 33, "public-space": 34}},
    "sessions": {"total": 5, "by_type": {"plenary": {"held": 4}, "working-session": {"held": 0, "cancelled": 1}}},
    "attendance": {"records": 1000, "present": 871, "excused": 58, "absent": 71, "presence_rate": 0.871, "at_risk": 2},
    "trainings": {"offered": 2, "signed_up": 29, "placed": 30, "waiting": 2, "attended": 27, "members_signed_up": 24,
                  "members_attended": 22, "by_topic": {"public-speaking": {"capacity": 12, "placed": 12, "waiting": 2},
                                                       "current-affairs": {"capacity": 20, "placed": 14, "waiting": 0}}},
    "workshops": {"environment": {"notebook_versions": 2, "notebook_submitted": [2],
                                  "axes": {"chosen_by": "members", "proposals": 4, "voters": 33, "method": "approval",
                                           "chosen": ["Un", "Deux"]},
                                  "mandates": [{"state": "adopted", "votes_for": 30, "votes_against": 0, "abstentions": 0,
                                                "unanimous": True, "notebook_version": 2, "notebook_read": 2}]}},
    "recommendations": {"total": 8, "by_status": {"carried": 8}, "amended": 8},
    "ballots": [{"scope": "environment", "rule": "unanimity-of-votes-cast", "electorate": 33,
                 "result": {"for": 33, "against": 0, "abstain": 0, "outcome": "adopted"}},
                {"scope": "plenary", "rule": "majority", "electorate": 100, "result": None}],
    "motions": [{"theme": "environment", "status": "sent-to-council", "debate_speakers": 5,
                 "versions": ["secretariat", "member", "department", "elected-representative"]}],
    "plenaries": {"june": {"handed_over": 0, "ballots": 0, "page": {"mandate": 3}},
                  "december": {"handed_over": 8, "ballots": 0, "page": {}}, "march": {"handed_over": 0, "ballots": 3, "page": {}}},
    "participants": {"sessions": 4, "department": 3, "elected-representative": 6, "present": 5, "excused": 4},
    "evaluation": {"responses": 100, "means": {"overall": 4.1, "listened": 3.6}},
    "council": [{"title": "T", "decision": "adopted", "votes_for": 124, "votes_against": 12, "abstentions": 27,
                 "group_positions": 5, "stage": "decided"}],
    "commitments": {"total": 8, "by_status": {"in-progress": 6, "done": 1, "delayed": 1}, "milestones": 17, "milestones_overdue": 1},
    "reports": [{"sequence": 1, "status": "published", "due_on": "2026-12-06"}, {"sequence": 3, "status": "scheduled", "due_on": "2027-12-06"}],
    "messages": {"by_kind": {"confirmation-request": {"sent": 95, "skipped": 5}, "report-published": {"sent": 190, "skipped": 10}},
                 "total": 300, "mail_server_holds": 285},
    "overdue": {"title": "Étude", "due_on": "2026-12-05", "reports_overdue": 0},
    "phases": [{"phase": 1, "seconds": 1.234}, {"phase": 2, "seconds": 10.0}],
    "total_seconds": 11.2,
    "urls": {"transparence": "http://f/transparence/a1", "transparency": "http://f/transparency/a1",
             "open_data": ["http://f/o.json", "http://f/o.csv"], "panel_record": "http://s/r.html",
             "metrics": {"sortition": "http://s/metrics", "followup": "http://f/metrics"}},
}

EXPECTED = """
Summary of assembly a1 (also in var/run-summary.json)
  pools: roll 20,000 people, 10,000 invited, minors 2,000 people, 800 invited
  panel (leximin) beside the quotas:
                 minors: 5 seats from 60 respondents (58 households)
                   fairness (leximin): every respondent had at least 6.25 % chance (at most 12.50 %), proved optimal by a dual certificate; 12 possible panels, computed in 1.2 s
                   fallback: no LP solver
                   gender: F 3 [2-3] (55 % of respondents), M 2 [2-3] (45 % of respondents)
                 other: 1 seats from 60 respondents (58 households)
                   gender: F 3 [2-3] (55 % of respondents), M 2 [2-3] (45 % of respondents)
  members: active 100, declined 7; active by pool roll 80, minors 5; 7 replacements (7 from the leaver's pool); workshops environment 33, public-space 34
  sessions: 5: plenary 4 held; working-session 0 held, 1 cancelled
  attendance: 1000 records: 871 present, 58 excused, 71 absent (87.1 % present; membership agrees; 2 members at risk)
  trainings: 2 offered (public-speaking 12/12 placed, 2 waiting, current-affairs 14/20 placed, 0 waiting); 29 sign-ups by 24 volunteers; 27 attended (22 members)
  environment: axes chosen by the members (33 voters, 4 proposals): Un; Deux
  environment: notebook 2 versions (submitted [2]); mandate adopted unanimously (30-0-0), answering notebook version 2
  recommendations: 8, carried 8; 8 amended
  ballot environment      unanimity-of-votes-cast: 33 for, 0 against, 0 abstain of 33: adopted
  ballot plenary          majority: None for, None against, None abstain of 100: None
  vœu environment: sent-to-council; 4 versions proposed by secretariat, member, department, elected-representative; debated at the plenary (5 speakers)
  plenaries: june: 0 recommendations handed over, 0 vœux voted, its page lists mandate: 3; december: 8 recommendations handed over, 0 vœux voted; march: 0 recommendations handed over, 3 vœux voted
  participants beside the members: 4 sessions, 3 department staff, 6 elected officials' representatives; 5 present, 4 excused
  evaluation: 100 answers, means overall 4.1, listened 3.6
  Council: « T » adopted 124-12-27 (5 group positions); dossier decided
  commitments: 8, in-progress 6, done 1, delayed 1; 17 milestones, 1 overdue
  reports: 1 published (due 2026-12-06), 3 scheduled (due 2027-12-06)
  messages: 300 (confirmation-request: sent 95, skipped 5; report-published: sent 190, skipped 10); the mail server holds 285
  overdue: « Étude » due 2026-12-05, flagged by the service; 0 reports overdue
  time per phase: 1 1.2 s, 2 10.0 s; total 11.2 s

Open:
  the public page      http://f/transparence/a1
                       http://f/transparency/a1
  open data            http://f/o.json
  open data            http://f/o.csv
  the panel's record   http://s/r.html
  metrics              http://s/metrics
  metrics              http://f/metrics"""


class PrintedSummary(unittest.TestCase):
    def test_the_printed_summary(self):
        self.maxDiff = None
        self.assertEqual("\n".join(summary.format_summary(SUMMARY, "var/run-summary.json")), EXPECTED)

    def test_a_seat_pool_without_fairness(self):
        lines = summary.format_panel(seat_pool("roll", 80), "legacy")
        self.assertEqual(len(lines), 2)
        self.assertNotIn("fairness", "\n".join(lines))


class Figures(unittest.TestCase):
    def test_members(self):
        everyone = [{"id": "a", "pool": "roll", "status": "declined"},
                    {"id": "b", "pool": "minors", "status": "declined"},
                    {"id": "c", "pool": "roll", "status": "active", "replaces": "a"},
                    {"id": "d", "pool": "roll", "status": "active", "replaces": "b"},
                    {"id": "e", "pool": "minors", "status": "active"}]
        by_theme = collections.defaultdict(list, {"public-space": ["c"], "environment": ["d", "e"]})
        got = summary.members_figures({"active": 3, "declined": 2}, everyone, by_theme)
        self.assertEqual(got, {"by_status": {"active": 3, "declined": 2}, "replacements": 2,
                               "active_by_pool": {"roll": 2, "minors": 1}, "replacements_in_pool": 1,
                               "workshops": {"environment": 2, "public-space": 1}})
        self.assertEqual(list(got["workshops"]), ["environment", "public-space"])

    def test_sessions(self):
        sessions = [{"type": "plenary", "state": "held"}, {"type": "hearing", "state": "held"},
                    {"type": "plenary", "state": "held"}, {"type": "hearing", "state": "cancelled"}]
        self.assertEqual(summary.sessions_figures(sessions),
                         {"total": 4, "by_type": {"hearing": {"held": 1, "cancelled": 1}, "plenary": {"held": 2}}})

    def test_attendance_and_participation(self):
        counts = collections.Counter({"present": 8, "excused": 1, "absent": 1})
        p = {"items": [{"overall": {"present": 5, "excused": 1, "absent": 0}},
                       {"overall": {"present": 3, "excused": 0, "absent": 1}}]}
        self.assertEqual(summary.participation_counts(p), counts)
        p["items"][1]["overall"]["absent"] = 0
        self.assertNotEqual(summary.participation_counts(p), counts)
        self.assertEqual(summary.attendance_figures(counts, 1),
                         {"records": 10, "present": 8, "excused": 1, "absent": 1, "presence_rate": 0.8,
                          "membership_agrees": True, "at_risk": 1})

    def test_workshop_mandates(self):
        got = summary.workshop_figures(
            [{"version": 1}, {"version": 2, "submitted_at": "2022-06-01T00:00:00Z"}],
            [{"id": "m", "state": "adopted", "votes_for": 30, "votes_against": 0, "abstentions": 1, "notebook_version": 2}],
            None, {}, {"m": 2})
        self.assertEqual(got["notebook_versions"], 2)
        self.assertEqual(got["notebook_submitted"], [2])
        self.assertFalse(got["mandates"][0]["unanimous"])

    def test_recommendations_commitments_council(self):
        self.assertEqual(summary.recommendations_figures([{"status": "carried", "version": 2}, {"status": "adopted", "version": 1}]),
                         {"total": 2, "by_status": {"carried": 1, "adopted": 1}, "amended": 1})
        got = summary.commitments_figures([
            {"status": "done", "department": "DAC", "milestones_total": 3, "milestones_overdue": 0},
            {"status": "delayed", "department": "DAC", "milestones_total": 2, "milestones_overdue": 1}])
        self.assertEqual(got, {"total": 2, "by_status": {"done": 1, "delayed": 1}, "by_department": {"DAC": 2},
                               "milestones": 5, "milestones_overdue": 1})
        council = summary.council_figures([{"theme": "t", "title": "T", "stage": "awaiting", "council": None}])
        self.assertEqual(council[0]["group_positions"], 0)
        self.assertIsNone(council[0]["decision"])

    def test_ballots_scope(self):
        b = {"id": "b", "workshop": None, "motion_id": "m", "rule": "r", "state": "closed", "electorate": 3, "result": {}}
        self.assertEqual(summary.ballots_figures([b])[0]["scope"], "plenary")
        self.assertEqual(summary.ballots_figures([dict(b, workshop="environment")])[0]["scope"], "environment")

    def test_urls(self):
        u = summary.urls(lambda svc: f"http://{svc}", "a1", "s1")
        self.assertEqual(u["panel_record"], "http://sortition/v1/selections/s1/record.html")
        self.assertEqual(u["open_data"][1], "http://followup/open-data/assemblies/a1/commitments.csv")
        self.assertEqual(list(u["metrics"]),
                         ["sortition", "membership", "workshops", "recommendations", "followup", "notifications"])

    def test_urls_of_the_metrics_ports(self):
        u = summary.urls(lambda svc: f"http://{svc}", "a1", "s1", lambda svc: f"http://{svc}-metrics/metrics")
        self.assertEqual(u["metrics"]["followup"], "http://followup-metrics/metrics")


if __name__ == "__main__":
    unittest.main()


class NewFigures(unittest.TestCase):
    def test_a_motions_proposers_in_order_and_its_debates_speakers(self):
        motions = [{"theme": "t", "status": "voted"}, {"theme": "u", "status": "drafting"}]
        versions = {"t": [{"proposed_by": {"kind": "secretariat"}}, {"proposed_by": {"kind": "member"}}]}
        debates = {"t": {"presentation": {"speakers": [{"role": "spokesperson"}]}, "interventions": [{"role": "department"}] * 2}}
        got = summary.motions_figures(motions, versions, debates)
        self.assertEqual(got[0], {"theme": "t", "status": "voted", "versions": ["secretariat", "member"], "debate_speakers": 3})
        self.assertEqual(got[1], {"theme": "u", "status": "drafting", "versions": [], "debate_speakers": 0})

    def test_what_each_plenary_decided_by_the_ids_recorded(self):
        recs = [{"plenary_session_id": "d"}, {"plenary_session_id": "d"}, {"plenary_session_id": None}]
        ballots = [{"plenary_session_id": "m"}, {"plenary_session_id": None}]
        got = summary.plenaries_figures({"december": "d", "march": "m"}, recs, ballots, {"m": [{"kind": "mandate"}]})
        self.assertEqual(got, {"december": {"handed_over": 2, "ballots": 0, "page": {}},
                               "march": {"handed_over": 0, "ballots": 1, "page": {"mandate": 1}}})

    def test_the_trainings_by_topic(self):
        totals = {"offered": 1, "signed_up": 5, "placed": 3, "waiting": 2, "attended": 2, "members_signed_up": 5,
                  "members_attended": 2, "excused": 1, "absent": 0}
        got = summary.trainings_figures(totals, [{"topic": "public-speaking", "capacity": 3, "placed": 3, "waiting": 2, "id": "x"}])
        self.assertEqual(got["by_topic"], {"public-speaking": {"capacity": 3, "placed": 3, "waiting": 2}})
        self.assertEqual((got["offered"], got["waiting"], got["attended"]), (1, 2, 2))

    def test_a_workshops_axes_and_the_notebook_its_mandate_answers(self):
        choice = {"result": {"voters": 30, "method": "approval: ...", "tallies": [{}, {}, {}]}}
        axes = {"chosen_by": "members", "items": [{"title": "A"}, {"title": "B"}]}
        mandates = [{"id": "m", "state": "adopted", "votes_for": 30, "votes_against": 0, "abstentions": 0, "notebook_version": 2}]
        got = summary.workshop_figures([{"version": 1}, {"version": 2, "submitted_at": "x"}], mandates, choice, axes, {"m": 2})
        self.assertEqual(got["axes"], {"chosen_by": "members", "proposals": 3, "voters": 30, "method": "approval: ...", "chosen": ["A", "B"]})
        self.assertEqual((got["mandates"][0]["notebook_version"], got["mandates"][0]["notebook_read"]), (2, 2))
        self.assertEqual(got["notebook_submitted"], [2])
