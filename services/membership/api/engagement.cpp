#include "api/engagement.h"

#include <cstdio>
#include <optional>

#include "api/access.h"
#include "api/json.h"
#include "api/trainings.h"
#include "app/accounts.h"
#include "assembly/auth/auth.h"
#include "assembly/core/csv.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"
#include "domain/lifecycle.h"
#include "domain/participation.h"
#include "events/publish.h"
#include "store/engagement.h"
#include "store/evaluations.h"
#include "store/trainings.h"

namespace membership::api {
using namespace assembly::service::api;

namespace {

const Access kStaff = Access::secretariat();
const Access kStaffOrMember = Access::secretariat_or_member();

// One of `allowed`, or "" (and the field named) otherwise.
std::string one_of(body::Fields& f, const std::string& key,
                   std::initializer_list<const char*> allowed) {
  auto s = f.string(key, 64);
  std::string list;
  for (const char* a : allowed) {
    if (s == a) return s;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  f.check(s.empty(), "/" + key, key + " must be one of " + list);  // "" is named already
  return "";
}

json counts_json(const domain::Counts& c) {
  return {{"sessions", c.sessions()},
          {"present", c.present},
          {"excused", c.excused},
          {"absent", c.absent},
          {"rate", c.rate()}};
}

json participation_json(const domain::Participation& p) {
  json by_type = json::object();
  for (const auto& [type, c] : p.by_type) by_type[type] = counts_json(c);
  return {{"overall", counts_json(p.overall)},
          {"by_type", by_type},
          {"trailing_absences", p.trailing_absences}};
}

using app::contact_context;

// A read of personal data by staff is written to the member's history (the audit log they can read
// too).
void audit_read(pqxx::work& tx, const http::Request& req, const std::string& member_id,
                const std::string& what) {
  if (req.caller().actor() != member_id)
    store::append_history(tx, member_id, req.caller().actor(), "personal-data-read", "", what, "",
                          "");
}

int absences_param(int default_absences, const http::Request& req) {
  auto v = req.query_param("absences_in_a_row");
  if (!v) return default_absences;
  try {
    std::size_t used = 0;
    int n = std::stoi(*v, &used);
    if (used == v->size() && n >= 1 && n <= 100) return n;
  } catch (const std::exception&) {
  }
  throw http::bad_request("absences_in_a_row must be an integer from 1 to 100",
                          "absences_in_a_row");
}

json open_contact(const assembly::pii::Keyring& keyring, const std::string& member_id,
                  const store::SealedContact& c) {
  auto plain = json::parse(keyring.open(
      c.sealed, assembly::pii::nonce_of(member_id, static_cast<std::uint64_t>(c.version)),
      contact_context(member_id)));
  plain["preferred_channel"] = c.preferred_channel;
  plain["language"] = c.language;
  plain["updated_at"] = c.updated_at;
  return plain;
}

struct Engagement {
  assembly::db::Pool& db;
  assembly::events::Outbox& outbox;
  std::shared_ptr<assembly::pii::Keyring> keyring;
  int default_absences;
};

// A new role for the member, as asked (its assembly comes from the member, and its workshop too
// unless `workshop` names it).
struct RoleInput {
  store::Role role;
  std::optional<std::string> workshop;
};

RoleInput role_input(const json& b, const std::string& member_id) {
  body::Fields f(b);
  RoleInput in{{assembly::core::new_uuid(), member_id, "",
                one_of(f, "role", {"spokesperson", "workshop-referent"}), "", ""},
               std::nullopt};
  if (in.role.role == "spokesperson") in.role.motion_id = f.string("motion_id", 64);
  if (in.role.role == "workshop-referent" && f.has("workshop"))
    in.workshop = f.string("workshop", 64);
  f.done();
  return in;
}

// --- Roles: spokesperson for a motion, referent of a workshop. Active members only.
http::Response add_role(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto& outbox = d.outbox;
  auto id = body::uuid_param(req, "id");
  auto in = role_input(req.json(), id);
  auto& role = in.role;
  auto out = db.transact([&](pqxx::work& tx) {
    auto m = store::find(tx, id, true);
    if (!m) throw http::not_found("no member " + id);
    if (m->status != domain::Status::active)
      throw http::conflict("the member is " + domain::text(m->status) +
                           "; only an active member holds a role")
          .with("member_status", domain::text(m->status));
    role.assembly_id = m->assembly_id;
    if (role.role == "workshop-referent") {
      role.workshop_theme = in.workshop.value_or(m->workshop_theme);
      if (role.workshop_theme != m->workshop_theme)
        throw http::unprocessable("a referent refers for their own workshop, " + m->workshop_theme,
                                  "/workshop");
    }
    if (!store::insert_role(tx, role, req.caller().actor()))
      throw http::conflict("the member holds this role already");
    store::append_history(tx, id, req.caller().actor(), "role", "", role.role,
                          role.motion_id.empty() ? role.workshop_theme : role.motion_id, role.id);
    events::role_assigned(tx, outbox, role, false);
    for (const auto& r : store::roles_of_member(tx, id))
      if (r.id == role.id) return to_json(r);
    return json();
  });
  return http::Response::json(201, out);
}

http::Response end_role(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto& outbox = d.outbox;
  auto id = body::uuid_param(req, "id");
  auto out = db.transact([&](pqxx::work& tx) {
    auto r = store::end_role(tx, id, req.caller().actor());
    if (r.id.empty()) throw http::not_found("no role " + id + " in force");
    store::append_history(tx, r.member_id, req.caller().actor(), "role", r.role, "", "ended", r.id);
    events::role_assigned(tx, outbox, r, true);
    for (const auto& x : store::roles_of_member(tx, r.member_id))
      if (x.id == id) return to_json(x);
    return json();
  });
  return http::Response::json(200, out);
}

http::Response member_roles(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto id = body::uuid_param(req, "id");
  auto out = db.transact([&](pqxx::work& tx) {
    self_or_staff(tx, req, id);
    return to_json(store::roles_of_member(tx, id));
  });
  return http::Response::json(200, {{"items", out}});
}

http::Response assembly_roles(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto out = db.transact(
      [&](pqxx::work& tx) { return to_json(store::roles_of_assembly(tx, req.param("id"))); });
  return http::Response::json(200, {{"items", out}});
}

// --- Participation (from workshops' AttendanceRecorded).
http::Response assembly_participation(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  const auto& assembly_id = req.param("id");
  int n = absences_param(d.default_absences, req);
  auto out = db.transact([&](pqxx::work& tx) {
    if (!store::find_assembly(tx, assembly_id)) throw http::not_found("no assembly " + assembly_id);
    auto records = store::attendance_of_assembly(tx, assembly_id);
    json sessions = json::array();
    for (const auto& s : domain::by_session(records)) {
      auto c = counts_json(s.counts);
      c["session_id"] = s.session_id;
      c["session_type"] = s.session_type;
      c["held_at"] = s.held_at;
      sessions.push_back(c);
    }
    auto per_member = domain::participation(std::move(records));
    auto trainings =
        domain::training_participation(store::training_records_of_assembly(tx, assembly_id));
    json items = json::array(), at_risk = json::array();
    const auto members = store::list(tx, assembly_id);
    std::vector<std::pair<std::string, std::string>> seats;
    for (const auto& m : members) seats.emplace_back(m.id, m.workshop_theme);
    const auto by_workshop = domain::by_workshop(per_member, seats);
    for (const auto& m : members) {
      const auto& t = trainings[m.id];  // voluntary: counted apart, never in the at-risk rule
      auto it = per_member.find(m.id);
      if (it == per_member.end() && t.signed_up == 0) continue;
      if (it == per_member.end()) it = per_member.emplace(m.id, domain::Participation{}).first;
      bool risk = m.status == domain::Status::active && domain::at_risk(it->second, n);
      auto p = participation_json(it->second);
      p["member_id"] = m.id;
      p["status"] = domain::to_string(m.status);
      p["workshop_theme"] = m.workshop_theme;
      p["at_risk"] = risk;
      p["trainings"] = to_json(t);
      items.push_back(p);
      if (risk)
        at_risk.push_back({{"member_id", m.id},
                           {"workshop_theme", m.workshop_theme},
                           {"trailing_absences", it->second.trailing_absences}});
    }
    json workshops = json::object();
    for (const auto& [w, c] : by_workshop) workshops[w.empty() ? "(none)" : w] = counts_json(c);
    return json{{"assembly_id", assembly_id},
                {"absences_in_a_row", n},
                {"items", items},
                {"at_risk", at_risk},
                {"by_workshop", workshops},
                {"by_session", sessions},
                {"trainings", to_json(domain::training_totals(trainings),
                                      store::trainings_of_assembly(tx, assembly_id).size())}};
  });
  return http::Response::json(200, out);
}

// The assembly's members as a spreadsheet (CSV, one line a member, in the list's order): status,
// seat pool, workshop, replacements and attendance. Pseudonymous (member ids, no name, no link to
// the sortition pool, no attribute, no free-text reason) but personal data still: the route is on
// the audit trail.
http::Response export_members(const Engagement& d, http::Request& req) {
  using assembly::core::csv_text;
  const auto& assembly_id = req.param("id");
  auto csv = d.db.transact([&](pqxx::work& tx) {
    if (!store::find_assembly(tx, assembly_id)) throw http::not_found("no assembly " + assembly_id);
    auto per_member = domain::participation(store::attendance_of_assembly(tx, assembly_id));
    std::string out =
        "member_id,pool,status,workshop,status_changed_at,replaces,replaced_by,sessions,present,"
        "excused,absent,rate,at_risk\r\n";
    for (const auto& m : store::list(tx, assembly_id)) {
      const auto& p = per_member[m.id];
      const auto& c = p.overall;
      const bool risk =
          m.status == domain::Status::active && domain::at_risk(p, d.default_absences);
      char rate[16];
      std::snprintf(rate, sizeof rate, "%.3f", c.rate());
      out += m.id + "," + csv_text(m.pool) + "," + domain::text(m.status) + "," +
             csv_text(m.workshop_theme) + "," + m.status_changed_at + "," + m.replaces + "," +
             m.replaced_by + "," + std::to_string(c.sessions()) + "," + std::to_string(c.present) +
             "," + std::to_string(c.excused) + "," + std::to_string(c.absent) + "," + rate + "," +
             (risk ? "yes" : "no") + "\r\n";
    }
    return out;
  });
  auto r = http::Response::text(200, std::move(csv), "text/csv; charset=utf-8");
  r.headers.push_back(
      {"Content-Disposition", "attachment; filename=\"members-" + assembly_id + ".csv\""});
  return r;
}

http::Response member_participation(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto id = body::uuid_param(req, "id");
  int n = absences_param(d.default_absences, req);
  auto out = db.transact([&](pqxx::work& tx) {
    auto m = self_or_staff(tx, req, id);
    auto p = domain::participation(store::attendance_of_member(tx, id))[id];
    auto j = participation_json(p);
    j["member_id"] = id;
    j["at_risk"] = m.status == domain::Status::active && domain::at_risk(p, n);
    j["trainings"] =
        to_json(domain::training_participation(store::training_records_of_member(tx, id))[id]);
    return j;
  });
  return http::Response::json(200, out);
}

// --- Consent records: what text, which version, when, through which channel. Kept, never edited:
// a withdrawal of consent is a new record with given = false.
http::Response add_consent(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto id = body::uuid_param(req, "id");
  require_self_or_staff(req, id);
  const auto b = req.json();
  body::Fields f(b);
  auto purpose = f.string("purpose", 64);
  auto version = f.string("text_version", 64);
  const bool given = b.is_object() && b.contains("given") && b["given"].is_boolean();
  f.check(given || !b.is_object(), "/given", "given must be true or false");
  auto given_on = f.date("given_on");
  auto channel = one_of(f, "channel", {"paper", "web", "phone", "in-person", "email"});
  f.done();
  auto out = db.transact([&](pqxx::work& tx) {
    self_or_staff(tx, req, id, true);
    return to_json(store::insert_consent(tx, assembly::core::new_uuid(), id, purpose, version,
                                         b["given"].get<bool>(), given_on, channel,
                                         req.caller().actor()));
  });
  return http::Response::json(201, out);
}

http::Response member_consents(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto id = body::uuid_param(req, "id");
  auto out = db.transact([&](pqxx::work& tx) {
    self_or_staff(tx, req, id);
    return to_json(store::consents_of_member(tx, id));
  });
  return http::Response::json(200, {{"items", out}});
}

// --- Contact details and preferences. Names, e-mail, phone and postal address are sealed.
http::Response put_contact(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto& keyring = d.keyring;
  auto id = body::uuid_param(req, "id");
  require_self_or_staff(req, id);
  const auto b = req.json();
  body::Fields f(b);
  json details = json::object();
  for (const char* k : {"name", "email", "phone", "address"}) {
    auto v = f.string_or(k, "", 300);
    if (!v.empty()) details[k] = v;
  }
  f.check(!details.contains("email") ||
              details["email"].get<std::string>().find('@') != std::string::npos,
          "/email", "email is not an e-mail address");
  store::SealedContact c;
  c.preferred_channel = one_of(f, "preferred_channel", {"email", "sms", "phone", "post"});
  c.language = f.string_or("language", "fr", 8);
  f.check(c.language == "fr" || c.language == "en", "/language", "language must be fr or en");
  if (!c.preferred_channel.empty()) {
    const std::string needed = c.preferred_channel == "email"  ? "email"
                               : c.preferred_channel == "post" ? "address"
                                                               : "phone";
    // A value given but wrong is named already.
    f.check(details.contains(needed) || f.has(needed), "/" + needed,
            needed + " is required to be reached by " + c.preferred_channel);
  }
  f.done();
  auto out = db.transact([&](pqxx::work& tx) {
    auto member = self_or_staff(tx, req, id, true);
    auto before = store::find_contact(tx, id);
    auto email_before = before ? app::contact_email(*keyring, id, *before) : std::string();
    c.version = store::next_contact_version(tx, id);
    c.sealed = keyring->seal(details.dump(),
                             assembly::pii::nonce_of(id, static_cast<std::uint64_t>(c.version)),
                             contact_context(id));
    store::upsert_contact(tx, id, c);
    store::append_history(tx, id, req.caller().actor(), "contact", "", "updated", "", "");
    // An e-mail first set (or changed) reaches the member's account, and the first one gets the
    // set-password e-mail.
    app::account_after_contact(tx, id, member.status, email_before,
                               details.value("email", std::string()));
    events::contact_changed(tx, d.outbox, member);
    return open_contact(*d.keyring, id, *store::find_contact(tx, id));
  });
  return http::Response::json(200, out);
}

http::Response get_contact(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto id = body::uuid_param(req, "id");
  auto out = db.transact([&](pqxx::work& tx) {
    self_or_staff(tx, req, id);
    auto c = store::find_contact(tx, id);
    if (!c) throw http::not_found("member " + id + " has left no contact details");
    audit_read(tx, req, id, "contact");
    return open_contact(*d.keyring, id, *c);
  });
  return http::Response::json(200, out);
}

// --- What the notifications service needs to write to a member, read when it sends (never kept
// there): the name, the e-mail, the channel and the language, with the member's status. Its own
// account only; every read is on the member's history as any other read of personal data.
http::Response get_delivery(const Engagement& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    auto m = store::find(tx, id);
    if (!m) throw http::not_found("no member " + id);
    json out{{"member_id", id},
             {"assembly_id", m->assembly_id},
             {"status", domain::text(m->status)},
             {"language", "fr"},
             {"preferred_channel", ""}};
    if (auto c = store::find_contact(tx, id)) {
      audit_read(tx, req, id, "delivery");
      auto plain = open_contact(*d.keyring, id, *c);
      for (const char* k : {"name", "email"})
        if (plain.contains(k)) out[k] = plain[k];
      out["language"] = c->language.empty() ? "fr" : c->language;
      out["preferred_channel"] = c->preferred_channel;
    }
    return out;
  });
  return http::Response::json(200, out);
}

// --- The member's own data, all of it, as JSON (the right of access and portability).
http::Response member_export(const Engagement& d, http::Request& req) {
  auto& db = d.db;
  auto id = body::uuid_param(req, "id");
  auto out = db.transact([&](pqxx::work& tx) {
    auto m = self_or_staff(tx, req, id);
    audit_read(tx, req, id, "export");
    auto c = store::find_contact(tx, id);
    json answered = store::evaluations_answered(tx, id);
    return json{
        {"exported_at_note", "every record membership holds about this member"},
        {"member", to_json(m)},
        {"history", to_json(store::history(tx, id))},
        {"contact", c ? open_contact(*d.keyring, id, *c) : json()},
        {"consents", to_json(store::consents_of_member(tx, id))},
        {"roles", to_json(store::roles_of_member(tx, id))},
        {"trainings", to_json(store::trainings_of_member(tx, id))},
        {"training_sign_ups", to_json(store::sign_ups_of_member(tx, id))},
        {"participation",
         participation_json(domain::participation(store::attendance_of_member(tx, id))[id])},
        {"evaluations_answered", answered},
        {"evaluation_answers_note",
         "answers to the evaluation are anonymous: they are stored without any link to "
         "the member, so they cannot be exported"}};
  });
  return http::Response::json(200, out);
}

}  // namespace

void add_engagement_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring, int default_absences) {
  auto d = std::make_shared<Engagement>(
      Engagement{ctx.db, ctx.outbox, std::move(keyring), default_absences});
  auto& r = ctx.router;
  auto to = [d](http::Response (*h)(const Engagement&, http::Request&)) {
    return [d, h](http::Request& req) { return h(*d, req); };
  };
  r.add(Method::Post, "/v1/members/:id/roles", kStaff, to(add_role));
  r.add(Method::Post, "/v1/roles/:id/end", kStaff, to(end_role));
  r.add(Method::Get, "/v1/members/:id/roles", kStaffOrMember, to(member_roles));
  r.add(Method::Get, "/v1/assemblies/:id/roles", kStaff, to(assembly_roles));
  r.add(Method::Get, "/v1/assemblies/:id/participation", kStaff, to(assembly_participation));
  r.add(Method::Get, "/v1/assemblies/:id/members.csv", kStaff, to(export_members),
        http::personal_data());
  r.add(Method::Get, "/v1/members/:id/participation", kStaffOrMember, to(member_participation));
  r.add(Method::Post, "/v1/members/:id/consents", kStaffOrMember, to(add_consent));
  r.add(Method::Get, "/v1/members/:id/consents", kStaffOrMember, to(member_consents),
        http::personal_data());
  r.add(Method::Put, "/v1/members/:id/contact", kStaffOrMember, to(put_contact));
  r.add(Method::Get, "/v1/members/:id/contact", kStaffOrMember, to(get_contact),
        http::personal_data());
  r.add(Method::Get, "/v1/members/:id/export", kStaffOrMember, to(member_export),
        http::personal_data());
  r.add(Method::Get, "/v1/members/:id/delivery",
        http::Access::roles_of({assembly::auth::kNotifier}), to(get_delivery),
        http::personal_data());
}

}  // namespace membership::api
