#include "assembly/config/config.h"

#include <charconv>
#include <cstdlib>
#include <sstream>

namespace assembly::config {

Env::Env() = default;
Env::Env(std::map<std::string, std::string> values) : values_(std::move(values)) {}

std::optional<std::string> Env::lookup(const std::string& name) const {
  if (values_) {
    auto it = values_->find(name);
    if (it == values_->end()) return std::nullopt;
    return it->second;
  }
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

void Env::note(Variable v) {
  for (const auto& d : documented_)
    if (d.name == v.name) return;
  documented_.push_back(std::move(v));
}

std::string Env::str(const std::string& name, const std::string& def, const std::string& doc) {
  note({name, def, doc, false});
  auto v = lookup(name);
  return v && !v->empty() ? *v : def;
}

std::string Env::required(const std::string& name, const std::string& doc) {
  note({name, "", doc, true});
  auto v = lookup(name);
  if (!v || v->empty()) throw ConfigError(name + " is required: " + doc);
  return *v;
}

std::int64_t Env::integer(const std::string& name, std::int64_t def, std::int64_t min,
                          std::int64_t max, const std::string& doc) {
  note({name, std::to_string(def), doc, false});
  auto v = lookup(name);
  if (!v || v->empty()) return def;
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size())
    throw ConfigError(name + "=\"" + *v + "\" is not an integer");
  if (out < min || out > max)
    throw ConfigError(name + "=" + *v + " is out of range [" + std::to_string(min) + ", " +
                      std::to_string(max) + "]");
  return out;
}

std::uint16_t Env::port(const std::string& name, std::uint16_t def, const std::string& doc) {
  return static_cast<std::uint16_t>(integer(name, def, 0, 65535, doc));
}

bool Env::flag(const std::string& name, bool def, const std::string& doc) {
  note({name, def ? "true" : "false", doc, false});
  auto v = lookup(name);
  if (!v || v->empty()) return def;
  if (*v == "1" || *v == "true" || *v == "yes") return true;
  if (*v == "0" || *v == "false" || *v == "no") return false;
  throw ConfigError(name + "=\"" + *v + "\" is not a boolean (true/false)");
}

std::string Env::help() const {
  std::ostringstream out;
  for (const auto& v : documented_) {
    out << v.name << (v.required ? " (required)" : " (default: " + v.default_value + ")")
        << "\n    " << v.doc << "\n";
  }
  return out.str();
}

}  // namespace assembly::config
