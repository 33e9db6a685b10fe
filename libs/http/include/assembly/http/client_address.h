#pragma once
// The caller's address behind proxies. A request's direct peer may be a proxy (the gateway, the
// cluster's ingress) that names the caller in `Forwarded` (RFC 7239) or `X-Forwarded-For`; those
// headers are believed only when the peer is one of the configured trusted proxies
// (TRUSTED_PROXIES), and then the caller is the right-most address of the chain that is not a
// trusted proxy: whatever a client wrote to the left of it is ignored.
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace assembly::http {

// One address block, IPv4 or IPv6 ("10.0.0.0/8", "::1/128", "127.0.0.1": a single address).
struct Cidr {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
  int prefix = 128;                      // in IPv6 bits (IPv4's /24 is /120)
};

class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody: the peer is the caller
  // A comma- or space-separated list of address blocks; throws std::invalid_argument naming the
  // entry at fault.
  static TrustedProxies parse(std::string_view list);
  bool empty() const { return blocks_.empty(); }
  bool trusts(std::string_view address) const;
  // The caller's address: `peer` unless it is trusted; then, of the addresses the headers list
  // (X-Forwarded-For when present, else Forwarded's for=) followed by the peer, the right-most one
  // not trusted (the left-most when all are). A value that is no address (Forwarded's "unknown",
  // an obfuscated name) stops the walk and is the answer.
  std::string client(std::string_view peer, const std::optional<std::string>& forwarded,
                     const std::optional<std::string>& x_forwarded_for) const;

 private:
  std::vector<Cidr> blocks_;
};

// The address of an X-Forwarded-For entry or a Forwarded for= value, without quotes, brackets
// and port, in its canonical text form (an IPv4-mapped IPv6 address as IPv4); nullopt when it is
// no address.
std::optional<std::string> canonical_address(std::string_view text);

}  // namespace assembly::http
