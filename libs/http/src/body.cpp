#include "assembly/http/body.h"

#include <cctype>

namespace assembly::http::body {
namespace {
const nlohmann::json& field(const nlohmann::json& o, const std::string& key,
                            const std::string& at) {
  if (!o.is_object()) throw unprocessable("expected a JSON object", at.empty() ? "/" : at);
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) throw unprocessable(key + " is required", at + "/" + key);
  return *it;
}
}  // namespace

const nlohmann::json& object(const nlohmann::json& parent, const std::string& pointer) {
  if (!parent.is_object())
    throw unprocessable("expected a JSON object", pointer.empty() ? "/" : pointer);
  return parent;
}

std::string string(const nlohmann::json& o, const std::string& key, const std::string& at,
                   std::size_t max_length) {
  const auto& v = field(o, key, at);
  if (!v.is_string()) throw unprocessable(key + " must be a string", at + "/" + key);
  auto s = v.get<std::string>();
  if (s.empty()) throw unprocessable(key + " must not be empty", at + "/" + key);
  // No control characters but line breaks and tabs: a NUL would cut the text short in the
  // database, the others hide what a reader sees.
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
      throw unprocessable(key + " must not hold control characters", at + "/" + key);
  if (s.size() > max_length)
    throw unprocessable(key + " is longer than " + std::to_string(max_length) + " characters",
                        at + "/" + key);
  return s;
}

std::string date(const nlohmann::json& o, const std::string& key, const std::string& at) {
  auto s = string(o, key, at, 10);
  auto bad = [&] {
    return unprocessable(key + " must be a date YYYY-MM-DD that exists", at + "/" + key);
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') throw bad();
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') throw bad();
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap)) throw bad();
  return s;
}

std::string utc_time(const nlohmann::json& o, const std::string& key, const std::string& at) {
  auto s = string(o, key, at, 20);
  auto bad = [&] {
    return unprocessable(key + " must be a UTC time YYYY-MM-DDTHH:MM:SSZ", at + "/" + key);
  };
  if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') throw bad();
  for (int i : {11, 12, 14, 15, 17, 18})
    if (s[i] < '0' || s[i] > '9') throw bad();
  if (std::stoi(s.substr(11, 2)) > 23 || std::stoi(s.substr(14, 2)) > 59 ||
      std::stoi(s.substr(17, 2)) > 59)
    throw bad();
  try {
    date({{key, s.substr(0, 10)}}, key, at);
  } catch (const Problem&) {
    throw bad();
  }
  return s;
}

std::string string_or(const nlohmann::json& o, const std::string& key, std::string fallback,
                      const std::string& at, std::size_t max_length) {
  if (!o.is_object() || !o.contains(key) || o[key].is_null()) return fallback;
  return string(o, key, at, max_length);
}

long long integer(const nlohmann::json& o, const std::string& key, long long min, long long max,
                  const std::string& at) {
  const auto& v = field(o, key, at);
  if (!v.is_number_integer()) throw unprocessable(key + " must be an integer", at + "/" + key);
  auto n = v.get<long long>();
  if (n < min || n > max)
    throw unprocessable(
        key + " must be between " + std::to_string(min) + " and " + std::to_string(max),
        at + "/" + key);
  return n;
}

const nlohmann::json& array(const nlohmann::json& o, const std::string& key,
                            const std::string& at) {
  const auto& v = field(o, key, at);
  if (!v.is_array()) throw unprocessable(key + " must be an array", at + "/" + key);
  return v;
}

int version_param(const Request& request, const std::string& name) {
  auto query = request.query_param(name);
  const bool in_path = request.params.count(name) > 0;
  if (!in_path && !query) throw bad_request(name + " is required", name);
  const std::string& s = in_path ? request.param(name) : *query;
  try {
    std::size_t used = 0;
    int n = std::stoi(s, &used);
    if (used == s.size() && n >= 1) return n;
  } catch (const std::exception&) {
  }
  throw bad_request(name + " must be a version number (1, 2, ...)", name);
}

std::string required_query(const Request& request, const std::string& name) {
  auto v = request.query_param(name);
  if (!v || v->empty()) throw bad_request("the query parameter " + name + " is required", name);
  return *v;
}

std::string uuid_param(const Request& request, const std::string& name) {
  const auto& v = request.param(name);
  bool ok = v.size() == 36;
  for (std::size_t i = 0; ok && i < v.size(); ++i)
    ok = (i == 8 || i == 13 || i == 18 || i == 23)
             ? v[i] == '-'
             : std::isxdigit(static_cast<unsigned char>(v[i])) != 0;
  if (!ok) throw not_found("no resource with id " + v);
  return v;
}

Fields::Fields(const nlohmann::json& object, std::string at)
    : Fields(object, std::move(at), nullptr) {}

Fields::Fields(const nlohmann::json& object, std::string at, std::vector<FieldError>* sink)
    : object_(object), at_(std::move(at)), sink_(sink ? sink : &errors_) {
  if (!object_.is_object()) sink_->push_back({at_.empty() ? "/" : at_, "expected a JSON object"});
}

Fields Fields::nested(const nlohmann::json& object, std::string at) {
  return Fields(object, std::move(at), sink_);
}

template <typename T, typename Read>
T Fields::read(T fallback, Read read_field) {
  if (!object_.is_object()) return fallback;
  try {
    return read_field();
  } catch (const Problem& p) {
    sink_->push_back({p.field(), p.detail()});
    return fallback;
  }
}

std::string Fields::string(const std::string& key, std::size_t max_length) {
  return read(std::string(), [&] { return body::string(object_, key, at_, max_length); });
}

std::string Fields::string_or(const std::string& key, std::string fallback,
                              std::size_t max_length) {
  return read(fallback, [&] { return body::string_or(object_, key, fallback, at_, max_length); });
}

long long Fields::integer(const std::string& key, long long min, long long max) {
  return read(min, [&] { return body::integer(object_, key, min, max, at_); });
}

std::string Fields::date(const std::string& key) {
  return read(std::string(), [&] { return body::date(object_, key, at_); });
}

std::string Fields::utc_time(const std::string& key) {
  return read(std::string(), [&] { return body::utc_time(object_, key, at_); });
}

const nlohmann::json& Fields::array(const std::string& key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (!object_.is_object()) return kEmpty;
  try {
    return body::array(object_, key, at_);
  } catch (const Problem& p) {
    sink_->push_back({p.field(), p.detail()});
    return kEmpty;
  }
}

bool Fields::has(const std::string& key) const {
  return object_.is_object() && object_.contains(key) && !object_[key].is_null();
}

void Fields::check(bool ok, const std::string& pointer, const std::string& detail) {
  if (!ok) sink_->push_back({pointer, detail});
}

void Fields::done() const {
  if (!sink_->empty()) throw Problem::invalid(*sink_);
}

}  // namespace assembly::http::body
