// site-pages OUT_DIR: writes the site's static pages (assembly/site/static_pages.h) as
// OUT_DIR/<path>/index.html, the layout the gateway and the web image serve them from
// (try_files $uri/index.html). Run by ops/build after the web application's build.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "assembly/site/static_pages.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: site-pages OUT_DIR\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  int written = 0;
  for (const auto& page : assembly::site::static_pages()) {
    const auto dir = out / page.path.substr(1);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::ofstream file(dir / "index.html", std::ios::binary | std::ios::trunc);
    file << assembly::site::render(page.page);
    if (ec || !file.flush()) {
      std::cerr << "site-pages: cannot write " << (dir / "index.html").string() << "\n";
      return 1;
    }
    ++written;
  }
  std::cout << "site-pages: " << written << " pages written under " << out.string() << "\n";
  return 0;
}
