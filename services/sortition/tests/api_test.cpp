// The service's routes against its OpenAPI document: every route documented with its responses.
#include <gtest/gtest.h>

#include "wiring.h"

TEST(SortitionApi, OpenApiDocumentsEveryRouteAndResponse) {
  for (const auto& gap : assembly::service::openapi_gaps(sortition::definition())) ADD_FAILURE() << gap;
}
