#include <gtest/gtest.h>

#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(WorkshopsApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(workshops::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(WorkshopsApi, AMissingKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(workshops::definition()),
               assembly::config::ConfigError);
}
