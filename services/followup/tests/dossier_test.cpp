#include "domain/dossier.h"

#include <gtest/gtest.h>

using namespace followup::domain;

TEST(Dossier, StagesRoundTrip) {
  for (auto s : {DossierStage::awaiting_council, DossierStage::decided, DossierStage::reporting,
                 DossierStage::closed})
    EXPECT_EQ(parse_stage(to_string(s)), s);
  EXPECT_FALSE(parse_stage("lost").has_value());
}
