#pragma once
// The site's static pages (docs/site.md): the accessibility statement the RGAA asks French public
// bodies to publish, the legal notice, the personal data page and the open data page, in French
// and English, in the same frame as the pages the services render. Written to files at build
// time (`site-pages`, run by ops/build) and served as they are. Pure: no I/O.
#include <string>
#include <vector>

#include "assembly/site/page.h"

namespace assembly::site {

struct StaticPage {
  std::string path;  // its address: "/accessibilite", "/en/accessibility"
  Page page;
};

// Every static page, French then English for each.
std::vector<StaticPage> static_pages();

}  // namespace assembly::site
