#include "domain/contact.h"

#include <gtest/gtest.h>

using namespace sortition::domain;

TEST(Contact, AnEmailAddressNeedsSomethingBeforeTheAtAndADomainWithADot) {
  for (const char* ok : {"camille.martin@example.fr", "a@b.fr", "x+tag@mairie.paris.fr"})
    EXPECT_FALSE(email_problem(ok)) << ok;
  for (const char* bad : {"", "camille", "@example.fr", "camille@", "camille@fr", "a@b@c.fr",
                          "camille @example.fr", "camille@example.fr."})
    EXPECT_TRUE(email_problem(bad)) << bad;
  EXPECT_TRUE(email_problem(std::string(65, 'a') + "@example.fr")) << "a local part over 64";
}

TEST(Contact, APhoneNumberIsStoredWithoutItsSeparators) {
  EXPECT_EQ(normalise_phone("06 12 34 56 78"), "0612345678");
  EXPECT_EQ(normalise_phone("+33 (0)6.12-34-56-78"), "+330612345678");
  for (const char* ok : {"06 12 34 56 78", "+33 6 12 34 56 78", "3939 00"})
    EXPECT_FALSE(phone_problem(ok)) << ok;
  for (const char* bad : {"", "12345", "06 12 34 56 7A", "++33612345678", "0612345678901234"})
    EXPECT_TRUE(phone_problem(bad)) << bad;
}
