#pragma once
// A service binary's command line: one action, its flag in any position.
#include <string>
#include <vector>

namespace assembly::service {

struct Args {
  enum class Action {
    serve,
    config_help,
    migrate,
    reseal,
    openapi,
    help,
    version,
    usage_error
  } action = Action::serve;
  std::string error;  // for usage_error: what was wrong
};

// The flags: --config-help, --migrate, --reseal, --openapi, --help (-h), --version. No argument at
// all serves. Two different actions, or anything else, is a usage error (exit 2, with usage()).
Args parse_args(const std::vector<std::string>& args);
std::string usage(const std::string& service);

// The exit codes of every binary of the suite (services and command-line tools alike).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;  // a wrong command line or configuration

}  // namespace assembly::service
