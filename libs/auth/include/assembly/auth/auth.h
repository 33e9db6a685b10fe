#pragma once
// Bearer JWT verification against the issuer's key set (JWKS), and the suite's roles. Tokens are
// RS256 or ES256, the algorithm pinned by the key (an allow-list: "none", HMAC and every other
// algorithm are refused, so a public key can never be used as an HMAC secret); exp, nbf, iat,
// iss and aud are checked, with a small clock-skew allowance. See libs/auth/README.md.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
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
// The notifications service's own account (client credentials): reads, when it sends, what it
// needs to write to a member (membership's delivery details), nothing else.
inline constexpr const char* kNotifier = "notifier";
inline constexpr const char* kRoles[] = {
    kSecretariat, kCityService, kCouncilClerk, kElectedRepresentative, kMember, kFacilitator,
    kAuditor,     kPublic,      kNotifier};
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

// The department an action is taken for. A city-service caller acts for its token's department
// only (the "department" claim; never the request's): `named` must be empty or that department.
// Any other caller acts for the department `named` (the secretariat for every department; a
// member for none, so `named` must be empty). Returns the department, or why the caller may not
// act for `named` (refusal).
struct DepartmentChoice {
  std::string department;
  std::optional<std::string> refusal;
};
DepartmentChoice acting_department(const Principal& principal, const std::string& named);

// Why a token was refused: reason() is a short stable label (metrics, logs) and what() a sentence
// for the caller. Labels: missing_token, malformed, algorithm, unknown_kid, signature, expired,
// not_yet_valid, issued_at, issuer, audience, no_role, keys_unavailable.
class AuthError : public std::runtime_error {
 public:
  AuthError(std::string reason, const std::string& message)
      : std::runtime_error(message), reason_(std::move(reason)) {}
  explicit AuthError(const std::string& message) : AuthError("invalid", message) {}
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string reason_;
};

// No key set could be loaded yet (the issuer is unreachable): the token may well be valid, the
// service cannot tell. The HTTP layer answers 503 (retry later), not 401.
class KeysUnavailable : public AuthError {
 public:
  explicit KeysUnavailable(const std::string& message) : AuthError("keys_unavailable", message) {}
};

// ---- Key sets (RFC 7517 JWKS) ----
// The accepted algorithms, pinned per key: an RSA key verifies RS256 only, an EC P-256 key
// ES256 only. Nothing else is accepted at all ("none", HS*, PS*, ES384...).
enum class Algorithm { RS256, ES256 };
const char* to_string(Algorithm alg);

// An immutable set of public signing keys, parsed once (OpenSSL keys built at parse time).
// Shared between threads; a refresh replaces the whole set.
class KeySet {
 public:
  // A JWKS document ({"keys": [...]}). RSA keys (n, e; 2048 bits at least) and EC P-256 keys
  // (x, y) are kept; keys whose "use" is present and not "sig", of another type or curve, naming
  // another "alg" than their type's, or malformed are skipped (skipped() says which and why).
  // std::invalid_argument when the document is not a JWKS, two kept keys share a kid, or no key
  // is usable.
  static std::shared_ptr<const KeySet> from_jwks(const std::string& jwks_json);
  // One PEM public key (RSA or EC P-256) as a one-key set, with an optional kid.
  static std::shared_ptr<const KeySet> from_pem(const std::string& public_key_pem,
                                                const std::string& kid = "");
  ~KeySet();
  KeySet(const KeySet&) = delete;
  KeySet& operator=(const KeySet&) = delete;

  std::size_t size() const;
  bool contains(const std::string& kid) const;
  std::vector<std::string> kids() const;
  const std::vector<std::string>& skipped() const;

  struct Key;
  // The key named by kid; nullptr when absent.
  const Key* find(const std::string& kid) const;
  // The only key of a one-key set; nullptr otherwise.
  const Key* only() const;
  static Algorithm algorithm(const Key& key);
  // True when `signature` (JOSE form: RS256 PKCS#1 v1.5; ES256 r||s, 64 bytes) signs `input`.
  static bool verify(const Key& key, const std::string& input, const std::string& signature);

 private:
  KeySet();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A public key as a JWK (JSON object text) with the given kid: the JWKS a test or a tool serves.
std::string public_jwk(const std::string& public_key_pem, const std::string& kid);

// Where the verifier gets its keys from.
class KeySource {
 public:
  virtual ~KeySource() = default;
  // The keys in use; nullptr when none could be loaded yet.
  virtual std::shared_ptr<const KeySet> current() const = 0;
  // A token names `kid` and the current set lacks it (or no set is loaded: kid may be anything):
  // the source may refresh. Returns the set to look in again (nullptr: still none).
  virtual std::shared_ptr<const KeySet> on_unknown_key(const std::string& kid) = 0;
};

// A fixed key set (tests, offline tools, JWT_PUBLIC_KEY_FILE): never refreshed.
class StaticKeys : public KeySource {
 public:
  explicit StaticKeys(std::shared_ptr<const KeySet> keys);
  std::shared_ptr<const KeySet> current() const override { return keys_; }
  std::shared_ptr<const KeySet> on_unknown_key(const std::string&) override { return keys_; }

 private:
  std::shared_ptr<const KeySet> keys_;
};

// GET url → body; throws (std::exception) on a transport failure or a non-2xx answer. Injected
// so that this library stays free of I/O (libs/http's client in the services, a lambda in tests).
using Fetch = std::function<std::string(const std::string& url)>;

struct RemoteKeysOptions {
  // The issuer: its discovery document is <issuer>/.well-known/openid-configuration, whose
  // "jwks_uri" names the key set and whose "issuer" must equal this one (OpenID Connect
  // Discovery 1.0, 4.3).
  std::string issuer;
  // When set, discovery is skipped and the key set is fetched from here.
  std::string jwks_uri{};
  Fetch fetch;
  // At most one fetch per interval on unknown kids (see RemoteKeys).
  std::chrono::milliseconds min_refresh_interval{1000};
  // Told of every fetch: ok, or the error (metrics, logs).
  std::function<void(bool ok, const std::string& error)> on_refresh{};
  // Injected clock (tests); default: steady clock.
  std::function<std::chrono::steady_clock::time_point()> clock{};
};

// The issuer's key set, fetched through discovery and refreshed:
//  - refresh() fetches now (the start, a periodic refresh); the set is replaced only by a good one.
//  - a token naming an unknown kid triggers a refresh, rate-limited: at most one fetch per
//    min_refresh_interval; callers arriving while a fetch is in flight wait for it instead of
//    fetching; callers arriving within the interval after a fetch get the current set at once
//    (a flood of bogus kids costs the issuer one fetch per interval, nothing more).
// Several keys are accepted at once, so a rotation (new key published beside the old one) needs
// no restart. Thread-safe.
class RemoteKeys : public KeySource {
 public:
  explicit RemoteKeys(RemoteKeysOptions options);
  // Fetches now (or joins the fetch in flight); true when a key set is loaded afterwards.
  bool refresh();
  std::shared_ptr<const KeySet> current() const override;
  std::shared_ptr<const KeySet> on_unknown_key(const std::string& kid) override;

  struct Status {
    bool loaded = false;     // a key set is in use
    std::size_t keys = 0;    // its size
    std::string last_error;  // of the latest fetch ("" when it succeeded)
    std::uint64_t fetches = 0;
  };
  Status status() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

struct VerifierOptions {
  std::shared_ptr<KeySource> keys;
  std::string issuer;
  std::string audience;  // accepted when "aud" is this string or an array holding it
  std::chrono::seconds leeway{30};
  // "iat" is required; a token issued longer ago than this is refused even if not expired.
  std::chrono::seconds max_token_age{600};
  // Injected clock (tests); default: system clock.
  std::function<std::chrono::system_clock::time_point()> now{};
  // Told of every refusal with its reason() (metrics).
  std::function<void(const std::string& reason)> on_failure{};
  // Tokens verified, kept (by their exact text) so that the next request with the same token
  // skips the signature and the claims' parsing: its times (exp, nbf, iat age) are checked again
  // each time, and an entry counts only while the key set that verified it is the current one (a
  // refreshed set verifies anew). At most this many; 0: no cache.
  std::size_t cache_entries = 4096;
};

// Verifies bearer tokens against a key source. The checks, in order: the header's alg (RS256 or
// ES256 only, before anything else) and kid; the key by kid (a token without kid is accepted
// only when the set holds exactly one key); the key's own algorithm equal to the header's; the
// signature; then exp (required), nbf, iat (required, not older than max_token_age, not in the
// future beyond the leeway), iss, aud, and at least one known role.
class Verifier {
 public:
  explicit Verifier(VerifierOptions options);
  // The principal of a valid token; AuthError saying why otherwise (KeysUnavailable when no
  // key set could be loaded).
  Principal verify(const std::string& token) const;
  // Tokens in the cache now (tests, metrics).
  std::size_t cached() const;

 private:
  struct Verified {
    Principal principal;
    double exp = 0, iat = 0;
    std::optional<double> nbf;
    std::shared_ptr<const KeySet> keys;  // the set that verified it
  };
  struct Cache;
  Verified check(const std::string& token) const;
  void check_times(const Verified& v, bool has_iat = true) const;
  VerifierOptions options_;
  std::shared_ptr<Cache> cache_;  // shared by copies of this verifier
};

// A verifier trusting one PEM public key (tests and offline tools).
std::shared_ptr<Verifier> verifier_for_pem(const std::string& public_key_pem, std::string issuer,
                                           std::string audience,
                                           std::chrono::seconds leeway = std::chrono::seconds(30));

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
  std::string kid{};                       // the header's "kid", when not empty
  Algorithm algorithm = Algorithm::RS256;  // ES256 needs an EC P-256 private key
};
// A signed token (for local use and tests: production tokens come from the city's identity
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
// A fresh EC P-256 key pair (tests).
KeyPair generate_ec_key_pair();
}  // namespace assembly::auth
