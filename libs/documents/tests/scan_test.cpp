// The scan hook with real commands: what the command says decides, and a command that cannot
// say keeps nothing.
#include "assembly/documents/scan.h"

#include <gtest/gtest.h>

using namespace assembly::documents;

TEST(Scan, NoneConfiguredIsClean) {
  EXPECT_FALSE(ScanSettings{}.configured());
  EXPECT_EQ(scan(ScanSettings{}, "anything"), Verdict::clean);
}

TEST(Scan, TheCommandReadsTheBytesAndDecides) {
  // "Infected" when the bytes hold the marker: the command really reads its standard input.
  ScanSettings s;
  s.command = "if grep -q EICAR-MARK; then exit 1; else exit 0; fi";
  EXPECT_EQ(scan(s, "%PDF-1.7 harmless"), Verdict::clean);
  EXPECT_EQ(scan(s, "%PDF-1.7 EICAR-MARK inside"), Verdict::infected);
}

TEST(Scan, ACommandThatFailsOrHangsIsUnavailable) {
  ScanSettings s;
  s.command = "exit 2";
  EXPECT_THROW(scan(s, "x"), ScanUnavailable);
  s.command = "sleep 5";
  s.timeout = std::chrono::milliseconds(200);
  EXPECT_THROW(scan(s, "x"), ScanUnavailable);
}

TEST(Scan, AnEndpointThatDoesNotAnswerIsUnavailable) {
  ScanSettings s;
  s.url = "http://127.0.0.1:1/scan";
  s.timeout = std::chrono::milliseconds(500);
  EXPECT_THROW(scan(s, "x"), ScanUnavailable);
}
