#include "assembly/http/page.h"

#include <gtest/gtest.h>

using namespace assembly::http;

namespace {
Request with_query(std::map<std::string, std::string> query) {
  Request r;
  r.path = "/v1/members";
  r.query = std::move(query);
  return r;
}
}  // namespace

TEST(Page, CursorsRoundTripAnyKey) {
  for (std::string key : {"a", "ab", "abc", "2022-01-12T10:00:00Z|3f1c2a4e", "é|\x01\xff"}) {
    auto c = encode_cursor(key);
    EXPECT_EQ(
        c.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    EXPECT_EQ(decode_cursor(c), key);
  }
  EXPECT_EQ(decode_cursor("a"), std::nullopt);
  EXPECT_EQ(decode_cursor("ab$d"), std::nullopt);
}

TEST(Page, LimitDefaultsAndIsCapped) {
  EXPECT_EQ(page_request(with_query({}), 100, 500).limit, 100u);
  EXPECT_EQ(page_request(with_query({{"limit", "500"}}), 100, 500).limit, 500u);
  for (std::string bad : {"0", "501", "-1", "ten", "5x"}) {
    try {
      page_request(with_query({{"limit", bad}}), 100, 500);
      FAIL() << bad << " was accepted";
    } catch (const Problem& p) {
      EXPECT_EQ(p.status(), 400);
      EXPECT_EQ(p.field(), "limit");
    }
  }
}

TEST(Page, ACursorIsDecodedAndABadOneRefused) {
  auto after = page_request(with_query({{"cursor", encode_cursor("k|1")}}), 10, 10).after;
  EXPECT_EQ(after, "k|1");
  EXPECT_THROW(page_request(with_query({{"cursor", "!!"}}), 10, 10), Problem);
}

TEST(Page, TheNextPageIsLinkedWithTheSameQuery) {
  auto req = with_query({{"assembly_id", "paris 2022"},
                         {"cursor", "old"},
                         {"limit", "2"},
                         {"utm_source", "someone-else"}});
  // Only the list's own parameters (and limit) are repeated: not the caller's others.
  auto r = page_response(req, nlohmann::json::array({1, 2}), "k|2", {"assembly_id"});
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["items"].size(), 2u);
  EXPECT_EQ(body["next_cursor"], encode_cursor("k|2"));
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Link");
  EXPECT_EQ(r.headers[0].second, "</v1/members?assembly_id=paris%202022&limit=2&cursor=" +
                                     encode_cursor("k|2") + ">; rel=\"next\"");
  auto last = page_response(req, nlohmann::json::array({3}), std::nullopt);
  EXPECT_TRUE(nlohmann::json::parse(last.body)["next_cursor"].is_null());
  EXPECT_TRUE(last.headers.empty());
}
