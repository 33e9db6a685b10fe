// The service's routes against its OpenAPI document: every route documented with its responses.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(SortitionApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(sortition::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(SortitionApi, AMissingOrShortKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(sortition::definition()),
               assembly::config::ConfigError);
  EXPECT_THROW(
      assembly::service::openapi_gaps(sortition::definition(), {{"PII_KEY_FILE", "/nonexistent"}}),
      assembly::config::ConfigError);
}
