#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// The public site's home and assembly pages (docs/site.md), in French and English.
void add_site_pages(assembly::service::Context& ctx);
}  // namespace membership::api
