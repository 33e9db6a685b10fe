// The members' evaluation of their mandate (app/evaluations): the secretariat makes, opens and
// closes the questionnaire; active members answer once, anonymously; the results are public once
// it closes.
#include "app/evaluations.h"

#include "api/engagement.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace membership::api {
using namespace assembly::service::api;
using domain::EvaluationState;

namespace {

// What the answer and close routes need beyond the pool and outbox: the key answers are held
// under until the close.
struct Evaluating {
  Deps deps;
  std::shared_ptr<assembly::pii::Keyring> keyring;
};

json plenary_json(const store::Evaluation& e) {
  return e.plenary_session_id.empty() ? json() : json(e.plenary_session_id);
}

json to_json(const app::EvaluationView& v) {
  const auto& e = v.evaluation;
  return {{"id", e.id},
          {"assembly_id", e.assembly_id},
          {"title", e.title},
          {"state", domain::to_string(e.state)},
          {"questions", domain::to_json(e.questions)},
          {"responses", v.responses},
          {"plenary_session_id", plenary_json(e)}};
}

http::Response create(Deps d, http::Request& req) {
  const auto& assembly_id = req.param("id");
  const auto b = req.json();
  body::Fields f(b);
  auto title = f.string("title", 200);
  std::vector<domain::Question> questions;
  if (b.is_object()) {
    try {
      questions = domain::parse_questions(b.contains("questions") ? b["questions"] : json());
    } catch (const domain::Invalid& e) {
      f.check(false, e.field(), e.what());
    }
  }
  // Optional: the plenary session (workshops) where the evaluation is presented.
  auto plenary = f.has("plenary_session_id") ? f.string("plenary_session_id", 64) : "";
  f.check(plenary.empty() || assembly::core::is_uuid(plenary), "/plenary_session_id",
          "plenary_session_id must be a session id (a UUID)");
  f.done();
  auto v = d.db.transact([&](pqxx::work& tx) {
    return app::create_evaluation(tx, assembly_id, title, questions, req.caller().actor(), plenary);
  });
  return http::Response::json(201, to_json(v));
}

// The assembly's questionnaires; for a member, whether they have answered each (their own
// answers only: who answered is never listed).
http::Response list(Deps d, http::Request& req) {
  const auto& assembly_id = req.param("id");
  const auto& caller = req.caller();
  const bool member = caller.has(assembly::auth::kMember);
  auto listed = d.db.transact([&](pqxx::work& tx) {
    return app::assembly_evaluations(tx, assembly_id, member ? caller.member_id : "");
  });
  json items = json::array();
  for (const auto& l : listed) {
    auto item = to_json(l.view);
    if (member) item["answered"] = l.answered;
    items.push_back(std::move(item));
  }
  return http::Response::json(200, {{"items", items}});
}

http::Response get(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto v = d.db.transact([&](pqxx::work& tx) { return app::evaluation_view(tx, id); });
  return http::Response::json(200, to_json(v));
}

http::Response move(const Evaluating& w, http::Request& req, const std::string& action,
                    EvaluationState from, EvaluationState to) {
  const auto& d = w.deps;
  auto id = body::uuid_param(req, "id");
  auto v = d.db.transact([&](pqxx::work& tx) {
    return app::move_evaluation(tx, d.outbox, *w.keyring, id, action, from, to);
  });
  return http::Response::json(200, to_json(v));
}

// draft -> open (answers accepted) -> closed (results published; EvaluationClosed).
http::Response open(const Evaluating& w, http::Request& req) {
  return move(w, req, "open", EvaluationState::draft, EvaluationState::open);
}

http::Response close(const Evaluating& w, http::Request& req) {
  return move(w, req, "close", EvaluationState::open, EvaluationState::closed);
}

http::Response answer(const Evaluating& w, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  w.deps.db.transact([&](pqxx::work& tx) {
    app::answer_evaluation(tx, *w.keyring, id, req.caller().actor(),
                           b.contains("answers") ? b["answers"] : json());
  });
  return http::Response::json(201, {{"evaluation_id", id}, {"recorded", true}});
}

// Per question: count, distribution and mean, or the free texts (sorted).
http::Response results(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto r = d.db.transact([&](pqxx::work& tx) { return app::evaluation_results(tx, id); });
  return http::Response::json(200, {{"id", r.evaluation.id},
                                    {"assembly_id", r.evaluation.assembly_id},
                                    {"title", r.evaluation.title},
                                    {"plenary_session_id", plenary_json(r.evaluation)},
                                    {"responses", r.responses},
                                    {"questions", r.questions}});
}

}  // namespace

void add_evaluation_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring) {
  auto& r = ctx.router;
  auto to = routes_with(ctx);
  auto w = std::make_shared<Evaluating>(Evaluating{Deps{ctx.db, ctx.outbox}, std::move(keyring)});
  auto held = [w](http::Response (*h)(const Evaluating&, http::Request&)) {
    return [w, h](http::Request& req) { return h(*w, req); };
  };
  const Access staff = Access::secretariat();
  r.add(Method::Post, "/v1/assemblies/:id/evaluations", staff, to(create));
  r.add(Method::Get, "/v1/assemblies/:id/evaluations", Access::secretariat_or_member(), to(list));
  r.add(Method::Get, "/v1/evaluations/:id", Access::secretariat_or_member(), to(get));
  r.add(Method::Post, "/v1/evaluations/:id/open", staff, held(open));
  r.add(Method::Post, "/v1/evaluations/:id/close", staff, held(close));
  // Who answered and what was answered are kept apart, so nobody can tell whose answer is whose:
  // the answer is held sealed and released with all the others at the close.
  r.add(Method::Post, "/v1/evaluations/:id/responses", Access::roles_of({assembly::auth::kMember}),
        held(answer), http::unlinkable());
  r.add(Method::Get, "/v1/evaluations/:id/results", Access::anyone(), to(results));
}

}  // namespace membership::api
