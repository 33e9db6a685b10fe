#include "assembly/service/args.h"

#include <gtest/gtest.h>

using assembly::service::Args;
using assembly::service::parse_args;
using A = Args::Action;

TEST(Args, NoArgumentServes) {
  EXPECT_EQ(parse_args({}).action, A::serve);
}

TEST(Args, EachFlagIsItsActionInAnyPosition) {
  EXPECT_EQ(parse_args({"--config-help"}).action, A::config_help);
  EXPECT_EQ(parse_args({"--migrate"}).action, A::migrate);
  EXPECT_EQ(parse_args({"--reseal"}).action, A::reseal);
  EXPECT_EQ(parse_args({"--version"}).action, A::version);
  EXPECT_EQ(parse_args({"--openapi"}).action, A::openapi);
  EXPECT_EQ(parse_args({"-h"}).action, A::help);
  // The same flag twice is still one action.
  EXPECT_EQ(parse_args({"--migrate", "--migrate"}).action, A::migrate);
}

TEST(Args, UnknownArgumentsAndTwoActionsAreUsageErrors) {
  auto unknown = parse_args({"--migrate", "--verbose"});
  EXPECT_EQ(unknown.action, A::usage_error);
  EXPECT_EQ(unknown.error, "unknown argument '--verbose'");
  EXPECT_EQ(parse_args({"--config-help", "--migrate"}).action, A::usage_error);
}
