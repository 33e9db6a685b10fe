#pragma once
// What every service's main does, once: read configuration, open the database pool, the Kafka
// producer, the HTTP server with /healthz, /readyz, /metrics and /openapi.json (/metrics and the
// probes on a listener of their own with METRICS_PORT), run migrations,
// start the outbox relay and the consumer, wait for SIGTERM, and stop in order within the grace
// period. A service only says what differs: its name, topics, migrations, routes and handlers.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assembly/config/config.h"
#include "assembly/db/migrations.h"
#include "assembly/db/pool.h"
#include "assembly/events/consumer.h"
#include "assembly/events/outbox.h"
#include "assembly/http/http.h"
#include "assembly/metrics/metrics.h"
#include "assembly/pii/pii.h"
#include "assembly/service/reseal.h"

namespace assembly::service {

// A task a service repeats in the background (reaping stale jobs, detecting overdue reports).
struct Periodic {
  std::string name;
  std::chrono::milliseconds period;
  std::function<void()> task;
};

// What a service's wiring gets to register its routes and event handlers.
struct Context {
  std::string name;
  config::Env& env;
  db::Pool& db;
  events::Outbox& outbox;
  http::Router& router;
  events::Dispatcher& dispatcher;
  // How long public GET answers may be reused (http::cached); PUBLIC_CACHE_TTL_MS.
  std::chrono::milliseconds public_cache_ttl{1000};
  // Background tasks, run on one thread once migrations are applied; an exception is logged and
  // the task runs again at its next period.
  std::vector<Periodic> periodic{};
  // Set when the process is asked to stop (SIGTERM): long background work checks it and gives
  // its job back rather than hold up the graceful stop.
  std::shared_ptr<std::atomic<bool>> stopping = std::make_shared<std::atomic<bool>>(false);
  // The service's sealed columns, which `<service> --reseal` re-seals under the current key.
  std::vector<SealedColumn> sealed{};
  std::shared_ptr<const pii::Keyring> keyring{};  // set by pii_keyring
  void every(std::chrono::milliseconds period, std::string task_name, std::function<void()> task) {
    periodic.push_back({std::move(task_name), period, std::move(task)});
  }
};

// The dashboards' figures: gauges recomputed from the database every METRICS_REFRESH_SECONDS (15 s
// by default), so that every replica reports the same. `gauges` gives each gauge's name (after the
// service's prefix) and help; `compute` fills, in one transaction, the values of each by their
// labels. A gauge left empty shows no series; a name not declared is a programming error (the
// refresh throws, and says which).
using Figures = std::map<std::string, std::map<metrics::GaugeSnapshot::Labels, double>>;
void refresh_gauges(Context& ctx, const std::vector<std::pair<std::string, std::string>>& gauges,
                    std::function<void(pqxx::work&, Figures&)> compute);

// The service's personal-data keys: the current sealing key (PII_KEY_FILE), the older ones still
// read (PII_PREVIOUS_KEY_FILES, comma-separated) and the pseudonym key (PII_PSEUDONYM_KEY_FILE;
// absent, derived from PII_KEY_FILE as before key rotation, which is refused beside older keys).
// A ConfigError naming the variable when a file is missing or unreadable.
std::shared_ptr<pii::Keyring> pii_keyring(config::Env& env);
// The same, kept in the context for `--reseal`.
std::shared_ptr<pii::Keyring> pii_keyring(Context& ctx);

struct Definition {
  std::string name;                       // "sortition"
  std::vector<std::string> consumes;      // topics, e.g. {"assembly.sortition.v1"}
  std::vector<db::Migration> migrations;  // the service's own, after the outbox/inbox ones
  std::string_view openapi;               // the service's OpenAPI document (JSON)
  std::function<void(Context&)> wire;
};

// The topic a service publishes to: "assembly.<name>.v1".
std::string topic_of(const std::string& service);

// Adds /healthz, /readyz and, `with_metrics`, /metrics. /readyz is ready when every check of
// `readiness` is "ok"; `auth_state` (the token keys' state) is shown beside the checks,
// informative only.
void add_probe_routes(http::Router& router, std::function<nlohmann::json()> readiness,
                      std::function<nlohmann::json()> auth_state, bool with_metrics);

// The probe routes, /openapi.json and the problem pages, and maps lost-database errors to 503.
// `with_metrics`: false when /metrics is served on a port of its own (METRICS_PORT).
void add_standard_routes(http::Router& router, std::function<nlohmann::json()> readiness,
                         std::string openapi_document,
                         std::function<nlohmann::json()> auth_state = {}, bool with_metrics = true);

// The gaps between a service's routes (its own and the standard ones) and its OpenAPI document,
// wired without a database or broker; every service's unit tests assert there are none.
// `env_values`: the configuration the wiring requires (say, a key file), as the environment.
std::vector<std::string> openapi_gaps(const Definition& definition,
                                      std::map<std::string, std::string> env_values = {});

// One of a service's routes called in process, wired like openapi_gaps (no database, no broker,
// no token: `caller` is the principal the handler sees). For tests of what a handler answers
// before it touches anything, such as a body's invalid fields; a handler that reaches the
// database answers 500. A problem comes back as its problem+json response. `path` may carry a
// query ("?kind=x"), decoded as the server does.
http::Response call_route(const Definition& definition, http::Method method,
                          const std::string& path, const std::string& body,
                          const auth::Principal& caller,
                          std::map<std::string, std::string> env_values = {});

// The JSON pointers a 422 problem names in its `errors`, in order; any other answer gives one
// entry "answered <status>: <body>" so that a test comparing the list says what came instead.
std::vector<std::string> invalid_fields(const http::Response& answer);

// The whole life of a service process; returns the exit code.
int run(int argc, char** argv, Definition definition);

}  // namespace assembly::service
