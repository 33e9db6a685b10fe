#include <gtest/gtest.h>

#include "wiring.h"

TEST(WorkshopsApi, OpenApiDocumentsEveryRouteAndResponse) {
  for (const auto& gap : assembly::service::openapi_gaps(workshops::definition())) ADD_FAILURE() << gap;
}
