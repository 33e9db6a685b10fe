// sortition-verify: redoes an invitation draw (algorithm invite-v1) from a published pool
// snapshot and the public seed, so anyone can check the list of invitees.
//   sortition-verify --snapshot FILE --seed SEED --count N [--stratify-by COLUMN]
//                    [--expect-snapshot-hash H] [--expect-result-hash H]
// Prints "snapshot_sha256=<hex>", the invitees' person ids one per line in draw order, then
// "result_sha256=<hex>". Exit codes, as every binary of the suite: 0 done and every expected hash
// matches; 1 failure: a hash differs; 2 usage: bad arguments or input.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "domain/invitation.h"

namespace {

constexpr const char* kUsage =
    "usage: sortition-verify --snapshot FILE --seed SEED --count N [--stratify-by COLUMN]\n"
    "                        [--expect-snapshot-hash H] [--expect-result-hash H]\n"
    "  COLUMN: sex, birth_year or arrondissement; H: SHA-256 as 64 hex digits\n"
    "       sortition-verify --help | --version\n"
    "Exit codes: 0 done (and the expected hashes match); 1 a hash differs; 2 bad arguments or "
    "input.\n";

int bad_usage(const std::string& message) {
  std::cerr << "sortition-verify: " << message << "\n" << kUsage;
  return 2;
}

// Lower-cased when it is 64 hex digits, empty otherwise.
std::string normalized_hash(std::string h) {
  if (h.size() != 64) return "";
  for (char& c : h) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return "";
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sortition::domain;
  std::string snapshot_path, seed, count_text, stratify_by, expect_snapshot, expect_result;
  bool have_seed = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--version") {
      std::cout << "sortition-verify " << ASSEMBLY_VERSION << "\n";
      return 0;
    }
    if (i + 1 >= argc) return bad_usage(a + " needs a value");
    std::string v = argv[++i];
    if (a == "--snapshot")
      snapshot_path = v;
    else if (a == "--seed")
      seed = v, have_seed = true;
    else if (a == "--count")
      count_text = v;
    else if (a == "--stratify-by")
      stratify_by = v;
    else if (a == "--expect-snapshot-hash")
      expect_snapshot = v;
    else if (a == "--expect-result-hash")
      expect_result = v;
    else
      return bad_usage("unknown argument " + a);
  }
  if (snapshot_path.empty()) return bad_usage("--snapshot is required");
  if (!have_seed || seed.empty()) return bad_usage("--seed is required and must not be empty");
  if (count_text.empty()) return bad_usage("--count is required");
  char* end = nullptr;
  long long count = std::strtoll(count_text.c_str(), &end, 10);
  if (*end != '\0' || count < 0 || !std::isdigit(static_cast<unsigned char>(count_text[0])))
    return bad_usage("--count must be a whole number, got \"" + count_text + "\"");
  if (!stratify_by.empty() && !is_stratification_column(stratify_by))
    return bad_usage("--stratify-by must be sex, birth_year or arrondissement, got \"" +
                     stratify_by + "\"");
  if (!expect_snapshot.empty() && normalized_hash(expect_snapshot).empty())
    return bad_usage("--expect-snapshot-hash must be 64 hex digits");
  if (!expect_result.empty() && normalized_hash(expect_result).empty())
    return bad_usage("--expect-result-hash must be 64 hex digits");

  std::ifstream file(snapshot_path, std::ios::binary);
  if (!file) return bad_usage("cannot open --snapshot " + snapshot_path);
  std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (file.bad()) return bad_usage("cannot read --snapshot " + snapshot_path);

  PoolSnapshot snapshot;
  try {
    std::istringstream in(bytes);
    snapshot = parse_pool_snapshot(in);
  } catch (const InvalidSnapshot& e) {
    std::cerr << "sortition-verify: " << snapshot_path << ": " << e.what() << "\n";
    return 2;
  }
  if (count > static_cast<long long>(snapshot.rows.size()))
    return bad_usage("--count " + count_text + " exceeds the " +
                     std::to_string(snapshot.rows.size()) + " people in " + snapshot_path);

  std::ios::sync_with_stdio(false);
  const std::string snapshot_sha = snapshot_hash(bytes);
  std::cout << "snapshot_sha256=" << snapshot_sha << "\n";
  auto ids = invitee_ids(snapshot, draw_invitations(seed, snapshot, count, stratify_by));
  for (const auto& id : ids) std::cout << id << "\n";
  const std::string result_sha = result_hash(ids);
  std::cout << "result_sha256=" << result_sha << "\n";
  std::cout.flush();

  // Every mismatch is reported, after the full output, so one run shows what differs.
  int status = 0;
  if (!expect_snapshot.empty() && normalized_hash(expect_snapshot) != snapshot_sha) {
    std::cerr << "sortition-verify: MISMATCH: snapshot " << snapshot_path << " has SHA-256 "
              << snapshot_sha << ", expected " << normalized_hash(expect_snapshot)
              << " (not the published snapshot)\n";
    status = 1;
  }
  if (!expect_result.empty() && normalized_hash(expect_result) != result_sha) {
    std::cerr << "sortition-verify: MISMATCH: the redone draw has result SHA-256 " << result_sha
              << ", expected " << normalized_hash(expect_result) << "\n";
    status = 1;
  }
  if (status == 0 && (!expect_snapshot.empty() || !expect_result.empty()))
    std::cerr << "sortition-verify: OK: the expected hashes match\n";
  return status;
}
