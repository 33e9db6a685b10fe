#include "assembly/events/envelope.h"

#include <gtest/gtest.h>

#include "assembly/core/ids.h"
#include "assembly/logging/log.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/sortition/v1/events.pb.h"

using namespace assembly;

TEST(Envelope, WrapCarriesTheStandardFields) {
  sortition::v1::PanelSelected p;
  p.set_draw_id("d1");
  p.set_assembly_id("a1");
  log::TraceScope trace("trace-9");
  auto e = events::wrap(p, "d1", "sortition");
  EXPECT_TRUE(core::is_uuid(e.event_id()));
  EXPECT_EQ(e.event_type(), "assembly.sortition.v1.PanelSelected");
  EXPECT_EQ(e.aggregate_id(), "d1");
  EXPECT_EQ(e.producer(), "sortition");
  EXPECT_EQ(e.schema_version(), 1u);
  EXPECT_EQ(e.trace_id(), "trace-9");
  EXPECT_GT(e.occurred_at().seconds(), 1'700'000'000);
  auto back = events::unwrap<sortition::v1::PanelSelected>(e);
  EXPECT_EQ(back.assembly_id(), "a1");
}

TEST(Envelope, UnwrapRefusesAnotherTypeOrGarbage) {
  sortition::v1::PanelSelected p;
  auto e = events::wrap(p, "x", "sortition");
  EXPECT_THROW(events::unwrap<membership::v1::MemberAssigned>(e), events::Poison);
  e.set_payload("\xff\xff\xff garbage");
  EXPECT_THROW(events::unwrap<sortition::v1::PanelSelected>(e), events::Poison);
}
