#pragma once
// Reading a JSON request body field by field; every mistake is a 422 problem naming the field
// as a JSON pointer ("/candidates/3/person_id").
#include <nlohmann/json.hpp>
#include <string>

#include "assembly/http/http.h"

namespace assembly::http::body {

const nlohmann::json& object(const nlohmann::json& parent, const std::string& pointer);
std::string string(const nlohmann::json& object, const std::string& key, const std::string& at = "",
                   std::size_t max_length = 1024);
std::string string_or(const nlohmann::json& object, const std::string& key, std::string fallback,
                      const std::string& at = "", std::size_t max_length = 1024);
long long integer(const nlohmann::json& object, const std::string& key, long long min,
                  long long max, const std::string& at = "");
// A calendar date "YYYY-MM-DD" that exists (2022-02-29 does not).
std::string date(const nlohmann::json& object, const std::string& key, const std::string& at = "");
// A UTC time "YYYY-MM-DDTHH:MM:SSZ" on a day that exists.
std::string utc_time(const nlohmann::json& object, const std::string& key,
                     const std::string& at = "");
const nlohmann::json& array(const nlohmann::json& object, const std::string& key,
                            const std::string& at = "");
// A query parameter that must be present and non-empty (400 naming it otherwise).
std::string required_query(const Request& request, const std::string& name);
// A version number (1, 2, ...) in the path parameter or, when the path has none, the query
// parameter `name`; 400 naming it otherwise.
int version_param(const Request& request, const std::string& name);
// A path parameter that must be a UUID (404 otherwise: no such resource can exist).
std::string uuid_param(const Request& request, const std::string& name);

// Reads a body's fields like the functions above, but collects every mistake instead of stopping
// at the first: a reader that got an invalid field returns an empty value and goes on. done()
// then throws one 422 whose `errors` names every field at fault (Problem::invalid).
class Fields {
 public:
  explicit Fields(const nlohmann::json& object, std::string at = "");
  // Fields keeps a reference to the body: a temporary (`Fields f(req.json())`) would dangle.
  explicit Fields(nlohmann::json&& temporary, std::string at = "") = delete;
  Fields(const Fields&) = delete;  // a nested one points at the outermost one's mistakes
  Fields& operator=(const Fields&) = delete;
  // The fields of a nested object ("/seat_pools/2"), whose mistakes are this one's.
  Fields nested(const nlohmann::json& object, std::string at);
  std::string string(const std::string& key, std::size_t max_length = 1024);
  std::string string_or(const std::string& key, std::string fallback,
                        std::size_t max_length = 1024);
  long long integer(const std::string& key, long long min, long long max);
  std::string date(const std::string& key);
  std::string utc_time(const std::string& key);
  // The array, or an empty one (and an error) when it is missing or not an array.
  const nlohmann::json& array(const std::string& key);
  bool has(const std::string& key) const;
  // A check of the route's own: records `detail` against `pointer` unless `ok`.
  void check(bool ok, const std::string& pointer, const std::string& detail);
  bool ok() const { return sink_->empty(); }
  void done() const;

 private:
  Fields(const nlohmann::json& object, std::string at, std::vector<FieldError>* sink);
  template <typename T, typename Read>
  T read(T fallback, Read read_field);
  const nlohmann::json& object_;
  std::string at_;
  std::vector<FieldError> errors_;
  std::vector<FieldError>* sink_;  // errors_, or the outermost Fields' own
};

}  // namespace assembly::http::body
