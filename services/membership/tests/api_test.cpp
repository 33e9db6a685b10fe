#include <gtest/gtest.h>

#include "wiring.h"

TEST(MembershipApi, OpenApiDocumentsEveryRouteAndResponse) {
  for (const auto& gap : assembly::service::openapi_gaps(membership::definition())) ADD_FAILURE() << gap;
}
