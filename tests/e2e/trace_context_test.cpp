// W3C Trace Context through the running services: what a client sends as a trace id can never
// break the event chain nor reach the events and logs as it is; a valid `traceparent` is carried
// from the request to the consumer of its events (its logs bear the same trace id).
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <thread>

#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

namespace {

bool lower_hex(const std::string& s, std::size_t size) {
  if (s.size() != size || s == std::string(size, '0')) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string random_hex(std::size_t size) {
  static std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  while (out.size() < size) out += "0123456789abcdef"[rng() % 16];
  return out;
}

// A panel draw posted with extra headers; the response.
assembly::itest::HttpResponse draw(const std::string& assembly_id, int seats,
                                   std::map<std::string, std::string> headers) {
  headers["Authorization"] = "Bearer " + e2e::token("secretariat", "secretariat-trace");
  headers["Content-Type"] = "application/json";
  return http("POST", e2e::url("sortition") + "/v1/panel-draws",
              e2e::panel_request(assembly_id, seats * 2, seats).dump(), headers);
}

bool members_arrive(const std::string& assembly_id, std::size_t seats) {
  const auto staff = e2e::token("secretariat", "secretariat-trace");
  return e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        return r.status == 200 && e2e::body_of(r)["items"].size() == seats;
      },
      std::chrono::seconds(60));
}

}  // namespace

TEST(TraceContext, AClientsTraceIdOfAnyBytesNeitherReachesTheEventsNorBreaksTheChain) {
  const auto assembly_id = e2e::fresh("trace-bytes");
  // Not UTF-8, and long: before, copied into every event of the request, it made the consumer
  // dead-letter them (the panel never became members).
  const std::string raw = "\xff\xfe\xc3(" + std::string(3000, 'z');
  const std::string dead_letters =
      "membership_events_dead_lettered_total{topic=\"assembly.sortition.v1\"}";
  const double dead_before = e2e::metric("membership", dead_letters);
  auto r = draw(assembly_id, 4, {{"X-Trace-Id", raw}, {"traceparent", raw}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(members_arrive(assembly_id, 4)) << "membership applied the panel's event";
  // Every event of the draw consumed, none dead-lettered (watched for a while).
  double dead_after = dead_before;
  EXPECT_FALSE(e2e::eventually(
      [&] {
        dead_after = e2e::metric("membership", dead_letters);
        return dead_after != dead_before;
      },
      std::chrono::seconds(5)))
      << "an event of the draw was dead-lettered: " << dead_before << " -> " << dead_after;
  const auto trace_id = r.headers["x-trace-id"];
  EXPECT_TRUE(lower_hex(trace_id, 32)) << "a trace id of our own, not the client's: " << trace_id;
  const auto traceparent = r.headers["traceparent"];
  ASSERT_EQ(traceparent.size(), 55u) << traceparent;
  EXPECT_EQ(traceparent.substr(0, 3), "00-");
  EXPECT_EQ(traceparent.substr(3, 32), trace_id);
}

TEST(TraceContext, AValidTraceparentIsCarriedToTheConsumerOfTheEvents) {
  const auto assembly_id = e2e::fresh("trace-w3c");
  const auto trace_id = random_hex(32);
  const auto parent = random_hex(16);
  auto r = draw(assembly_id, 3, {{"traceparent", "00-" + trace_id + "-" + parent + "-01"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["x-trace-id"], trace_id);
  const auto answered = r.headers["traceparent"];
  ASSERT_EQ(answered.size(), 55u) << answered;
  EXPECT_EQ(answered.substr(0, 36), "00-" + trace_id + "-");
  EXPECT_TRUE(lower_hex(answered.substr(36, 16), 16));
  EXPECT_NE(answered.substr(36, 16), parent) << "the service's own span, child of the caller's";
  EXPECT_EQ(answered.substr(53), "01") << "the caller's flags kept";
  ASSERT_TRUE(members_arrive(assembly_id, 3));

  // Membership logged its work on the event under the request's trace id.
  const auto log_file = assembly::itest::env("ROOT") + "/var/log/membership.log";
  bool found = false;
  std::ifstream in(log_file);
  for (std::string line; std::getline(in, line);) {
    auto j = json::parse(line, nullptr, false);
    if (j.is_object() && j.value("message", "") == "panel became members" &&
        j.value("assembly_id", "") == assembly_id) {
      EXPECT_EQ(j.value("trace_id", ""), trace_id) << line;
      found = true;
    }
  }
  EXPECT_TRUE(found) << "membership's log line for the panel, in " << log_file;
}
