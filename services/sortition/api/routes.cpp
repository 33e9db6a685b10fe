#include "api/routes.h"

#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "domain/panel_draw.h"
#include "events/publish.h"
#include "store/panel_draw_store.h"

namespace sortition::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;

namespace {

nlohmann::json to_json(const store::PanelDrawRecord& d, bool with_members) {
  nlohmann::json j = {{"id", d.id},
                      {"assembly_id", d.assembly_id},
                      {"seats", d.seats},
                      {"seed_sha256", d.seed_sha256},
                      {"candidates_sha256", d.candidates_sha256},
                      {"candidate_count", d.candidate_count},
                      {"created_by", d.created_by},
                      {"created_at", d.created_at}};
  if (with_members) {
    j["members"] = nlohmann::json::array();
    for (const auto& m : d.members)
      j["members"].push_back(
          {{"person_id", m.person_id}, {"pool", m.pool}, {"attributes", m.attributes}});
  }
  return j;
}

domain::PanelDrawRequest parse_request(const nlohmann::json& b) {
  domain::PanelDrawRequest r;
  r.assembly_id = body::string(b, "assembly_id", "", 64);
  r.seats = static_cast<int>(body::integer(b, "seats", 1, 100000));
  r.seed = body::string(b, "seed", "", 256);
  const auto& candidates = body::array(b, "candidates");
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto at = "/candidates/" + std::to_string(i);
    const auto& c = candidates[i];
    domain::Candidate cand;
    cand.person_id = body::string(c, "person_id", at, 64);
    cand.pool = body::string_or(c, "pool", "roll", at, 64);
    if (c.contains("attributes")) {
      if (!c["attributes"].is_object())
        throw http::unprocessable("attributes must be an object of strings", at + "/attributes");
      for (const auto& [k, v] : c["attributes"].items()) {
        if (!v.is_string())
          throw http::unprocessable("attribute values must be strings", at + "/attributes/" + k);
        cand.attributes[k] = v.get<std::string>();
      }
    }
    r.candidates.push_back(std::move(cand));
  }
  return r;
}

}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  ctx.router.add(
      Method::Post, "/v1/panel-draws", staff,
      [&db, &outbox](http::Request& req) {
        auto request = parse_request(req.json());
        std::vector<domain::Candidate> selected;
        try {
          selected = domain::draw_uniform(request);
        } catch (const domain::InvalidDraw& e) {
          throw http::unprocessable(e.what(), e.field());
        }
        store::PanelDrawRecord record;
        record.id = assembly::core::new_uuid();
        record.assembly_id = request.assembly_id;
        record.seats = request.seats;
        record.seed_sha256 = domain::sha256_hex(request.seed);
        record.candidates_sha256 = domain::candidates_digest(request.candidates);
        record.candidate_count = static_cast<int>(request.candidates.size());
        record.created_by = req.caller().subject;
        record.members = std::move(selected);
        auto stored = db.transact([&](pqxx::work& tx) {
          store::insert(tx, record);
          outbox.append(tx, events::panel_selected(record), record.id);
          return *store::find(tx, record.id);
        });
        assembly::log::info("panel drawn", {{"draw_id", stored.id}, {"seats", stored.seats}});
        auto res = http::Response::json(201, to_json(stored, true));
        res.headers.emplace_back("Location", "/v1/panel-draws/" + stored.id);
        return res;
      },
      http::RouteOptions{8 << 20, true});

  ctx.router.add(Method::Get, "/v1/panel-draws", staff, [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto draws = db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
    return http::Response::items(draws, [](const auto& d) { return to_json(d, false); });
  });

  ctx.router.add(Method::Get, "/v1/panel-draws/:id", staff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto draw = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
    if (!draw) throw http::not_found("no panel draw " + id);
    return http::Response::json(200, to_json(*draw, true));
  });
}

}  // namespace sortition::api
