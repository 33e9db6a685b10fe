#include "domain/phases.h"

#include <gtest/gtest.h>

#include <functional>

#include "assembly/core/refusal.h"

using namespace workshops::domain;
using assembly::core::Refused;

namespace {

const std::vector<PhaseWindow> kParis = {
    {PhaseKind::discovery, "2021-11-20", "2022-03-31"},
    {PhaseKind::recommendations, "2022-04-01", "2022-09-30"},
    {PhaseKind::co_construction_and_vote, "2022-10-15", "2022-12-15"}};

// The refusal's detail and field, or "" when accepted.
std::pair<std::string, std::string> refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refused& r) {
    EXPECT_EQ(r.kind(), assembly::core::Refusal::Kind::invalid);
    return {r.refusal().detail, r.refusal().field};
  }
  return {"", ""};
}

std::pair<std::string, std::string> phase_refusal(const PhaseWindow& p,
                                                  const std::vector<PhaseWindow>& phases) {
  return refusal([&] { check_phase(p, phases); });
}

std::optional<PhaseKind> place(SessionType type, const std::string& first, const std::string& last,
                               std::optional<PhaseKind> named = std::nullopt,
                               const std::vector<PhaseWindow>& phases = kParis) {
  return place_session(type, first, last, named, phases);
}

}  // namespace

TEST(Phases, KindsRoundTripByName) {
  for (auto k :
       {PhaseKind::discovery, PhaseKind::recommendations, PhaseKind::co_construction_and_vote})
    EXPECT_EQ(parse_phase_kind(to_string(k)), k);
  EXPECT_FALSE(parse_phase_kind("vote").has_value());
  EXPECT_EQ(describe(kParis[0]), "the discovery phase (2021-11-20 to 2022-03-31)");
}

TEST(Phases, APhaseMayNotOverlapAnotherAndTheOverlapIsNamed) {
  EXPECT_EQ(phase_refusal(kParis[1], kParis).first, "") << "its own dates again";
  EXPECT_EQ(phase_refusal({PhaseKind::recommendations, "2022-03-15", "2022-09-30"}, kParis),
            std::make_pair(std::string("the recommendations phase overlaps the discovery phase "
                                       "(2021-11-20 to 2022-03-31)"),
                           std::string("/starts_on")));
  EXPECT_EQ(phase_refusal({PhaseKind::recommendations, "2022-04-01", "2022-10-15"}, kParis),
            std::make_pair(std::string("the recommendations phase overlaps the "
                                       "co-construction-and-vote phase (2022-10-15 to "
                                       "2022-12-15)"),
                           std::string("/ends_on")))
      << "sharing one day is an overlap";
  EXPECT_EQ(phase_refusal({PhaseKind::discovery, "2021-01-01", "2023-01-01"}, kParis).second,
            "/ends_on")
      << "enclosing the others";
  EXPECT_EQ(phase_refusal({PhaseKind::recommendations, "2022-04-01", "2022-10-14"}, kParis).first,
            "")
      << "up to the day before the next one";
}

TEST(Phases, PhasesKeepTheirOrder) {
  const std::vector<PhaseWindow> only_discovery = {kParis[0]};
  EXPECT_EQ(phase_refusal({PhaseKind::recommendations, "2021-06-01", "2021-09-30"}, only_discovery),
            std::make_pair(std::string("the recommendations phase comes after the discovery phase "
                                       "(2021-11-20 to 2022-03-31)"),
                           std::string("/starts_on")));
  const std::vector<PhaseWindow> only_vote = {kParis[2]};
  EXPECT_EQ(phase_refusal({PhaseKind::discovery, "2023-01-01", "2023-03-01"}, only_vote),
            std::make_pair(std::string("the discovery phase comes before the "
                                       "co-construction-and-vote phase (2022-10-15 to "
                                       "2022-12-15)"),
                           std::string("/ends_on")));
  EXPECT_EQ(phase_refusal({PhaseKind::discovery, "2021-01-01", "2021-03-01"}, only_vote).first, "");
}

TEST(Phases, ASessionNamingItsPhaseFallsInsideIt) {
  EXPECT_EQ(place(SessionType::co_construction, "2022-11-02", "2022-11-02",
                  PhaseKind::co_construction_and_vote),
            PhaseKind::co_construction_and_vote);
  auto [detail, field] = refusal([] {
    place(SessionType::co_construction, "2022-10-01", "2022-10-01",
          PhaseKind::co_construction_and_vote);
  });
  EXPECT_EQ(detail,
            "the session falls outside the co-construction-and-vote phase (2022-10-15 to "
            "2022-12-15)");
  EXPECT_EQ(field, "/starts_at");
  EXPECT_EQ(refusal([] {
              place(SessionType::hearing, "2022-03-31", "2022-04-01", PhaseKind::discovery);
            }).second,
            "/ends_at")
      << "starts inside, ends after";
  EXPECT_EQ(place(SessionType::hearing, "2030-01-01", "2030-01-01", PhaseKind::recommendations,
                  {kParis[0]}),
            PhaseKind::recommendations)
      << "named, and that phase is not dated yet";
}

TEST(Phases, ASessionNamingNoPhaseTakesTheOneContainingIt) {
  EXPECT_EQ(place(SessionType::working_session, "2022-05-10", "2022-05-10"),
            PhaseKind::recommendations);
  auto [detail, field] =
      refusal([] { place(SessionType::working_session, "2022-10-05", "2022-10-05"); });
  EXPECT_EQ(detail,
            "the session falls outside every phase: the discovery phase (2021-11-20 to "
            "2022-03-31), the recommendations phase (2022-04-01 to 2022-09-30), the "
            "co-construction-and-vote phase (2022-10-15 to 2022-12-15)");
  EXPECT_EQ(field, "/starts_at");
  EXPECT_FALSE(
      place(SessionType::working_session, "2026-01-01", "2026-01-01", std::nullopt, {kParis[0]})
          .has_value())
      << "while a phase is undated, a session outside the dated ones is accepted, with no phase";
  EXPECT_FALSE(place(SessionType::working_session, "2026-01-01", "2026-01-01", std::nullopt, {})
                   .has_value());
}

TEST(Phases, APlenaryMayStandBetweenPhasesButNotOutsideTheAssemblysSpan) {
  EXPECT_FALSE(place(SessionType::plenary, "2022-10-05", "2022-10-05").has_value())
      << "a hinge between two phases";
  EXPECT_EQ(place(SessionType::plenary, "2022-12-10", "2022-12-10"),
            PhaseKind::co_construction_and_vote);
  auto [detail, field] = refusal([] { place(SessionType::plenary, "2023-01-20", "2023-01-20"); });
  EXPECT_EQ(field, "/ends_at");
  EXPECT_NE(detail.find("from 2021-11-20 to 2022-12-15"), std::string::npos) << detail;
  EXPECT_EQ(refusal([] { place(SessionType::plenary, "2021-11-01", "2021-11-01"); }).second,
            "/starts_at");
}
