#include "assembly/config/config.h"

#include <gtest/gtest.h>

using assembly::config::ConfigError;
using assembly::config::Env;

TEST(Config, DefaultsApplyWhenUnset) {
  Env env(std::map<std::string, std::string>{});
  EXPECT_EQ(env.port("HTTP_PORT", 8081, "port"), 8081);
  EXPECT_EQ(env.str("NAME", "x", "doc"), "x");
  EXPECT_TRUE(env.flag("F", true, "doc"));
}

TEST(Config, ValuesAreParsed) {
  Env env({{"HTTP_PORT", "9000"}, {"F", "false"}, {"N", "-3"}});
  EXPECT_EQ(env.port("HTTP_PORT", 8081, "port"), 9000);
  EXPECT_FALSE(env.flag("F", true, "doc"));
  EXPECT_EQ(env.integer("N", 0, -10, 10, "doc"), -3);
}

TEST(Config, InvalidValueNamesTheVariable) {
  Env env({{"HTTP_PORT", "80a"}, {"BIG", "70000"}, {"F", "maybe"}});
  try {
    env.port("HTTP_PORT", 8081, "port");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP_PORT"), std::string::npos);
  }
  EXPECT_THROW(env.port("BIG", 1, "port"), ConfigError);
  EXPECT_THROW(env.flag("F", true, "doc"), ConfigError);
  EXPECT_THROW(env.required("MISSING", "doc"), ConfigError);
}

TEST(Config, HelpListsEveryVariableRead) {
  Env env(std::map<std::string, std::string>{});
  env.port("HTTP_PORT", 8081, "where the API listens");
  env.str("LOG_LEVEL", "info", "minimum level");
  auto help = env.help();
  EXPECT_NE(help.find("HTTP_PORT (default: 8081)"), std::string::npos);
  EXPECT_NE(help.find("LOG_LEVEL (default: info)"), std::string::npos);
}
