#include "app/invitations.h"

#include "app/response_code.h"
#include "assembly/core/csv.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/sortition/v1/events.pb.h"
#include "domain/invitation.h"
#include "domain/panel_draw.h"
#include "imports/personal_data.h"

namespace sortition::app {
namespace core = assembly::core;
using nlohmann::json;

namespace {

assembly::sortition::v1::InvitationDrawCompleted completed_event(const store::InvitationDraw& d,
                                                                 const store::DrawResult& r,
                                                                 int invited) {
  assembly::sortition::v1::InvitationDrawCompleted e;
  e.set_draw_id(d.id);
  e.set_assembly_id(d.assembly_id);
  e.set_pool_id(d.pool_id);
  e.set_invited(invited);
  e.set_stratify_by(d.stratify_by);
  e.set_algorithm(std::string(domain::kInvitationAlgorithm));
  e.set_seed_commitment(d.seed_commitment);
  e.set_seed(r.seed);
  e.set_snapshot_sha256(r.snapshot_sha256);
  e.set_result_sha256(r.result_sha256);
  return e;
}

}  // namespace

store::InvitationDraw commit_invitation_draw(pqxx::work& tx, const InvitationDrawRequest& request) {
  auto pool = store::find_pool_summary(tx, request.pool_id);
  if (!pool) throw core::invalid("no pool " + request.pool_id, "/pool_id");
  if (pool->state != domain::PoolState::ready)
    throw core::invalid("the pool is " + domain::to_string(pool->state) + ", not ready",
                        "/pool_id");
  if (request.invited > pool->row_count)
    throw core::invalid("invited (" + std::to_string(request.invited) + ") exceeds the pool's " +
                            std::to_string(pool->row_count) + " people",
                        "/invited");
  store::NewInvitationDraw d{core::new_uuid(),
                             request.assembly_id,
                             request.pool_id,
                             request.invited,
                             request.stratify_by,
                             request.seed_commitment,
                             std::string(domain::kInvitationAlgorithm),
                             request.committed_by};
  store::insert_invitation_draw(tx, d);
  return *store::find_invitation_draw(tx, d.id);
}

store::InvitationDraw draw_invitations(pqxx::work& tx, assembly::events::Outbox& outbox,
                                       const assembly::pii::Keyring& keyring, const std::string& id,
                                       const std::string& seed, const std::string& by,
                                       std::chrono::steady_clock::time_point started) {
  auto d = store::find_invitation_draw(tx, id, true);
  if (!d) throw core::not_found("no invitation draw " + id);
  if (d->state != domain::InvitationDrawState::committed)
    throw core::conflict("the invitation draw was already made");
  if (domain::sha256_hex(seed) != d->seed_commitment)
    throw core::invalid("the seed does not match the published commitment (SHA-256)", "/seed");
  auto pool = store::find_pool_summary(tx, d->pool_id);
  if (!pool || pool->state != domain::PoolState::ready)
    throw core::conflict("the pool is no longer ready");
  const long long k = d->invited;

  const auto result =
      d->stratify_by.empty()
          ? domain::draw_invitations(seed, pool->row_count, k)
          : domain::draw_invitations(seed, store::pool_column(tx, d->pool_id, d->stratify_by), k);
  // Person ids of the drawn positions, in draw order.
  const auto person_at = store::person_ids_at(tx, d->pool_id, result.positions);
  std::vector<std::string> ids;
  std::vector<store::NewInvitation> invitations;
  ids.reserve(result.positions.size());
  invitations.reserve(result.positions.size());
  for (std::size_t i = 0; i < result.positions.size(); ++i) {
    const auto& person = person_at.at(result.positions[i]);
    ids.push_back(person);
    invitations.push_back({static_cast<long long>(i), result.positions[i], person,
                           code_key(keyring, normalise_code(response_code(keyring, id, person)))});
  }
  store::insert_invitations(tx, id, d->pool_id, invitations);

  store::DrawResult r;
  r.seed = seed;
  r.snapshot_sha256 = pool->snapshot_sha256;
  r.result_sha256 = domain::result_hash(ids);
  r.strata = nullptr;
  if (!d->stratify_by.empty()) {
    r.strata = json::array();
    for (const auto& s : result.strata)
      r.strata.push_back({{"value", s.value}, {"size", s.size}, {"seats", s.seats}});
  }
  r.server_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  r.drawn_by = by;
  store::mark_drawn(tx, id, r);
  outbox.append(tx, completed_event(*d, r, static_cast<int>(ids.size())), id);
  return *store::find_invitation_draw(tx, id);
}

store::InvitationDraw invitation_draw(pqxx::transaction_base& tx, const std::string& id) {
  auto d = store::find_invitation_draw(tx, id);
  if (!d) throw core::not_found("no invitation draw " + id);
  return std::move(*d);
}

store::InvitationDraw close_answers(pqxx::work& tx, const std::string& id) {
  auto d = store::find_invitation_draw(tx, id, true);
  if (!d) throw core::not_found("no invitation draw " + id);
  if (d->state != domain::InvitationDrawState::drawn)
    throw core::conflict("the invitation draw is not drawn yet: no one can answer it");
  if (!store::close_answers(tx, id))
    throw core::conflict("the answer period was closed already, at " + *d->answers_closed_at);
  return invitation_draw(tx, id);
}

Invitees invitees(pqxx::transaction_base& tx, const std::string& id, const Page& page) {
  invitation_draw(tx, id);
  // One more than the page: its presence says a next page exists.
  auto rows = store::invitee_ids(tx, id, page.after_rank, page.limit + 1);
  Invitees out;
  if (rows.size() > page.limit) {
    rows.pop_back();
    out.next_after = rows.back().rank;
  }
  for (auto& r : rows) out.person_ids.push_back(std::move(r.person_id));
  return out;
}

MailingList mailing_list(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                         const std::string& id, const std::string& by, const Page& page) {
  auto d = invitation_draw(tx, id);
  if (d.state != domain::InvitationDrawState::drawn)
    throw core::conflict("the invitation draw has not been made yet");
  auto pool = store::find_pool_summary(tx, d.pool_id);
  if (pool && pool->state == domain::PoolState::erased)
    throw core::conflict("the pool's personal data was erased at its retention date");
  MailingList out;
  out.csv = "response_code,last_name,first_names,address,postcode,arrondissement\n";
  auto rows = store::mailing_rows(tx, id, page.after_rank, page.limit + 1);
  if (rows.size() > page.limit) {
    rows.pop_back();
    out.next_after = rows.back().rank;
  }
  for (const auto& r : rows) {
    auto code = response_code(keyring, id, r.person_id);
    ++out.rows;
    if (!r.sealed) {  // erased
      out.csv += code + ",,,,," + core::csv_text(r.arrondissement) + "\n";
      continue;
    }
    auto p = imports::open_personal_data(keyring, r.pool_id, r.position, *r.sealed);
    for (const auto* f : {&code, &p.last_name, &p.first_names, &p.address, &p.postcode})
      out.csv += core::csv_text(*f, core::CsvQuote::always) + ",";
    out.csv += core::csv_text(r.arrondissement, core::CsvQuote::always) + "\n";
  }
  // Recorded in the transaction that read: no export goes unrecorded.
  store::record_pii_read(tx, by, "invitation mailing list", id, out.rows);
  return out;
}

}  // namespace sortition::app
