#include "assembly/service/erasure.h"

#include "assembly/logging/log.h"

namespace assembly::service {

erasure::v1::ErasureCompleted erasure_completed(const membership::v1::ErasureRequested& request,
                                                const std::string& service, const Erased& erased) {
  erasure::v1::ErasureCompleted e;
  e.set_erasure_id(request.erasure_id());
  e.set_member_id(request.member_id());
  e.set_service(service);
  for (const auto& [kind, rows] : erased) (*e.mutable_erased())[kind] = rows;
  return e;
}

void on_erasure_requested(
    Context& ctx,
    std::function<Erased(pqxx::work&, const membership::v1::ErasureRequested&)> erase) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<membership::v1::ErasureRequested>(
      [&outbox, service = ctx.name, erase = std::move(erase)](
          pqxx::work& tx, const membership::v1::ErasureRequested& e, const events::Envelope&) {
        if (e.erasure_id().empty() || e.member_id().empty())
          throw events::Poison("ErasureRequested without erasure or member id");
        const auto erased = erase(tx, e);
        outbox.append(tx, erasure_completed(e, service, erased), e.erasure_id());
        log::info("person erased",
                  {{"erasure_id", e.erasure_id()}, {"rows", [&] {
                                                      long n = 0;
                                                      for (const auto& [_, rows] : erased)
                                                        n += rows;
                                                      return n;
                                                    }()}});
      });
}

}  // namespace assembly::service
