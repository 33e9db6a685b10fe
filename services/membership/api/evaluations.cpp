#include "api/engagement.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "domain/evaluation.h"
#include "store/members.h"

namespace membership::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

struct Evaluation {
  std::string id, assembly_id, title, state;
  std::vector<domain::Question> questions;
};

std::optional<Evaluation> find(pqxx::transaction_base& tx, const std::string& id,
                               bool for_update = false) {
  auto rows = tx.exec_params(
      std::string(
          "SELECT id, assembly_id, title, state, questions::text FROM evaluations WHERE id = $1") +
          (for_update ? " FOR UPDATE" : ""),
      id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Evaluation{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                    r[3].as<std::string>(),
                    domain::parse_questions(json::parse(r[4].as<std::string>()))};
}

long respondents(pqxx::transaction_base& tx, const std::string& id) {
  return tx
      .exec_params("SELECT count(*) FROM evaluation_respondents WHERE evaluation_id = $1", id)[0][0]
      .as<long>();
}

json to_json(const Evaluation& e, long answered) {
  return {{"id", e.id},
          {"assembly_id", e.assembly_id},
          {"title", e.title},
          {"state", e.state},
          {"questions", domain::to_json(e.questions)},
          {"responses", answered}};
}

Evaluation must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update = false) {
  auto e = find(tx, id, for_update);
  if (!e) throw http::not_found("no evaluation " + id);
  return *e;
}

}  // namespace

void add_evaluation_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  const Access staff = Access::secretariat();
  const Access staff_or_member = Access::secretariat_or_member();

  ctx.router.add(Method::Post, "/v1/assemblies/:id/evaluations", staff, [&db](http::Request& req) {
    const auto& assembly_id = req.param("id");
    auto b = req.json();
    auto title = body::string(b, "title", "", 200);
    if (title.empty()) throw http::unprocessable("title is required", "/title");
    std::vector<domain::Question> questions;
    try {
      questions = domain::parse_questions(b.contains("questions") ? b["questions"] : json());
    } catch (const domain::Invalid& e) {
      throw http::unprocessable(e.what(), e.field());
    }
    auto out = db.transact([&](pqxx::work& tx) {
      if (!store::find_assembly(tx, assembly_id))
        throw http::not_found("no assembly " + assembly_id);
      Evaluation e{assembly::core::new_uuid(), assembly_id, title, "draft", questions};
      tx.exec_params(
          "INSERT INTO evaluations (id, assembly_id, title, questions, created_by) VALUES ($1, $2, "
          "$3, $4::jsonb, $5)",
          e.id, assembly_id, title, domain::to_json(questions).dump(), req.caller().subject);
      return to_json(e, 0);
    });
    return http::Response::json(201, out);
  });

  ctx.router.add(Method::Get, "/v1/evaluations/:id", staff_or_member, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact(
        [&](pqxx::work& tx) { return to_json(must_find(tx, id), respondents(tx, id)); });
    return http::Response::json(200, out);
  });

  // draft -> open (answers accepted) -> closed (results published).
  for (const auto& [action, from, to] :
       {std::tuple<std::string, std::string, std::string>{"open", "draft", "open"},
        {"close", "open", "closed"}}) {
    ctx.router.add(Method::Post, "/v1/evaluations/:id/" + action, staff,
                   [&db, action, from, to](http::Request& req) {
                     auto id = body::uuid_param(req, "id");
                     auto out = db.transact([&](pqxx::work& tx) {
                       auto e = must_find(tx, id, true);
                       if (e.state != from)
                         throw http::conflict("the evaluation is " + e.state + "; " + action +
                                              " needs it " + from);
                       tx.exec_params("UPDATE evaluations SET state = $2, " +
                                          std::string(to == "open" ? "opened_at" : "closed_at") +
                                          " = now() WHERE id = $1",
                                      id, to);
                       e.state = to;
                       return to_json(e, respondents(tx, id));
                     });
                     return http::Response::json(200, out);
                   });
  }

  // An active member answers once. Who answered and what was answered are written to two tables
  // with nothing to join them, so nobody (the secretariat included) can tell whose answer is whose.
  ctx.router.add(
      Method::Post, "/v1/evaluations/:id/responses", Access::roles_of({assembly::auth::kMember}),
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        const auto& member_id = req.caller().subject;
        db.transact([&](pqxx::work& tx) {
          auto e = must_find(tx, id);
          if (e.state != "open")
            throw http::conflict("the evaluation is " + e.state +
                                 "; answers are taken while it is open");
          auto m = store::find(tx, member_id);
          if (!m || m->assembly_id != e.assembly_id || m->status != "active")
            throw http::forbidden("only the assembly's active members answer its evaluation");
          json answer;
          try {
            answer =
                domain::check_answer(e.questions, b.contains("answers") ? b["answers"] : json());
          } catch (const domain::Invalid& x) {
            throw http::unprocessable(x.what(), x.field());
          }
          if (tx.exec_params(
                    "INSERT INTO evaluation_respondents (evaluation_id, member_id) VALUES ($1, $2) "
                    "ON CONFLICT DO NOTHING",
                    id, member_id)
                  .affected_rows() == 0)
            throw http::conflict("you have answered this evaluation already");
          tx.exec_params(
              "INSERT INTO evaluation_answers (evaluation_id, response_id, answers) VALUES ($1, "
              "$2, $3::jsonb)",
              id, assembly::core::new_uuid(), answer.dump());
        });
        return http::Response::json(201, {{"evaluation_id", id}, {"recorded", true}});
      });

  // Public once closed: per question, count, distribution and mean, or the free texts (sorted).
  ctx.router.add(
      Method::Get, "/v1/evaluations/:id/results", Access::anyone(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          auto e = must_find(tx, id);
          if (e.state != "closed")
            throw http::conflict("the evaluation is " + e.state +
                                 "; results are published once it closes");
          std::vector<json> answers;
          for (const auto& r : tx.exec_params(
                   "SELECT answers::text FROM evaluation_answers WHERE evaluation_id = $1", id))
            answers.push_back(json::parse(r[0].as<std::string>()));
          return json{{"id", e.id},
                      {"assembly_id", e.assembly_id},
                      {"title", e.title},
                      {"responses", answers.size()},
                      {"questions", domain::aggregate(e.questions, answers)}};
        });
        return http::Response::json(200, out);
      });
}

}  // namespace membership::api
