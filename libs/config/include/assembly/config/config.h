#pragma once
// Configuration from environment variables, each with a documented default. An invalid value
// is a ConfigError naming the variable; the service stops with that message.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace assembly::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Variable {
  std::string name;
  std::string default_value;  // "" and required=true: no default
  std::string doc;
  bool required = false;
};

class Env {
 public:
  // Reads the process environment.
  Env();
  // Reads the given map instead (tests).
  explicit Env(std::map<std::string, std::string> values);

  std::string str(const std::string& name, const std::string& def, const std::string& doc);
  std::string required(const std::string& name, const std::string& doc);
  std::int64_t integer(const std::string& name, std::int64_t def, std::int64_t min,
                       std::int64_t max, const std::string& doc);
  std::uint16_t port(const std::string& name, std::uint16_t def, const std::string& doc);
  bool flag(const std::string& name, bool def, const std::string& doc);

  // Every variable read so far, in order: `<binary> --config-help` prints them.
  const std::vector<Variable>& documented() const { return documented_; }
  std::string help() const;

 private:
  std::optional<std::string> lookup(const std::string& name) const;
  void note(Variable v);

  std::optional<std::map<std::string, std::string>> values_;
  std::vector<Variable> documented_;
};

}  // namespace assembly::config
