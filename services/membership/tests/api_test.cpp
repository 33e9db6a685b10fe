#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "wiring.h"

TEST(MembershipApi, OpenApiDocumentsEveryRouteAndResponse) {
  char path[] = "/tmp/membership-pii-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, std::string(32, 'k').data(), 32), 32);
  close(fd);
  for (const auto& gap : assembly::service::openapi_gaps(membership::definition(), {{"PII_KEY_FILE", path}}))
    ADD_FAILURE() << gap;
  std::remove(path);
}

TEST(MembershipApi, AMissingKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(membership::definition()), assembly::config::ConfigError);
}
