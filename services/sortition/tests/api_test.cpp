// The service's routes against its OpenAPI document: every route documented with its responses.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "wiring.h"

TEST(SortitionApi, OpenApiDocumentsEveryRouteAndResponse) {
  char path[] = "/tmp/sortition-pii-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, std::string(32, 'k').data(), 32), 32);
  close(fd);
  for (const auto& gap : assembly::service::openapi_gaps(sortition::definition(), {{"PII_KEY_FILE", path}}))
    ADD_FAILURE() << gap;
  std::remove(path);
}

TEST(SortitionApi, AMissingOrShortKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(sortition::definition()), assembly::config::ConfigError);
  EXPECT_THROW(assembly::service::openapi_gaps(sortition::definition(), {{"PII_KEY_FILE", "/nonexistent"}}),
               assembly::config::ConfigError);
}
