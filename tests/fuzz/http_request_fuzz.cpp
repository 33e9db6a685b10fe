// What libs/http reads of a request before a route's own code: the path matched against routes,
// the query's percent-encoding, the caller's address behind proxies (Forwarded, X-Forwarded-For),
// and the JSON body read field by field (body.h) into the problem document (RFC 9457) answered
// for it. The input is cut at its first NUL bytes: path, query value, Forwarded, X-Forwarded-For,
// then the body.
#include <string>

#include "assembly/http/body.h"
#include "assembly/http/client_address.h"
#include "assembly/http/http.h"
#include "fuzz_check.h"

using namespace assembly::http;

namespace {

const Router& router() {
  static const Router r = [] {
    Router r;
    auto ok = [](Request&) { return Response::empty(204); };
    r.add(Method::Get, "/v1/pools", Access::anyone(), ok);
    r.add(Method::Get, "/v1/pools/:id", Access::anyone(), ok);
    r.add(Method::Post, "/v1/pools/:id/imports/:import/parts/:part", Access::anyone(), ok);
    r.add(Method::Get, "/v1/assemblies/:id/members", Access::anyone(), ok);
    return r;
  }();
  return r;
}

// The fields of a body the way the routes read them, every mistake collected.
void read_fields(body::Fields& f, int depth) {
  (void)f.string("name", 200);
  (void)f.string_or("description", "", 2000);
  (void)f.integer("seats", 1, 1000);
  (void)f.date("date");
  (void)f.utc_time("starts_at");
  if (f.has("kind")) (void)f.string("kind", 32);
  const auto& items = f.array("items");
  if (depth > 2) return;
  for (std::size_t i = 0; i < items.size() && i < 8; ++i) {
    auto nested = f.nested(items[i], "/items/" + std::to_string(i));
    read_fields(nested, depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto next = [&] {
    auto cut = text.find('\0');
    auto part = text.substr(0, cut);
    text.remove_prefix(cut == std::string_view::npos ? text.size() : cut + 1);
    return std::string(part);
  };
  const auto path = next(), query = next(), forwarded = next(), xff = next();

  for (auto m : {Method::Get, Method::Post}) {
    const auto match = router().match(m, path);
    if (match.kind == Match::Kind::found) {
      FUZZ_CHECK(match.route != nullptr);
      for (const auto& [name, value] : match.params) FUZZ_CHECK(!value.empty());
    }
  }
  const auto decoded = percent_decode(query);
  FUZZ_CHECK(decoded.size() <= query.size());

  static const auto proxies = TrustedProxies::parse("127.0.0.1 10.0.0.0/8, ::1 fd00::/8");
  const auto client =
      proxies.client("10.1.2.3", forwarded.empty() ? std::nullopt : std::optional(forwarded),
                     xff.empty() ? std::nullopt : std::optional(xff));
  FUZZ_CHECK(!client.empty());
  if (auto a = canonical_address(xff)) FUZZ_CHECK(canonical_address(*a) == a);
  try {
    (void)TrustedProxies::parse(forwarded);
  } catch (const std::invalid_argument&) {
  }

  Request request;
  request.method = Method::Post;
  request.body = std::string(text);
  try {
    const auto json = request.json();
    body::Fields fields(json);
    read_fields(fields, 0);
    fields.done();
  } catch (const Problem& p) {
    FUZZ_CHECK(p.status() == 400 || p.status() == 422);
    const auto answer = Response::problem(p);
    FUZZ_CHECK(answer.status == p.status() && !answer.body.empty());
    FUZZ_CHECK(answer.content_type == "application/problem+json");
  }
  return 0;
}
