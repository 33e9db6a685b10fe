#include "assembly/service/site.h"

#include "assembly/core/refusal.h"
#include "assembly/http/cache.h"

namespace assembly::service {

namespace {

// What a page whose object does not exist answers (404), in the site's frame.
site::Page not_found_page(site::Lang lang) {
  const bool fr = lang == site::Lang::fr;
  site::Page p;
  p.title = fr ? "Page introuvable" : "Page not found";
  p.body = std::string("<p>") +
           (fr ? "La page demandée n’existe pas, ou plus. Vérifiez son adresse."
               : "The page you asked for does not exist, or no longer does. Check its address.") +
           "</p>\n<p><a class=\"fr-link\" href=\"" + site::home_href(lang) + "\">" +
           (fr ? "Accueil" : "Home") + "</a></p>\n";
  return p;
}

}  // namespace

void add_site_page(Context& ctx, const char* fr_path, const char* en_path,
                   SitePageHandler handler) {
  add_site_page_alias(ctx, fr_path, site::Lang::fr, handler);
  add_site_page_alias(ctx, en_path, site::Lang::en, handler);
}

void add_site_page_alias(Context& ctx, const char* path, site::Lang lang, SitePageHandler handler) {
  const api::Deps deps{ctx.db, ctx.outbox};
  auto page = [deps, handler = std::move(handler), lang](http::Request& req) {
    int status = 200;
    site::Page p;
    try {
      p = handler(deps, req, lang);
    } catch (const http::Problem& problem) {
      if (problem.status() != 404) throw;
      status = 404;  // a reader's browser gets a page of the site, not a JSON problem
      p = not_found_page(lang);
    } catch (const core::Refused& refused) {
      // A use case's "no such object" (core::not_found) is the same 404 page.
      if (refused.kind() != core::Refusal::Kind::not_found) throw;
      status = 404;
      p = not_found_page(lang);
    }
    p.lang = lang;
    auto r = http::Response::text(status, site::render(p), "text/html; charset=utf-8");
    r.headers.emplace_back("Content-Language", site::code(lang));
    return r;
  };
  ctx.router.add(http::Method::Get, path, http::Access::anyone(),
                 http::cached(page, ctx.public_cache_ttl));
}

}  // namespace assembly::service
