#include "assembly/service/args.h"

#include <map>

namespace assembly::service {

Args parse_args(const std::vector<std::string>& args) {
  using A = Args::Action;
  static const std::map<std::string, A> kFlags = {
      {"--config-help", A::config_help}, {"--migrate", A::migrate}, {"--reseal", A::reseal},
      {"--openapi", A::openapi},         {"--help", A::help},       {"-h", A::help},
      {"--version", A::version}};
  Args out;
  for (const auto& a : args) {
    auto it = kFlags.find(a);
    if (it == kFlags.end()) return {A::usage_error, "unknown argument '" + a + "'"};
    if (out.action != A::serve && out.action != it->second)
      return {A::usage_error,
              "give one of --config-help, --migrate, --reseal, --openapi, --help, --version"};
    out.action = it->second;
  }
  return out;
}

std::string usage(const std::string& service) {
  return "usage: " + service +
         " [--config-help | --migrate | --reseal | --openapi | --help | --version]\n"
         "  (no argument)   serve: HTTP, the outbox relay and the event consumer, until SIGTERM\n"
         "  --config-help   list the configuration (environment variables) and exit\n"
         "  --migrate       apply the schema's migrations and exit (1 when the database "
         "refused)\n"
         "  --reseal        seal every sealed value again under the current key (PII_KEY_FILE) and "
         "exit\n"
         "                  (1 when some remain under another key); the service keeps serving\n"
         "  --openapi       print the service's OpenAPI document (as /openapi.json serves it)\n"
         "  --help          this text\n"
         "  --version       the suite's version\n"
         "Exit codes: 0 ok, 1 failure, 2 wrong command line or configuration.\n";
}

}  // namespace assembly::service
