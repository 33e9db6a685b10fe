#include "domain/mandates.h"

#include <gtest/gtest.h>

#include "domain/departments.h"

using namespace workshops::domain;

TEST(Mandates, StatesRoundTripByName) {
  for (auto s : {MandateState::proposed, MandateState::adopted, MandateState::rejected})
    EXPECT_EQ(parse_mandate_state(to_string(s)), s);
  EXPECT_FALSE(parse_mandate_state("voted").has_value());
}

TEST(Mandates, AdoptedWithMoreForThanAgainstUnanimousWithoutAgainstNorAbstention) {
  EXPECT_EQ(vote_outcome(3, 2), MandateState::adopted);
  EXPECT_EQ(vote_outcome(2, 2), MandateState::rejected) << "a tie rejects";
  EXPECT_TRUE(unanimous(MandateState::adopted, 0, 0));
  EXPECT_FALSE(unanimous(MandateState::adopted, 0, 1));
  EXPECT_FALSE(unanimous(MandateState::rejected, 0, 0));
}

TEST(Departments, ACodeIsCapitalLettersDigitsOrDashStartingWithALetter) {
  for (const char* code : {"DAC", "SG", "DASCO", "DVD-2", "D1234567890ABCDE"})
    EXPECT_TRUE(is_department_code(code)) << code;
  for (const char* code : {"", "D", "dac", "D A", "1DAC", "-DAC", "DÉVE", "D1234567890ABCDEF"})
    EXPECT_FALSE(is_department_code(code)) << code;
}

TEST(Departments, AListNamesEveryFaultyCodeAndEveryRepeat) {
  EXPECT_TRUE(departments_faults({"DAC", "SG"}).empty());
  auto faults = departments_faults({"DAC", "dac", "DAC", "SG", "SG"});
  ASSERT_EQ(faults.size(), 3u);
  EXPECT_EQ(faults[0].pointer, "/1");
  EXPECT_EQ(faults[1].pointer, "/2");
  EXPECT_EQ(faults[1].detail, "DAC is named twice");
  EXPECT_EQ(faults[2].pointer, "/4");
  ASSERT_EQ(departments_faults({}).size(), 1u);
  EXPECT_EQ(departments_faults({})[0].pointer, "") << "a workshop concerns one at least";
  EXPECT_EQ(departments_faults(std::vector<std::string>(21, "DAC"))[0].pointer, "");
}

TEST(Departments, OnlyADepartmentTheWorkshopNamesProposesItsMandate) {
  const std::vector<std::string> named = {"DAC", "SG"};
  EXPECT_FALSE(mandate_refusal(named, Proposer::city_service, "DAC"));
  EXPECT_EQ(mandate_refusal(named, Proposer::city_service, "DVD"),
            "the workshop concerns DAC, SG, not DVD");
  EXPECT_TRUE(mandate_refusal({}, Proposer::city_service, "DAC")) << "none named: nobody";
  EXPECT_FALSE(mandate_refusal(named, Proposer::secretariat, "SG"));
  EXPECT_FALSE(mandate_refusal(named, Proposer::secretariat, "")) << "the secretariat for none";
  EXPECT_FALSE(mandate_refusal({}, Proposer::secretariat, ""));
  EXPECT_TRUE(mandate_refusal(named, Proposer::secretariat, "DVD"));
}
