#include <gtest/gtest.h>

#include "assembly/http/body.h"
#include "assembly/http/http.h"
#include "assembly/http/problems.h"
#include "test_keys.h"

using namespace assembly::http;

namespace {

struct Fixture : ::testing::Test {
  Router router;
  std::shared_ptr<assembly::auth::Verifier> v = test::verifier();
  int calls = 0;

  void SetUp() override {
    router.add(Method::Get, "/public", Access::anyone(), [this](Request&) {
      ++calls;
      return Response::json(200, {{"ok", true}});
    });
    router.add(
        Method::Post, "/v1/things", Access::roles_of({"secretariat"}),
        [this](Request& r) {
          ++calls;
          auto body = r.json();
          if (!body.contains("name")) throw unprocessable("name is required", "/name");
          return Response::json(201, {{"by", r.caller().subject}});
        },
        RouteOptions{64, true});
    router.add(Method::Get, "/boom", Access::anyone(),
               [](Request&) -> Response { throw std::runtime_error("secret internals"); });
    router.add(Method::Get, "/mapped", Access::anyone(),
               [](Request&) -> Response { throw std::out_of_range("db gone"); });
    router.add(Method::Get, "/refused/conflict", Access::anyone(), [](Request&) -> Response {
      throw assembly::core::conflict("the ballot is closed");
    });
    router.add(Method::Get, "/refused/invalid", Access::anyone(), [](Request&) -> Response {
      throw assembly::core::invalid("min above max", "/quotas/2/min");
    });
    router.on_exception([](std::exception_ptr e) -> std::optional<Problem> {
      try {
        std::rethrow_exception(e);
      } catch (const std::out_of_range&) {
        return unavailable("database unreachable");
      } catch (...) {
        return std::nullopt;
      }
    });
  }

  Response call(Method m, std::string path, std::string body = {},
                std::map<std::string, std::string> headers = {}) {
    Request r;
    r.method = m;
    r.path = std::move(path);
    r.body = std::move(body);
    r.headers = std::move(headers);
    return dispatch(router, v.get(), r);
  }

  static nlohmann::json problem(const Response& r) {
    EXPECT_EQ(r.content_type, "application/problem+json");
    return nlohmann::json::parse(r.body);
  }
  std::map<std::string, std::string> auth(std::vector<std::string> roles) {
    return {{"authorization", "Bearer " + test::token(std::move(roles))},
            {"content-type", "application/json"}};
  }
};

}  // namespace

TEST_F(Fixture, PublicRouteNeedsNoToken) {
  auto r = call(Method::Get, "/public");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(calls, 1);
}

TEST_F(Fixture, UnknownRouteIs404Problem) {
  auto r = call(Method::Get, "/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(problem(r)["status"], 404);
}

TEST_F(Fixture, WrongMethodIs405WithAllow) {
  auto r = call(Method::Delete, "/public");
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "GET");
}

TEST_F(Fixture, MissingOrBadTokenIs401AndHandlerNotCalled) {
  auto r =
      call(Method::Post, "/v1/things", R"({"name":"x"})", {{"content-type", "application/json"}});
  EXPECT_EQ(r.status, 401);
  r = call(Method::Post, "/v1/things", R"({"name":"x"})",
           {{"authorization", "Bearer abc.def.ghi"}, {"content-type", "application/json"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(calls, 0);
}

TEST_F(Fixture, NoKeySetYetIs503NotA401) {
  // An issuer whose key set cannot be fetched: the token cannot be judged, so retry later.
  assembly::auth::RemoteKeysOptions o;
  o.issuer = "iss";
  o.fetch = [](const std::string&) -> std::string { throw std::runtime_error("refused"); };
  assembly::auth::VerifierOptions vo;
  vo.keys = std::make_shared<assembly::auth::RemoteKeys>(o);
  vo.issuer = "iss";
  vo.audience = "aud";
  v = std::make_shared<assembly::auth::Verifier>(vo);
  auto r = call(Method::Post, "/v1/things", R"({"name":"x"})", auth({"secretariat"}));
  EXPECT_EQ(r.status, 503);
  bool retry_after = false;
  for (const auto& [name, value] : r.headers) retry_after |= name == "Retry-After";
  EXPECT_TRUE(retry_after);
  EXPECT_EQ(calls, 0);
}

TEST_F(Fixture, WrongRoleIs403) {
  auto r = call(Method::Post, "/v1/things", R"({"name":"x"})", auth({"member"}));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(calls, 0);
}

TEST_F(Fixture, RightRoleReachesTheHandlerWithThePrincipal) {
  auto r = call(Method::Post, "/v1/things", R"({"name":"x"})", auth({"secretariat"}));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(nlohmann::json::parse(r.body)["by"], "s1");
}

TEST_F(Fixture, MalformedJsonIs400NamingThePosition) {
  auto r = call(Method::Post, "/v1/things", R"({"name": })", auth({"secretariat"}));
  EXPECT_EQ(r.status, 400);
  auto p = problem(r);
  EXPECT_EQ(p["position"], 10);
  EXPECT_NE(p["detail"].get<std::string>().find("byte 10"), std::string::npos);
}

TEST_F(Fixture, ANumberBeyondADoubleIs400NotAnInternalError) {
  auto r = call(Method::Post, "/v1/things", R"({"name": 1e400})", auth({"secretariat"}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(problem(r)["field"], "body");
}

TEST_F(Fixture, DomainValidationIs422NamingTheField) {
  auto r = call(Method::Post, "/v1/things", R"({"other":1})", auth({"secretariat"}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(problem(r)["field"], "/name");
}

TEST_F(Fixture, BodyOverTheRouteLimitIs413) {
  auto r = call(Method::Post, "/v1/things", "{\"name\":\"" + std::string(100, 'x') + "\"}",
                auth({"secretariat"}));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(calls, 0);
}

TEST_F(Fixture, NonJsonBodyIs415) {
  auto h = auth({"secretariat"});
  h["content-type"] = "text/csv";
  auto r = call(Method::Post, "/v1/things", "a,b", h);
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(problem(r)["field"], "content-type");
}

TEST_F(Fixture, UnexpectedExceptionIs500WithoutInternals) {
  auto r = call(Method::Get, "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret internals"), std::string::npos);
}

TEST_F(Fixture, MappedExceptionBecomesItsProblem) {
  auto r = call(Method::Get, "/mapped");
  EXPECT_EQ(r.status, 503);
}

#include "assembly/http/body.h"

TEST_F(Fixture, ADomainRefusalIsAnsweredAsItsProblem) {
  auto c = call(Method::Get, "/refused/conflict");
  EXPECT_EQ(c.status, 409);
  EXPECT_EQ(problem(c)["detail"], "the ballot is closed");
  auto i = call(Method::Get, "/refused/invalid");
  EXPECT_EQ(i.status, 422);
  EXPECT_EQ(problem(i)["field"], "/quotas/2/min");
}

TEST(Body, FieldsNameEveryInvalidFieldAtOnce) {
  auto b = nlohmann::json::parse(
      R"({"name": "", "seats": 0, "opens_on": "2022-02-29", "rule": "simple-majority"})");
  body::Fields f(b);
  EXPECT_EQ(f.string("name"), "");
  EXPECT_EQ(f.integer("seats", 1, 100), 1);
  EXPECT_EQ(f.date("opens_on"), "");
  EXPECT_EQ(f.string("rule"), "simple-majority");
  EXPECT_EQ(f.string("question"), "");
  f.check(false, "/quorum", "quorum is required");
  try {
    f.done();
    FAIL() << "done() must throw";
  } catch (const Problem& p) {
    EXPECT_EQ(p.status(), 422);
    auto j = p.body();
    EXPECT_EQ(j["type"], "/problems/unprocessable-entity");
    ASSERT_EQ(j["errors"].size(), 5u);
    std::vector<std::string> pointers;
    for (const auto& e : j["errors"]) pointers.push_back(e["pointer"]);
    EXPECT_EQ(pointers,
              (std::vector<std::string>{"/name", "/seats", "/opens_on", "/question", "/quorum"}));
    EXPECT_EQ(j["field"], "/name");
  }
}

TEST(Body, NestedFieldsAddTheirMistakesToTheOuterOnes) {
  auto b = nlohmann::json::parse(R"({"seat_pools": [{"pool": "roll", "seats": 0}, 3]})");
  body::Fields f(b);
  const auto& pools = f.array("seat_pools");
  for (std::size_t i = 0; i < pools.size(); ++i) {
    auto p = f.nested(pools[i], "/seat_pools/" + std::to_string(i));
    p.string("pool");
    p.integer("seats", 1, 100);
  }
  f.string("name");
  try {
    f.done();
    FAIL() << "done() must throw";
  } catch (const Problem& p) {
    std::vector<std::string> pointers;
    for (const auto& e : p.errors()) pointers.push_back(e.pointer);
    EXPECT_EQ(pointers,
              (std::vector<std::string>{"/seat_pools/0/seats", "/seat_pools/1", "/name"}));
  }
}

TEST(Body, TextsRefuseControlCharactersButLineBreaksAndTabs) {
  auto b = nlohmann::json::parse(
      R"({"nul": "a\u0000b", "bell": "\u0007", "del": "x\u007f", "lines": "one\n\ttwo\r\n"})");
  body::Fields f(b);
  f.string("nul");
  f.string("bell");
  f.string("del");
  EXPECT_EQ(f.string("lines"), "one\n\ttwo\r\n");
  try {
    f.done();
    FAIL() << "done() must throw";
  } catch (const Problem& p) {
    std::vector<std::string> pointers;
    for (const auto& e : p.errors()) pointers.push_back(e.pointer);
    EXPECT_EQ(pointers, (std::vector<std::string>{"/nul", "/bell", "/del"}));
  }
}

TEST(Body, FieldsWithNothingWrongAreDone) {
  auto b = nlohmann::json::parse(R"({"name": "Plan Paris Lecture"})");
  body::Fields f(b);
  EXPECT_EQ(f.string("name"), "Plan Paris Lecture");
  EXPECT_TRUE(f.ok());
  EXPECT_NO_THROW(f.done());
}

TEST(Problems, EveryTypeHasAPageAndEveryStatusAType) {
  EXPECT_EQ(problem_type_of(422).slug, "unprocessable-entity");
  EXPECT_EQ(problem_type_of(429).slug, "too-many-requests");
  EXPECT_EQ(problem_type_of(502).slug, "internal-error");
  EXPECT_EQ(problem_type_of(418).slug, "error");
  for (const auto& t : problem_types()) {
    auto page = problem_page(t);
    EXPECT_NE(page.find("<h1>"), std::string::npos) << t.slug;
    EXPECT_NE(page.find(std::string(t.meaning.substr(0, 8))), std::string::npos) << t.slug;
  }
  EXPECT_EQ(find_problem_type("no-such-type"), nullptr);
  // Field names written `so` in the catalogue are shown as code, never as backticks.
  auto page = problem_page(problem_type_of(422));
  EXPECT_NE(page.find("<code>errors</code> lists every field"), std::string::npos) << page;
  EXPECT_EQ(page.find('`'), std::string::npos) << page;
}

TEST(Body, ADateMustExist) {
  auto field_of = [](const nlohmann::json& b) {
    try {
      assembly::http::body::date(b, "on");
    } catch (const assembly::http::Problem& p) {
      return p.field();
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(assembly::http::body::date({{"on", "2024-02-29"}}, "on"), "2024-02-29");
  EXPECT_EQ(field_of({{"on", "2022-02-12"}}), "(accepted)");
  for (const char* bad : {"2022-02-29", "2022-02-31", "2022-13-01", "2022-1-01", "22-01-01x",
                          "2022/01/01", "1800-01-01"})
    EXPECT_EQ(field_of({{"on", bad}}), "/on") << bad;
  EXPECT_EQ(field_of({{"on", 20220101}}), "/on");
  EXPECT_EQ(field_of(nlohmann::json::object()), "/on");
}

TEST(Body, AUtcTimeMustBeWellFormedOnADayThatExists) {
  using assembly::http::body::utc_time;
  EXPECT_EQ(utc_time({{"at", "2022-01-10T18:00:00Z"}}, "at"), "2022-01-10T18:00:00Z");
  for (const char* bad :
       {"2022-01-10T18:00:00", "2022-01-10 18:00:00Z", "2022-02-30T18:00:00Z",
        "2022-01-10T24:00:00Z", "2022-01-10T18:60:00Z", "2022-01-10T18:00:00+01:00"})
    EXPECT_THROW(utc_time({{"at", bad}}, "at"), assembly::http::Problem) << bad;
}
