#include "assembly/service/site.h"

#include "assembly/http/cache.h"

namespace assembly::service {

void add_site_page(Context& ctx, const char* fr_path, const char* en_path,
                   SitePageHandler handler) {
  const api::Deps deps{ctx.db, ctx.outbox};
  for (const auto lang : {site::Lang::fr, site::Lang::en}) {
    auto page = [deps, handler, lang](http::Request& req) {
      auto p = handler(deps, req, lang);
      p.lang = lang;
      auto r = http::Response::text(200, site::render(p), "text/html; charset=utf-8");
      r.headers.emplace_back("Content-Language", site::code(lang));
      return r;
    };
    ctx.router.add(http::Method::Get, lang == site::Lang::fr ? fr_path : en_path,
                   http::Access::anyone(), http::cached(page, ctx.public_cache_ttl));
  }
}

}  // namespace assembly::service
