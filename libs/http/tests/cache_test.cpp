#include "assembly/http/cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <random>
#include <thread>
#include <vector>

using namespace assembly::http;

namespace {

Request get(const std::string& path, std::map<std::string, std::string> query) {
  Request r;
  r.path = path;
  r.query = std::move(query);
  return r;
}

}  // namespace

TEST(Cache, ReusesA200UntilItExpiresAndNeverCachesErrors) {
  int calls = 0;
  auto h = cached(
      [&](Request& r) {
        ++calls;
        if (r.query.count("fail")) return Response::json(404, {});
        return Response::json(200, {{"n", calls}});
      },
      std::chrono::milliseconds(50), {"assembly_id", "fail"});
  Request a = get("/x", {{"assembly_id", "1"}});
  EXPECT_EQ(h(a).body, R"({"n":1})");
  EXPECT_EQ(h(a).body, R"({"n":1})");
  Request b = get("/x", {{"assembly_id", "2"}});
  EXPECT_EQ(h(b).body, R"({"n":2})");
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  EXPECT_EQ(h(a).body, R"({"n":3})");
  Request f = get("/x", {{"fail", "1"}});
  h(f);
  h(f);
  EXPECT_EQ(calls, 5);
}

// A random query string (a cache buster) names a parameter the page does not know: it neither
// makes a new entry nor reaches the handler, so N such requests cost one build.
TEST(Cache, QueryParametersThePageDoesNotKnowNeitherMissNorReachTheHandler) {
  std::atomic<int> builds{0};
  bool saw_unknown = false;
  auto h = cached(
      [&](Request& r) {
        ++builds;
        if (r.query.size() != 1 || !r.query.count("assembly_id")) saw_unknown = true;
        return Response::json(200, {{"assembly", r.query["assembly_id"]}});
      },
      std::chrono::seconds(60), {"assembly_id"});
  std::mt19937_64 random(42);
  for (int i = 0; i < 200; ++i) {
    auto req = get("/transparency/a", {{"assembly_id", "a1"},
                                       {"x" + std::to_string(random()), std::to_string(random())},
                                       {"utm_source", std::to_string(i)}});
    ASSERT_EQ(h(req).body, R"({"assembly":"a1"})");
  }
  EXPECT_EQ(builds.load(), 1) << "200 requests with random query strings, one build";
  EXPECT_FALSE(saw_unknown) << "the handler sees only the parameters the page knows";
}

// Misses on one key that arrive together share one build (a burst on a cold or just-expired
// page costs one set of queries, not one per request).
TEST(Cache, ConcurrentMissesOnOneKeyShareOneBuild) {
  std::atomic<int> builds{0};
  auto h = cached(
      [&](Request&) {
        ++builds;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return Response::json(200, {{"ok", true}});
      },
      std::chrono::seconds(60));
  std::vector<std::future<Response>> answers;
  for (int i = 0; i < 8; ++i)
    answers.push_back(std::async(std::launch::async, [&h] {
      auto req = get("/transparency/a", {});
      return h(req);
    }));
  for (auto& a : answers) EXPECT_EQ(a.get().body, R"({"ok":true})");
  EXPECT_EQ(builds.load(), 1);
}

// A build that throws (a 4xx problem, a database error) is not cached and each waiter gets it.
TEST(Cache, AFailedBuildIsSharedByItsWaitersAndNotKept) {
  std::atomic<int> builds{0};
  auto h = cached(
      [&](Request&) -> Response {
        ++builds;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        throw not_found("no such page");
      },
      std::chrono::seconds(60));
  std::vector<std::future<Response>> answers;
  for (int i = 0; i < 4; ++i)
    answers.push_back(std::async(std::launch::async, [&h] {
      auto req = get("/x", {});
      return h(req);
    }));
  for (auto& a : answers) EXPECT_THROW(a.get(), Problem);
  auto req = get("/x", {});
  EXPECT_THROW(h(req), Problem);
  EXPECT_GE(builds.load(), 2) << "an error is built again on the next request";
  EXPECT_LE(builds.load(), 5);
}
