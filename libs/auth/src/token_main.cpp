// assembly-token: mints an RS256 bearer token for local use and tests.
//   assembly-token --key PRIVATE.pem --issuer ISS --audience AUD --role ROLE [--role ROLE]
//                  [--subject SUB] [--department DEPT] [--ttl SECONDS] [--kid KID]
// --kid names the key in the token's header (a key set verifier selects its key by it).
#include <cstdlib>
#include <iostream>
#include <string>

#include "assembly/auth/auth.h"

int main(int argc, char** argv) {
  using namespace assembly::auth;
  TokenRequest req;
  std::string key_path;
  auto usage = [] {
    std::cerr << "usage: assembly-token --key PRIVATE.pem --issuer ISS --audience AUD --role ROLE "
                 "[--role ROLE] [--subject SUB] [--department DEPT] [--ttl SECONDS] [--kid KID]\n";
    return 2;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    std::string v = argv[++i];
    if (a == "--key")
      key_path = v;
    else if (a == "--issuer")
      req.issuer = v;
    else if (a == "--audience")
      req.audience = v;
    else if (a == "--subject")
      req.subject = v;
    else if (a == "--department")
      req.department = v;
    else if (a == "--kid")
      req.kid = v;
    else if (a == "--role") {
      if (!is_known_role(v)) {
        std::cerr << "assembly-token: unknown role \"" << v
                  << "\" (secretariat, city-service, council-clerk, member, public, "
                  << "elected-representative)\n";
        return 2;
      }
      req.roles.push_back(v);
    } else if (a == "--ttl") {
      char* end = nullptr;
      long ttl = std::strtol(v.c_str(), &end, 10);
      if (*end != '\0' || ttl <= 0) {
        std::cerr << "assembly-token: --ttl must be a positive number of seconds\n";
        return 2;
      }
      req.ttl = std::chrono::seconds(ttl);
    } else
      return usage();
  }
  if (key_path.empty() || req.issuer.empty() || req.audience.empty() || req.roles.empty())
    return usage();
  if (req.subject.empty()) req.subject = req.roles.front() + "-local";
  // A member's token names its member (the subject); staff tokens act in every assembly.
  bool member = false;
  for (const auto& r : req.roles) member = member || r == kMember;
  if (member)
    req.member_id = req.subject;
  else
    req.assemblies = {"*"};
  try {
    req.private_key_pem = read_file(key_path);
    std::cout << mint(req) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "assembly-token: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
