#include "assembly/events/envelope.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

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

// Found by the fuzzer (tests/fuzz/envelope_fuzz.cpp): an envelope from the wire whose time is
// the largest a Timestamp's seconds can hold overflowed (undefined behaviour) when read.
TEST(Envelope, ATimeBeyondWhatMicrosecondsCountIsClamped) {
  events::Envelope e;
  e.mutable_occurred_at()->set_seconds(std::numeric_limits<std::int64_t>::max());
  e.mutable_occurred_at()->set_nanos(999'999'999);
  EXPECT_EQ(events::occurred_at_micros(e), 9'223'372'036'853'999'999);
  e.mutable_occurred_at()->set_seconds(std::numeric_limits<std::int64_t>::min());
  e.mutable_occurred_at()->set_nanos(-999'999'999);
  EXPECT_EQ(events::occurred_at_micros(e), -9'223'372'036'853'999'999);
  e.mutable_occurred_at()->set_seconds(1'700'000'000);
  e.mutable_occurred_at()->set_nanos(123'456'789);
  EXPECT_EQ(events::occurred_at_micros(e), 1'700'000'000'123'456);
}

TEST(Envelope, UnwrapRefusesAnotherTypeOrGarbage) {
  sortition::v1::PanelSelected p;
  auto e = events::wrap(p, "x", "sortition");
  EXPECT_THROW(events::unwrap<membership::v1::MemberAssigned>(e), events::Poison);
  e.set_payload("\xff\xff\xff garbage");
  EXPECT_THROW(events::unwrap<sortition::v1::PanelSelected>(e), events::Poison);
}
