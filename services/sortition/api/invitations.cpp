#include "api/invitations.h"

#include <chrono>
#include <pqxx/tablewriter>
#include <unordered_map>

#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "assembly/sortition/v1/events.pb.h"
#include "domain/invitation.h"
#include "domain/panel_draw.h"
#include "imports/personal_data.h"

namespace sortition::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;

namespace {

constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // no 0/O, 1/I

constexpr const char* kDrawColumns =
    "id, assembly_id, pool_id, invited, coalesce(stratify_by, ''), seed_commitment, state, seed, "
    "algorithm, "
    "snapshot_sha256, result_sha256, coalesce(strata::text, 'null'), server_ms, "
    "committed_by, " SQL_UTC("committed_at") ", drawn_by, " SQL_UTC("drawn_at");

nlohmann::json draw_json(const pqxx::row& r) {
  auto text = [&](int i) {
    return r[i].is_null() ? nlohmann::json() : nlohmann::json(r[i].as<std::string>());
  };
  nlohmann::json j = {
      {"id", r[0].as<std::string>()},
      {"assembly_id", r[1].as<std::string>()},
      {"pool_id", r[2].as<std::string>()},
      {"invited", r[3].as<int>()},
      {"stratify_by", r[4].as<std::string>().empty() ? nlohmann::json() : text(4)},
      {"seed_commitment", r[5].as<std::string>()},
      {"state", r[6].as<std::string>()},
      {"seed", text(7)},
      {"algorithm", r[8].as<std::string>()},
      {"snapshot_sha256", text(9)},
      {"result_sha256", text(10)},
      {"strata", nlohmann::json::parse(r[11].as<std::string>())},
      {"server_ms", r[12].is_null() ? nlohmann::json() : nlohmann::json(r[12].as<double>())},
      {"committed_by", r[13].as<std::string>()},
      {"committed_at", r[14].as<std::string>()},
      {"drawn_by", text(15)},
      {"drawn_at", text(16)}};
  return j;
}

std::optional<nlohmann::json> find_draw(pqxx::transaction_base& tx, const std::string& id,
                                        bool lock = false) {
  auto rows =
      tx.exec_params(std::string("SELECT ") + kDrawColumns +
                         " FROM invitation_draws WHERE id = $1" + (lock ? " FOR UPDATE" : ""),
                     id);
  if (rows.empty()) return std::nullopt;
  return draw_json(rows[0]);
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string response_code(const assembly::pii::Keyring& keyring, const std::string& draw_id,
                          const std::string& person_id) {
  auto h = keyring.pseudonym("response-code", draw_id + "/" + person_id, 16);  // 64 bits
  std::uint64_t v = std::stoull(h, nullptr, 16);
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code.push_back('-');
    code.push_back(kCodeAlphabet[v & 31]);
    v >>= 5;
  }
  return code;
}

std::string normalise_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

void add_invitation_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  // The commitment comes first: the secretariat publishes SHA-256(seed) before the draw.
  ctx.router.add(Method::Post, "/v1/invitation-draws", staff, [&db](http::Request& req) {
    auto b = req.json();
    auto assembly_id = body::string(b, "assembly_id", "", 64);
    auto pool_id = body::string(b, "pool_id", "", 64);
    auto invited = body::integer(b, "invited", 1, 1'000'000);
    auto commitment = body::string(b, "seed_commitment", "", 64);
    if (!domain::is_sha256_hex(commitment))
      throw http::unprocessable(
          "seed_commitment must be the SHA-256 of the seed, 64 lower-case hex digits",
          "/seed_commitment");
    std::string stratify_by;
    if (b.contains("stratify_by") && !b["stratify_by"].is_null()) {
      stratify_by = body::string(b, "stratify_by", "", 32);
      if (!domain::is_stratification_column(stratify_by))
        throw http::unprocessable("stratify_by must be sex, birth_year or arrondissement",
                                  "/stratify_by");
    }
    auto draw = db.transact([&](pqxx::work& tx) {
      auto pool = tx.exec_params("SELECT state, row_count FROM pools WHERE id = $1", pool_id);
      if (pool.empty()) throw http::unprocessable("no pool " + pool_id, "/pool_id");
      if (pool[0][0].as<std::string>() != "ready")
        throw http::unprocessable("the pool is " + pool[0][0].as<std::string>() + ", not ready",
                                  "/pool_id");
      if (invited > pool[0][1].as<long long>())
        throw http::unprocessable("invited (" + std::to_string(invited) + ") exceeds the pool's " +
                                      pool[0][1].as<std::string>() + " people",
                                  "/invited");
      auto id = assembly::core::new_uuid();
      tx.exec_params(
          "INSERT INTO invitation_draws (id, assembly_id, pool_id, invited, stratify_by, "
          "seed_commitment, state, "
          "algorithm, committed_by) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, 'committed', $7, "
          "$8)",
          id, assembly_id, pool_id, invited, stratify_by, commitment,
          std::string(domain::kInvitationAlgorithm), req.caller().subject);
      return *find_draw(tx, id);
    });
    auto res = http::Response::json(201, draw);
    res.headers.emplace_back("Location", "/v1/invitation-draws/" + std::string(draw["id"]));
    return res;
  });

  // Public: the commitment before the draw, the seed, hashes and strata after it. No one's name.
  ctx.router.add(Method::Get, "/v1/invitation-draws", Access::anyone(), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto draws = db.transact([&](pqxx::work& tx) {
      return tx.exec_params(
          std::string("SELECT ") + kDrawColumns +
              " FROM invitation_draws WHERE assembly_id = $1 ORDER BY committed_at, id",
          assembly_id);
    });
    return http::Response::items(draws, [](const pqxx::row& r) { return draw_json(r); });
  });

  ctx.router.add(Method::Get, "/v1/invitation-draws/:id", Access::anyone(),
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto draw = db.transact([&](pqxx::work& tx) { return find_draw(tx, id); });
                   if (!draw) throw http::not_found("no invitation draw " + id);
                   return http::Response::json(200, *draw);
                 });

  ctx.router.add(
      Method::Post, "/v1/invitation-draws/:id/draw", staff,
      [&db, &outbox, keyring](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto seed = body::string(req.json(), "seed", "", 256);
        if (seed.size() < 8) throw http::unprocessable("seed must be 8 to 256 characters", "/seed");
        auto started = std::chrono::steady_clock::now();
        auto draw = db.transact([&](pqxx::work& tx) {
          auto d = find_draw(tx, id, true);
          if (!d) throw http::not_found("no invitation draw " + id);
          if ((*d)["state"] != "committed")
            throw http::conflict("the invitation draw was already made");
          if (domain::sha256_hex(seed) != (*d)["seed_commitment"])
            throw http::unprocessable("the seed does not match the published commitment (SHA-256)",
                                      "/seed");
          const std::string pool_id = (*d)["pool_id"];
          const std::string stratify_by =
              (*d)["stratify_by"].is_null() ? "" : std::string((*d)["stratify_by"]);
          const long long k = (*d)["invited"];
          auto pool = tx.exec_params(
              "SELECT row_count, snapshot_sha256 FROM pools WHERE id = $1 AND state = 'ready'",
              pool_id);
          if (pool.empty()) throw http::conflict("the pool is no longer ready");
          const long long n = pool[0][0].as<long long>();

          domain::InvitationDraw result;
          if (stratify_by.empty()) {
            result = domain::draw_invitations(seed, n, k);
          } else {
            std::vector<std::string> stratum_of;
            stratum_of.reserve(static_cast<std::size_t>(n));
            pqxx::stream_from rows(tx, "(SELECT " + tx.quote_name(stratify_by) +
                                           "::text FROM pool_people WHERE pool_id = " +
                                           tx.quote(pool_id) + " ORDER BY position)");
            std::string line;
            while (rows.get_raw_line(line)) {
              if (!line.empty() && line.back() == '\n') line.pop_back();
              stratum_of.push_back(line);
            }
            rows.complete();
            result = domain::draw_invitations(seed, stratum_of, k);
          }
          // Person ids of the drawn positions, in draw order.
          std::string positions = "{";
          for (std::size_t i = 0; i < result.positions.size(); ++i)
            positions += (i ? "," : "") + std::to_string(result.positions[i]);
          positions += "}";
          std::unordered_map<long long, std::string> person_at;
          for (const auto& r : tx.exec_params("SELECT position, person_id FROM pool_people WHERE "
                                              "pool_id = $1 AND position = ANY($2::int[])",
                                              pool_id, positions))
            person_at.emplace(r[0].as<long long>(), r[1].as<std::string>());
          std::vector<std::string> ids;
          ids.reserve(result.positions.size());
          for (auto p : result.positions) ids.push_back(person_at.at(p));
          {
            const std::vector<std::string> columns = {"draw_id",  "rank",      "pool_id",
                                                      "position", "person_id", "code_sha256"};
            pqxx::tablewriter w(tx, "invitations", columns.begin(), columns.end());
            std::string buf;
            for (std::size_t i = 0; i < ids.size(); ++i) {
              auto code = normalise_code(response_code(*keyring, id, ids[i]));
              buf += id + "\t" + std::to_string(i) + "\t" + pool_id + "\t" +
                     std::to_string(result.positions[i]) + "\t" + ids[i] + "\t" +
                     domain::sha256_hex(code) + "\n";
            }
            if (!buf.empty()) {
              buf.pop_back();
              w.write_raw_line(buf);
            }
            w.complete();
          }
          nlohmann::json strata = nullptr;
          if (!stratify_by.empty()) {
            strata = nlohmann::json::array();
            for (const auto& s : result.strata)
              strata.push_back({{"value", s.value}, {"size", s.size}, {"seats", s.seats}});
          }
          auto result_sha = domain::result_hash(ids);
          double ms =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count();
          tx.exec_params(
              "UPDATE invitation_draws SET state = 'drawn', seed = $2, snapshot_sha256 = $3, "
              "result_sha256 = $4, "
              "strata = $5::jsonb, server_ms = $6, drawn_by = $7, drawn_at = now() WHERE id = $1",
              id, seed, pool[0][1].as<std::string>(), result_sha, strata.dump(), ms,
              req.caller().subject);
          assembly::sortition::v1::InvitationDrawCompleted e;
          e.set_draw_id(id);
          e.set_assembly_id((*d)["assembly_id"]);
          e.set_pool_id(pool_id);
          e.set_invited(static_cast<int>(ids.size()));
          e.set_stratify_by(stratify_by);
          e.set_algorithm(std::string(domain::kInvitationAlgorithm));
          e.set_seed_commitment((*d)["seed_commitment"]);
          e.set_seed(seed);
          e.set_snapshot_sha256(pool[0][1].as<std::string>());
          e.set_result_sha256(result_sha);
          outbox.append(tx, e, id);
          return *find_draw(tx, id);
        });
        assembly::log::info(
            "invitation draw made",
            {{"draw_id", id}, {"invited", draw["invited"]}, {"server_ms", draw["server_ms"]}});
        return http::Response::json(200, draw);
      });

  // The invitees by pseudonymous id, in draw order: what sortition-verify prints.
  ctx.router.add(Method::Get, "/v1/invitation-draws/:id/invitees", staff,
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto rows = db.transact([&](pqxx::work& tx) {
                     if (!find_draw(tx, id)) throw http::not_found("no invitation draw " + id);
                     return tx.exec_params(
                         "SELECT person_id FROM invitations WHERE draw_id = $1 ORDER BY rank", id);
                   });
                   return http::Response::items(
                       rows, [](const pqxx::row& r) { return r[0].as<std::string>(); });
                 });

  // The mailing list, decrypted: names, addresses and response codes. Every export is recorded
  // (who, when, how many) in pii_reads; nothing of it is logged.
  ctx.router.add(
      Method::Get, "/v1/invitation-draws/:id/mailing-list", staff,
      [&db, keyring](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        std::string csv = "response_code,last_name,first_names,address,postcode,arrondissement\n";
        int count = db.transact([&](pqxx::work& tx) {
          auto d = find_draw(tx, id);
          if (!d) throw http::not_found("no invitation draw " + id);
          if ((*d)["state"] != "drawn")
            throw http::conflict("the invitation draw has not been made yet");
          int n = 0;
          for (const auto& r : tx.exec_params(
                   "SELECT i.person_id, i.pool_id, i.position, p.pii, p.arrondissement FROM "
                   "invitations i "
                   "JOIN pool_people p ON p.pool_id = i.pool_id AND p.position = i.position "
                   "WHERE i.draw_id = $1 ORDER BY i.rank",
                   id)) {
            const auto pool_id = r[1].as<std::string>();
            const auto position = r[2].as<long long>();
            auto code = response_code(*keyring, id, r[0].as<std::string>());
            if (r[3].is_null()) {  // erased
              csv += code + ",,,,," + r[4].as<std::string>() + "\n";
              ++n;
              continue;
            }
            pqxx::binarystring sealed(r[3]);
            auto d = imports::open_personal_data(*keyring, pool_id, position,
                                                 std::string_view(sealed.get(), sealed.size()));
            for (const auto* f : {&code, &d.last_name, &d.first_names, &d.address, &d.postcode})
              csv += quoted(*f) + ",";
            csv += quoted(r[4].as<std::string>()) + "\n";
            ++n;
          }
          // Recorded in the transaction that read: no export goes unrecorded.
          tx.exec_params(
              "INSERT INTO pii_reads (actor, purpose, subject, row_count) "
              "VALUES ($1, 'invitation mailing list', $2, $3)",
              req.caller().subject, id, n);
          return n;
        });
        assembly::log::info("mailing list exported",
                            {{"draw_id", id}, {"rows", count}, {"by", req.caller().subject}});
        return http::Response::text(200, std::move(csv), "text/csv; charset=utf-8");
      });
}

}  // namespace sortition::api
