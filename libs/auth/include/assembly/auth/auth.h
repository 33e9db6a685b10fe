#pragma once
// Bearer JWT verification and the suite's roles. Tokens are RS256 only (an allow-list: "none"
// and HMAC algorithms are refused, so a public key can never be used as an HMAC secret);
// exp, nbf, iss and aud are checked, with a small clock-skew allowance.
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace assembly::auth {

// The roles of docs/architecture.md.
inline constexpr const char* kSecretariat = "secretariat";
inline constexpr const char* kCityService = "city-service";
inline constexpr const char* kCouncilClerk = "council-clerk";
// A representative of elected officials at co-construction sessions and plenaries (the
// departments' staff are city-service).
inline constexpr const char* kElectedRepresentative = "elected-representative";
inline constexpr const char* kMember = "member";
// Runs the sessions and the attendance of the workshops named in its "workshops" claim.
inline constexpr const char* kFacilitator = "facilitator";
// Reads every record and the audit trail; changes nothing.
inline constexpr const char* kAuditor = "auditor";
inline constexpr const char* kPublic = "public";
bool is_known_role(const std::string& role);

struct Principal {
  std::string subject;  // member id, staff id, ...
  std::set<std::string> roles;
  // The city department a city-service caller works for ("department" claim; "" when absent):
  // city-service staff act on their own department's commitments only.
  std::string department{};
  // The member a member's account belongs to ("member_id" claim, a user attribute in the identity
  // provider; "" when absent). Object-level checks of members use it, never `subject`.
  std::string member_id{};
  // The assemblies a staff role is limited to ("assemblies" claim); "*" stands for every assembly.
  // A staff token without the claim acts in no assembly.
  std::set<std::string> assemblies{};
  // The workshops a facilitator runs ("workshops" claim).
  std::set<std::string> workshops{};
  bool has(const std::string& role) const { return roles.count(role) > 0; }
  // Who acts, as the services record it and compare it with their objects: a member's account
  // acts as its member (member_id; "" when the claim is missing, which matches no member), any
  // other account as its subject.
  const std::string& actor() const { return has(kMember) ? member_id : subject; }
  bool may_act_in(const std::string& assembly_id) const {
    return assemblies.count("*") > 0 || assemblies.count(assembly_id) > 0;
  }
};

// Whether the principal acts through a staff role limited by its token: every staff role but
// unlimited ("*" in assemblies) ones, and a facilitator (always limited to its workshops).
// Members and the public are not limited by assembly.
bool is_limited_staff(const Principal& principal);
// Why the principal may not change an object of that assembly (and workshop, "" when the object
// belongs to none); nullopt when it may. Staff roles other than facilitator need the assembly in
// the token's assemblies ("*": any); a facilitator alone needs the workshop in its workshops.
std::optional<std::string> outside_scope(const Principal& principal, const std::string& assembly_id,
                                         const std::string& workshop_id);

class AuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct VerifierOptions {
  std::string public_key_pem;
  std::string issuer;
  std::string audience;
  std::chrono::seconds leeway{30};
  // Injected clock (tests); default: system clock.
  std::function<std::chrono::system_clock::time_point()> now;
};

class Verifier {
 public:
  explicit Verifier(VerifierOptions options);
  // The principal of a valid token; AuthError saying why otherwise.
  Principal verify(const std::string& token) const;

 private:
  VerifierOptions options_;
};

struct TokenRequest {
  std::string private_key_pem;
  std::string issuer;
  std::string audience;
  std::string subject;
  std::vector<std::string> roles;
  std::string department{};               // the "department" claim, when not empty
  std::string member_id{};                // the "member_id" claim, when not empty
  std::vector<std::string> assemblies{};  // the "assemblies" claim, when not empty
  std::vector<std::string> workshops{};   // the "workshops" claim, when not empty
  std::chrono::seconds ttl{3600};
  std::chrono::system_clock::time_point issued_at = std::chrono::system_clock::now();
};
// An RS256 token (for local use and tests: production tokens come from the city's identity
// provider).
std::string mint(const TokenRequest& request);

std::string read_file(const std::string& path);  // throws std::runtime_error naming the path

}  // namespace assembly::auth

namespace assembly::auth {
struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};
// A fresh RSA 2048 key pair (tests and local set-up).
KeyPair generate_rsa_key_pair();
}  // namespace assembly::auth
