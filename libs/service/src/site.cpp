#include "assembly/service/site.h"

#include "assembly/http/cache.h"

namespace assembly::service {

void add_site_page(Context& ctx, const char* fr_path, const char* en_path,
                   SitePageHandler handler) {
  add_site_page_alias(ctx, fr_path, site::Lang::fr, handler);
  add_site_page_alias(ctx, en_path, site::Lang::en, handler);
}

void add_site_page_alias(Context& ctx, const char* path, site::Lang lang, SitePageHandler handler) {
  const api::Deps deps{ctx.db, ctx.outbox};
  auto page = [deps, handler = std::move(handler), lang](http::Request& req) {
    auto p = handler(deps, req, lang);
    p.lang = lang;
    auto r = http::Response::text(200, site::render(p), "text/html; charset=utf-8");
    r.headers.emplace_back("Content-Language", site::code(lang));
    return r;
  };
  ctx.router.add(http::Method::Get, path, http::Access::anyone(),
                 http::cached(page, ctx.public_cache_ttl));
}

}  // namespace assembly::service
