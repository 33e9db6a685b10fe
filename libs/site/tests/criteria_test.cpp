#include "assembly/site/criteria.h"

#include <gtest/gtest.h>

namespace site = assembly::site;
using site::Lang;

// The codes of the draws in words, French and English; an unknown code as it is.
TEST(SiteCriteria, PoolsCategoriesAndValuesInWords) {
  EXPECT_EQ(site::pool_label("non-eu-residents", Lang::fr), "Résidents étrangers non européens");
  EXPECT_EQ(site::pool_label("roll", Lang::en), "On the electoral roll");
  EXPECT_EQ(site::pool_label("volunteers", Lang::fr), "volunteers");
  EXPECT_EQ(site::category_label("age_band", Lang::fr), "Tranche d’âge");
  EXPECT_EQ(site::category_label("diploma", Lang::en), "Qualification");
  EXPECT_EQ(site::value_label("gender", "F", Lang::fr), "Femmes");
  EXPECT_EQ(site::value_label("sex", "male", Lang::en), "Men");
  EXPECT_EQ(site::value_label("diploma", "none", Lang::fr), "Sans diplôme");
  EXPECT_EQ(site::value_label("age_band", "18-24", Lang::fr), "18 à 24 ans");
  EXPECT_EQ(site::value_label("age_band", "65+", Lang::en), "65 and over");
  EXPECT_EQ(site::value_label("age_band", "16", Lang::fr), "16 ans");
  EXPECT_EQ(site::value_label("housing", "owner", Lang::fr), "owner");
}

// Arrondissements as the pools give them ("01", "5", "20"): numbered, without a leading zero.
TEST(SiteCriteria, ArrondissementsNumbered) {
  EXPECT_EQ(site::value_label("arrondissement", "01", Lang::fr), "1er");
  EXPECT_EQ(site::value_label("arrondissement", "05", Lang::fr), "5e");
  EXPECT_EQ(site::value_label("arrondissement", "20", Lang::fr), "20e");
  EXPECT_EQ(site::value_label("arrondissement", "01", Lang::en), "1st");
  EXPECT_EQ(site::value_label("arrondissement", "02", Lang::en), "2nd");
  EXPECT_EQ(site::value_label("arrondissement", "13", Lang::en), "13th");
  EXPECT_EQ(site::value_label("arrondissement", "Paris Centre", Lang::fr), "Paris Centre");
}
