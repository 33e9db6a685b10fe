// The invitation letters' benchmark (not a test; ops/bench-letters runs it, BENCHMARKS.md
// "Invitation letters (PDF mail merge)"): N synthetic letters (accented names and addresses,
// codes like the suite's XXXXX-XXXXX) rendered in one file, then in batches (for_each_batch:
// each file counted and dropped), beside an anchor measured in the same run.
//
// The anchor: zlib deflate at level 6 (the default level, the one libharu uses for its streams)
// of as many bytes as the one-file PDF, the PDF's own bytes. It is a fixed amount of plain CPU
// work of the same size as the output, in the same process, so the ratio render / anchor reads
// through the load of a shared machine; it is also a floor of sorts: producing the file cannot
// be much cheaper than compressing once what it holds. Also shown, not the anchor: the same
// letters with no QR code (what the QR codes cost).
//
// Usage: notifications_letters_bench [letters (10000)] [batch size (500)] [image|vector]
// Prints one JSON object.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "assembly/core/pdf.h"
#include "letters/letters.h"

namespace l = notifications::letters;

namespace {

std::vector<l::Letter> synthetic(std::size_t n) {
  static const char* first[] = {"Zoé",   "Hélène",  "François", "Loïc",   "Anaïs", "Jérôme",
                                "Noël",  "Maëlle",  "Cécile",   "Benoît", "Aïcha", "Jean",
                                "Marie", "Ibrahim", "Élodie",   "Mathéo", "Inès",  "Gaël"};
  static const char* last[] = {"Lefèvre",  "Da Côté",   "Müller",  "Nguyễn", "Łukasiewicz",
                               "Bérard",   "Ouédraogo", "Martin",  "Dubœuf", "Garçon",
                               "Lemaître", "Benaïssa",  "Château", "Petit",  "Rousseau"};
  static const char* streets[] = {"rue de la Roquette", "boulevard de Ménilmontant",
                                  "avenue d'Italie",    "rue du Faubourg-Saint-Antoine",
                                  "place des Fêtes",    "rue Léon-Frot",
                                  "quai de la Gironde", "rue de Crimée"};
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::vector<l::Letter> letters;
  letters.reserve(n);
  unsigned long long x = 88172645463325252ull;  // xorshift: the same letters on every run
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (std::size_t i = 0; i < n; ++i) {
    std::string code;
    for (int k = 0; k < 10; ++k) {
      if (k == 5) code += '-';
      code += alphabet[next() % 32];
    }
    int arrondissement = static_cast<int>(next() % 20) + 1;
    std::vector<std::string> address{std::to_string(next() % 180 + 1) + " " +
                                     streets[next() % std::size(streets)]};
    if (next() % 4 == 0)
      address.push_back("Bâtiment " + std::string(1, "ABC"[next() % 3]) + ", escalier " +
                        std::to_string(next() % 6 + 1));
    char postcode[16];
    std::snprintf(postcode, sizeof postcode, "750%02d Paris", arrondissement);
    address.push_back(postcode);
    letters.push_back({std::string(next() % 2 ? "Mme " : "M. ") + first[next() % std::size(first)] +
                           " " + last[next() % std::size(last)],
                       std::move(address), code,
                       "https://assemblee.paris.fr/repondre?code=" + code});
  }
  return letters;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000;
  const std::size_t batch = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 500;
  const std::string style = argc > 3 ? argv[3] : "image";
  if (n == 0 || batch == 0 || (style != "vector" && style != "image")) {
    std::fprintf(stderr, "usage: %s [letters] [batch size] [image|vector]\n", argv[0]);
    return 2;
  }
  l::Options options{style == "image" ? l::QrStyle::image : l::QrStyle::vector};
  const auto letters = synthetic(n);
  const l::Letterhead head;
  std::size_t reported = 0;
  auto progress = [&](std::size_t done) { reported = done; };

  auto t0 = std::chrono::steady_clock::now();
  const std::string one = l::render(letters, head, progress, options);
  const double one_s = seconds_since(t0);
  const std::size_t one_pages = assembly::core::pdf_page_count(one);
  if (reported != n || one_pages != n) {
    std::fprintf(stderr, "one file: %zu pages, progress %zu, for %zu letters\n", one_pages,
                 reported, n);
    return 1;
  }

  t0 = std::chrono::steady_clock::now();
  std::size_t batch_files = 0, batch_bytes = 0, batch_pages = 0;
  l::for_each_batch(  // each file counted and dropped, as a job storing them would
      letters, head, batch,
      [&](std::size_t, std::string&& pdf) {
        ++batch_files;
        batch_bytes += pdf.size();
        batch_pages += assembly::core::pdf_page_count(pdf);
      },
      progress, options);
  const double batches_s = seconds_since(t0);

  auto bare = letters;
  for (auto& letter : bare) letter.answer_url.clear();
  t0 = std::chrono::steady_clock::now();
  const std::string no_qr = l::render(bare, head, {}, options);
  const double no_qr_s = seconds_since(t0);

  // The anchor: deflate level 6 of the one-file PDF's bytes.
  uLongf out_size = compressBound(static_cast<uLong>(one.size()));
  std::vector<Bytef> out(out_size);
  t0 = std::chrono::steady_clock::now();
  int z = compress2(out.data(), &out_size, reinterpret_cast<const Bytef*>(one.data()),
                    static_cast<uLong>(one.size()), 6);
  const double anchor_s = seconds_since(t0);
  if (z != Z_OK) {
    std::fprintf(stderr, "zlib: %d\n", z);
    return 1;
  }

  std::printf(
      "{\"letters\": %zu, \"qr\": \"%s\", "
      "\"one_file\": {\"seconds\": %.3f, \"bytes\": %zu, \"pages\": %zu}, "
      "\"batches\": {\"batch_size\": %zu, \"files\": %zu, \"seconds\": %.3f, \"bytes\": %zu, "
      "\"pages\": %zu}, "
      "\"no_qr\": {\"seconds\": %.3f, \"bytes\": %zu}, "
      "\"anchor\": {\"what\": \"zlib deflate level 6 of the one-file PDF\", \"seconds\": %.3f, "
      "\"bytes_in\": %zu, \"bytes_out\": %lu}}\n",
      n, style.c_str(), one_s, one.size(), one_pages, batch, batch_files, batches_s, batch_bytes,
      batch_pages, no_qr_s, no_qr.size(), anchor_s, one.size(),
      static_cast<unsigned long>(out_size));
  return 0;
}
