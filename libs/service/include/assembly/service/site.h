#pragma once
// A public page of the site (docs/site.md), in French and English: `GET fr_path` and
// `GET en_path`, open to anyone, cached like every public read (Context::public_cache_ttl),
// answered as an HTML document in the site's frame (assembly/site/page.h) with its
// Content-Language. The handler returns the page's title and body; when the object it names does
// not exist (it throws the usual 404 problem), the answer is a 404 page of the site saying so.
#include <functional>

#include "assembly/service/api.h"
#include "assembly/site/page.h"

namespace assembly::service {

using SitePageHandler = std::function<site::Page(api::Deps, http::Request&, site::Lang)>;

void add_site_page(Context& ctx, const char* fr_path, const char* en_path, SitePageHandler handler);

// One more address for a page in one language (a former address kept working), answered the same.
void add_site_page_alias(Context& ctx, const char* path, site::Lang lang, SitePageHandler handler);

}  // namespace assembly::service
