#include <gtest/gtest.h>

#include "wiring.h"

TEST(FollowupApi, OpenApiDocumentsEveryRouteAndResponse) {
  for (const auto& gap : assembly::service::openapi_gaps(followup::definition()))
    ADD_FAILURE() << gap;
}
