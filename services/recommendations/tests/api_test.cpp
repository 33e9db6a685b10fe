#include <gtest/gtest.h>

#include "wiring.h"

TEST(RecommendationsApi, OpenApiDocumentsEveryRouteAndResponse) {
  for (const auto& gap : assembly::service::openapi_gaps(recommendations::definition()))
    ADD_FAILURE() << gap;
}
