#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "assembly/auth/auth.h"

namespace assembly::auth {

bool is_known_role(const std::string& role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

namespace {
// The staff roles limited by the assemblies claim (all but facilitator, which its workshops limit).
bool has_assembly_staff_role(const Principal& p) {
  for (const char* r :
       {kSecretariat, kCityService, kCouncilClerk, kElectedRepresentative, kAuditor})
    if (p.has(r)) return true;
  return false;
}
}  // namespace

bool is_limited_staff(const Principal& p) {
  if (has_assembly_staff_role(p)) return p.assemblies.count("*") == 0;
  return p.has(kFacilitator);
}

std::optional<std::string> outside_scope(const Principal& p, const std::string& assembly_id,
                                         const std::string& workshop_id) {
  if (has_assembly_staff_role(p)) {
    if (p.may_act_in(assembly_id)) return std::nullopt;
    return "this account acts for other assemblies than " + assembly_id;
  }
  if (p.has(kFacilitator)) {
    if (!workshop_id.empty() && p.workshops.count(workshop_id) > 0) return std::nullopt;
    return workshop_id.empty() ? std::string("a facilitator acts only on its workshops' sessions")
                               : "this account facilitates other workshops than " + workshop_id;
  }
  return std::nullopt;
}

DepartmentChoice acting_department(const Principal& p, const std::string& named) {
  if (p.has(kCityService)) {
    if (p.department.empty())
      return {"", "the token names no department: city-service staff act for their department"};
    if (!named.empty() && named != p.department)
      return {"", "this account acts for " + p.department + ", not for " + named};
    return {p.department, std::nullopt};
  }
  if (!named.empty() && !p.has(kSecretariat))
    return {"", "only the secretariat and city-service staff act for a department"};
  return {named, std::nullopt};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace assembly::auth
