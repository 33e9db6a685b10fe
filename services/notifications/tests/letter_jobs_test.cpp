// The invitation letters' jobs without I/O: the files a job makes, sortition's mailing list made
// into letters, the next page's cursor.
#include "domain/letter_jobs.h"

#include <gtest/gtest.h>

#include "delivery/sortition.h"
#include "letters/mailing_list.h"

namespace {

using notifications::domain::FilePlan;
using notifications::domain::plan_files;

std::vector<std::tuple<long, long, long>> plan(long total, long batch) {
  std::vector<std::tuple<long, long, long>> out;
  for (const auto& f : plan_files(total, batch)) out.emplace_back(f.part, f.first, f.count);
  return out;
}

TEST(LetterJobs, OneFileOfEveryLetterThenThePrintersBatches) {
  EXPECT_EQ(plan(120, 50), (std::vector<std::tuple<long, long, long>>{
                               {0, 1, 120}, {1, 1, 50}, {2, 51, 50}, {3, 101, 20}}));
  EXPECT_EQ(plan(100, 50),
            (std::vector<std::tuple<long, long, long>>{{0, 1, 100}, {1, 1, 50}, {2, 51, 50}}));
  // No batch when they would be the whole file again; no letter, no file.
  EXPECT_EQ(plan(50, 50), (std::vector<std::tuple<long, long, long>>{{0, 1, 50}}));
  EXPECT_EQ(plan(10, 1000), (std::vector<std::tuple<long, long, long>>{{0, 1, 10}}));
  EXPECT_TRUE(plan_files(0, 50).empty());
}

TEST(LetterJobs, StatesByName) {
  using notifications::domain::JobState;
  for (auto s :
       {JobState::queued, JobState::running, JobState::done, JobState::failed, JobState::erased})
    EXPECT_EQ(notifications::domain::job_state_named(notifications::domain::name(s)), s);
  EXPECT_FALSE(notifications::domain::job_state_named("printing"));
}

const std::string kHeader = "response_code,last_name,first_names,address,postcode,arrondissement\n";

TEST(MailingList, EachInviteeWithAnAddressIsALetterTheErasedAreCounted) {
  notifications::letters::MailingOptions o;
  o.answer_url = "https://assemblee.example.org/repondre";
  const auto csv = kHeader +
                   "\"ABCDE-FGHJK\",\"Lefèvre\",\"Zoé\",\"3, rue des Lilas\nBâtiment B\","
                   "\"75011\",\"11\"\n"
                   "KLMNP-QRSTU,,,,,19\n"
                   "\"VWXYZ-23456\",\"'-Dupont\",\"Jean\",\"1 place de l'Hôtel de Ville\","
                   "\"75004\",\"04\"\n";
  auto page = notifications::letters::letters_of(csv, o);
  EXPECT_EQ(page.erased, 1u);
  ASSERT_EQ(page.letters.size(), 2u);
  const auto& a = page.letters[0];
  EXPECT_EQ(a.name, "Zoé Lefèvre");
  EXPECT_EQ(a.address_lines,
            (std::vector<std::string>{"3, rue des Lilas", "Bâtiment B", "75011 Paris"}));
  EXPECT_EQ(a.code, "ABCDE-FGHJK");
  EXPECT_EQ(a.answer_url, "https://assemblee.example.org/repondre?code=ABCDE-FGHJK");
  // The apostrophe that defused a formula in the export is not printed.
  EXPECT_EQ(page.letters[1].name, "Jean -Dupont");
  EXPECT_EQ(page.letters[1].address_lines.back(), "75004 Paris");
}

TEST(MailingList, AListThatIsNotOneIsRefusedWithoutShowingItsRows) {
  notifications::letters::MailingOptions o;
  auto refused = [&](const std::string& csv) {
    try {
      notifications::letters::letters_of(csv, o);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(refused("code,name\nA,B\n").find("header"), std::string::npos);
  EXPECT_NE(refused(kHeader + "\"ABCDE-FGHJK\",\"Secret Name\n").find("not CSV"),
            std::string::npos);
  auto narrow = refused(kHeader + "ABCDE-FGHJK,Secret,Name\n");
  EXPECT_NE(narrow.find("row 1"), std::string::npos);
  EXPECT_EQ(narrow.find("Secret"), std::string::npos) << "no personal data in the error";
  EXPECT_NE(refused(kHeader + ",Nom,Prénom,1 rue,75001,01\n").find("no code"), std::string::npos);
  EXPECT_TRUE(notifications::letters::letters_of(kHeader, o).letters.empty());
}

TEST(MailingList, TheNextPagesCursorFromTheLinkHeader) {
  using notifications::delivery::next_cursor_of;
  EXPECT_EQ(next_cursor_of("</v1/invitation-draws/x/mailing-list?limit=5000&cursor=4999>; "
                           "rel=\"next\""),
            "4999");
  EXPECT_EQ(next_cursor_of("</v1/x?cursor=12&limit=5000>; rel=\"next\""), "12");
  EXPECT_EQ(next_cursor_of("</v1/x?precursor=1&cursor=7>; rel=\"next\""), "7");
  EXPECT_EQ(next_cursor_of(""), "");
  EXPECT_EQ(next_cursor_of("</v1/x?cursor=7>; rel=\"prev\""), "");
}

}  // namespace
