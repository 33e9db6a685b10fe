#include <gtest/gtest.h>

#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(MembershipApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(membership::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(MembershipApi, AMissingKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(membership::definition()),
               assembly::config::ConfigError);
}
