#include <fstream>
#include <sstream>

#include "assembly/auth/auth.h"

namespace assembly::auth {

bool is_known_role(const std::string& role) {
  return role == kSecretariat || role == kCityService || role == kCouncilClerk || role == kMember ||
         role == kPublic || role == kElectedRepresentative || role == kFacilitator ||
         role == kAuditor;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace assembly::auth
