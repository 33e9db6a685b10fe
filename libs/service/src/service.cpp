#include "assembly/service/service.h"

#include <prometheus/gauge.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "assembly/audit/audit.h"
#include "assembly/auth/auth.h"
#include "assembly/events/producer.h"
#include "assembly/events/relay.h"
#include "assembly/http/client.h"
#include "assembly/http/openapi.h"
#include "assembly/http/problems.h"
#include "assembly/http/server.h"
#include "assembly/logging/log.h"
#include "assembly/logging/trace.h"
#include "assembly/metrics/metrics.h"
#include "assembly/service/args.h"

namespace assembly::service {

std::string topic_of(const std::string& service) {
  return "assembly." + service + ".v1";
}

void add_probe_routes(http::Router& router, std::function<nlohmann::json()> readiness,
                      std::function<nlohmann::json()> auth_state, bool with_metrics) {
  using http::Access;
  using http::Method;
  using http::Response;
  router.add(Method::Get, "/healthz", Access::anyone(), [](http::Request&) {
    return Response::json(200, {{"status", "alive"}});
  });
  router.add(Method::Get, "/readyz", Access::anyone(), [readiness, auth_state](http::Request&) {
    auto checks = readiness();
    bool ready = true;
    for (auto& [k, v] : checks.items())
      if (v != "ok") ready = false;
    if (ready) {
      nlohmann::json body = {{"status", "ready"}, {"checks", checks}};
      if (auth_state) body["auth"] = auth_state();
      return Response::json(200, body);
    }
    auto p = http::unavailable("not ready");
    p.with("checks", checks);
    if (auth_state) p.with("auth", auth_state());
    return Response::problem(p);
  });
  if (with_metrics)
    router.add(Method::Get, "/metrics", Access::anyone(), [](http::Request&) {
      return Response::text(200, metrics::exposition(), "text/plain; version=0.0.4");
    });
}

void add_standard_routes(http::Router& router, std::function<nlohmann::json()> readiness,
                         std::string openapi_document, std::function<nlohmann::json()> auth_state,
                         bool with_metrics) {
  using http::Access;
  using http::Method;
  using http::Response;
  add_probe_routes(router, std::move(readiness), std::move(auth_state), with_metrics);
  auto doc = std::make_shared<std::string>(std::move(openapi_document));
  router.add(Method::Get, "/openapi.json", Access::anyone(),
             [doc](http::Request&) { return Response::text(200, *doc, "application/json"); });
  // The pages the problems' `type` points to (RFC 9457): what each means, what to do.
  router.add(Method::Get, "/problems/:slug", Access::anyone(), [](http::Request& req) {
    const auto* type = http::find_problem_type(req.param("slug"));
    if (!type) throw http::not_found("no problem type " + req.param("slug"));
    return Response::text(200, http::problem_page(*type), "text/html; charset=utf-8");
  });
  router.on_exception([](std::exception_ptr e) -> std::optional<http::Problem> {
    if (db::is_transient(e))
      return http::unavailable("the database is unavailable; retry later")
          .header("Retry-After", "2");
    return std::nullopt;
  });
}

void refresh_gauges(Context& ctx, const std::vector<std::pair<std::string, std::string>>& gauges,
                    std::function<void(pqxx::work&, Figures&)> compute) {
  const auto period = ctx.env.integer("METRICS_REFRESH_SECONDS", 15, 1, 3600,
                                      "how often the dashboard figures are recomputed");
  auto snapshots =
      std::make_shared<std::map<std::string, std::unique_ptr<metrics::GaugeSnapshot>>>();
  for (const auto& [name, help] : gauges)
    snapshots->emplace(name, std::make_unique<metrics::GaugeSnapshot>(name, help));
  auto& db = ctx.db;
  ctx.every(std::chrono::seconds(period), "refresh " + ctx.name + " metrics",
            [&db, snapshots, compute = std::move(compute)] {
              Figures figures;
              db.transact([&](pqxx::work& tx) {
                figures.clear();  // a retried transaction starts again
                compute(tx, figures);
              });
              for (const auto& [name, values] : figures)
                if (!snapshots->count(name))
                  throw std::logic_error("refresh_gauges: no gauge named " + name);
              for (const auto& [name, snapshot] : *snapshots) {
                auto it = figures.find(name);
                snapshot->publish(it == figures.end()
                                      ? std::map<metrics::GaugeSnapshot::Labels, double>{}
                                      : it->second);
              }
            });
}

std::shared_ptr<pii::Keyring> pii_keyring(config::Env& env) {
  auto current = env.required(
      "PII_KEY_FILE",
      "32-byte key sealing personal data (names, addresses, birth dates, contacts): the current "
      "key of the ring, which seals");
  auto previous = env.str("PII_PREVIOUS_KEY_FILES", "",
                          "comma-separated 32-byte key files of older sealing keys, read until "
                          "everything is re-sealed under PII_KEY_FILE (--reseal)");
  auto pseudonym = env.str("PII_PSEUDONYM_KEY_FILE", "",
                           "32-byte key of the pseudonyms (keyed hashes finding people and codes), "
                           "which never rotates; empty: derived from PII_KEY_FILE as before key "
                           "rotation (refused with PII_PREVIOUS_KEY_FILES)");
  std::vector<std::string> older;
  for (std::size_t at = 0; at < previous.size();) {
    auto comma = previous.find(',', at);
    if (comma == std::string::npos) comma = previous.size();
    if (comma > at) older.push_back(previous.substr(at, comma - at));
    at = comma + 1;
  }
  if (pseudonym.empty() && !older.empty())
    throw config::ConfigError(
        "PII_PSEUDONYM_KEY_FILE: required with PII_PREVIOUS_KEY_FILES (the pseudonyms must not "
        "change with the sealing key: docs/security.md)");
  try {
    if (pseudonym.empty()) return std::make_shared<pii::Keyring>(pii::Keyring::from_file(current));
    return std::make_shared<pii::Keyring>(pii::Keyring::from_files(current, older, pseudonym));
  } catch (const std::exception& e) {
    throw config::ConfigError(std::string("PII_KEY_FILE, PII_PREVIOUS_KEY_FILES, "
                                          "PII_PSEUDONYM_KEY_FILE: ") +
                              e.what());
  }
}

std::shared_ptr<pii::Keyring> pii_keyring(Context& ctx) {
  auto keyring = pii_keyring(ctx.env);
  ctx.keyring = keyring;
  return keyring;
}

namespace {

// A service wired as it is at start, but offline: no database (the pool is constructed, never
// connected), no broker, no server. What openapi_gaps and call_route look at.
struct Offline {
  config::Env env;
  db::Pool pool;
  events::Outbox outbox;
  http::Router router;
  events::Dispatcher dispatcher;
  Context ctx;
  Offline(const Definition& def, std::map<std::string, std::string> env_values)
      : env(std::move(env_values)),
        pool({"host=127.0.0.1 port=1", def.name, 1}),
        outbox(topic_of(def.name), def.name, def.name),
        ctx{def.name, env, pool, outbox, router, dispatcher} {
    def.wire(ctx);
    audit::install(router, pool);
  }
};

}  // namespace

std::vector<std::string> openapi_gaps(const Definition& def,
                                      std::map<std::string, std::string> env_values) {
  Offline service(def, std::move(env_values));
  add_standard_routes(
      service.router, [] { return nlohmann::json::object(); }, "{}");
  return http::openapi::gaps(service.router,
                             http::openapi::complete(nlohmann::json::parse(def.openapi)));
}

std::vector<std::string> invalid_fields(const http::Response& answer) {
  if (answer.status != 422)
    return {"answered " + std::to_string(answer.status) + ": " + answer.body.substr(0, 300)};
  std::vector<std::string> out;
  for (const auto& e : nlohmann::json::parse(answer.body).value("errors", nlohmann::json::array()))
    out.push_back(e.value("pointer", ""));
  return out;
}

http::Response call_route(const Definition& def, http::Method method, const std::string& path,
                          const std::string& body, const auth::Principal& caller,
                          std::map<std::string, std::string> env_values) {
  Offline service(def, std::move(env_values));
  // "?a=1&b=2": the query, decoded as the server does.
  const auto q = path.find('?');
  const std::string route_path = path.substr(0, q);
  http::Request req;
  if (q != std::string::npos) {
    std::string_view rest = std::string_view(path).substr(q + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const auto pair = rest.substr(0, amp);
      const auto eq = pair.find('=');
      req.query[http::percent_decode(pair.substr(0, eq))] =
          eq == std::string_view::npos ? std::string() : http::percent_decode(pair.substr(eq + 1));
      rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
  }
  auto match = service.router.match(method, route_path);
  if (match.kind != http::Match::Kind::found)
    return http::Response::problem(http::not_found("no route " + route_path));
  req.method = method;
  req.path = route_path;
  req.params = match.params;
  req.headers = {{"content-type", "application/json"}};
  req.body = body;
  req.principal = caller;
  try {
    return match.route->handler(req);
  } catch (const http::Problem& p) {
    return http::Response::problem(p);
  } catch (const core::Refused& r) {
    return http::Response::problem(http::to_problem(r.refusal()));
  } catch (const std::exception& e) {
    return http::Response::problem(http::Problem(500, "Internal error", e.what()));
  }
}

namespace {

struct Settings {
  std::uint16_t http_port;
  std::uint16_t metrics_port;  // 0: /metrics and the probes on the API port only
  int http_threads;
  std::string pg_conninfo, pg_schema;
  int pg_pool_size;
  std::string kafka_brokers, publish_topic, dead_letter_topic, consumer_group;
  events::KafkaSecurity kafka_security;
  std::string jwt_key_file, jwt_issuer, jwt_audience;
  std::string oidc_issuer, oidc_jwks_uri, oidc_ca_file;
  int jwt_max_age_seconds;
  int jwks_refresh_seconds;
  int jwks_min_interval_ms;
  std::shared_ptr<const auth::KeySet> static_keys;  // JWT_PUBLIC_KEY_FILE's key
  log::Level log_level;
  int grace_seconds;
  int public_cache_ttl_ms;
  http::TrustedProxies trusted_proxies;
};

Settings read_settings(config::Env& env, const std::string& name) {
  Settings s;
  s.http_port = env.port("HTTP_PORT", 8080,
                         "TCP port of the REST API and probes (and /metrics without METRICS_PORT)");
  s.metrics_port = env.port("METRICS_PORT", 0,
                            "TCP port of /metrics, /healthz and /readyz on a listener of their own "
                            "(0: none; /metrics then on HTTP_PORT)");
  s.http_threads = static_cast<int>(env.integer("HTTP_THREADS", 2, 1, 64, "HTTP worker threads"));
  s.pg_conninfo = env.required("PG_CONNINFO", "libpq connection string of the service's own role");
  s.pg_schema = env.str("PG_SCHEMA", name, "PostgreSQL schema the service owns");
  s.pg_pool_size = static_cast<int>(env.integer("PG_POOL_SIZE", 4, 1, 100, "database connections"));
  s.kafka_brokers = env.str("KAFKA_BROKERS", "127.0.0.1:19092", "Kafka bootstrap servers");
  s.kafka_security.protocol =
      env.str("KAFKA_SECURITY_PROTOCOL", "plaintext", "plaintext, ssl, sasl_plaintext or sasl_ssl");
  s.kafka_security.sasl_mechanism = env.str(
      "KAFKA_SASL_MECHANISM", "", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (sasl_* protocols)");
  s.kafka_security.sasl_username =
      env.str("KAFKA_SASL_USERNAME", "", "SASL user (sasl_* protocols)");
  auto password_file =
      env.str("KAFKA_SASL_PASSWORD_FILE", "", "file holding the SASL password (sasl_* protocols)");
  s.kafka_security.ssl_ca_file =
      env.str("KAFKA_SSL_CA_FILE", "",
              "PEM CA bundle for the brokers' certificates (ssl, sasl_ssl; default: the system's)");
  s.kafka_security.ssl_certificate_file = env.str(
      "KAFKA_SSL_CERTIFICATE_FILE", "",
      "PEM certificate the service authenticates with (mutual TLS; ssl, sasl_ssl; with its key)");
  s.kafka_security.ssl_key_file =
      env.str("KAFKA_SSL_KEY_FILE", "",
              "PEM private key of KAFKA_SSL_CERTIFICATE_FILE (unencrypted; a mounted file)");
  for (const auto& [var, file] :
       {std::pair{"KAFKA_SSL_CA_FILE", s.kafka_security.ssl_ca_file},
        std::pair{"KAFKA_SSL_CERTIFICATE_FILE", s.kafka_security.ssl_certificate_file},
        std::pair{"KAFKA_SSL_KEY_FILE", s.kafka_security.ssl_key_file}}) {
    if (file.empty()) continue;
    try {
      auth::read_file(file);
    } catch (const std::exception& e) {
      throw config::ConfigError(std::string(var) + ": " + e.what());
    }
  }
  if (!password_file.empty()) {
    try {
      s.kafka_security.sasl_password = auth::read_file(password_file);
    } catch (const std::exception& e) {
      throw config::ConfigError("KAFKA_SASL_PASSWORD_FILE: " + std::string(e.what()));
    }
    while (!s.kafka_security.sasl_password.empty() &&
           (s.kafka_security.sasl_password.back() == '\n' ||
            s.kafka_security.sasl_password.back() == '\r'))
      s.kafka_security.sasl_password.pop_back();
  }
  try {
    events::kafka_properties(s.kafka_security);
  } catch (const std::invalid_argument& e) {
    throw config::ConfigError(e.what());
  }
  s.publish_topic = env.str("PUBLISH_TOPIC", topic_of(name), "topic this service publishes to");
  s.dead_letter_topic = env.str("DEAD_LETTER_TOPIC", "assembly.deadletter.v1",
                                "where events that cannot be applied go");
  s.consumer_group = env.str("CONSUMER_GROUP", name, "Kafka consumer group id");
  s.oidc_issuer = env.str("OIDC_ISSUER", "",
                          "the identity provider's issuer (iss), e.g. "
                          "https://id.city.example/realms/assembly: tokens are verified against "
                          "the key set its discovery document names");
  s.oidc_jwks_uri = env.str("OIDC_JWKS_URI", "",
                            "the issuer's key set (JWKS) URL, when discovery is to be skipped");
  s.oidc_ca_file = env.str("OIDC_CA_FILE", "",
                           "PEM CA bundle for https calls to the issuer (default: the system's)");
  s.jwks_refresh_seconds = static_cast<int>(env.integer(
      "JWKS_REFRESH_SECONDS", 300, 10, 86400, "how often the issuer's key set is fetched again"));
  s.jwks_min_interval_ms = static_cast<int>(
      env.integer("JWKS_MIN_REFRESH_INTERVAL_MS", 1000, 100, 600000,
                  "tokens naming an unknown key (kid) fetch the key set at most once per this"));
  s.jwt_key_file = env.str("JWT_PUBLIC_KEY_FILE", "",
                           "PEM public key verifying tokens, a one-key set for tests and offline "
                           "tools (refused with OIDC_ISSUER)");
  s.jwt_issuer = env.str("JWT_ISSUER", "assembly-local",
                         "accepted token issuer (iss) with JWT_PUBLIC_KEY_FILE (with OIDC_ISSUER: "
                         "OIDC_ISSUER)");
  s.jwt_audience = env.str("JWT_AUDIENCE", name, "accepted token audience (aud)");
  s.jwt_max_age_seconds = static_cast<int>(
      env.integer("JWT_MAX_TOKEN_AGE_SECONDS", 600, 10, 86400,
                  "tokens issued (iat) longer ago than this are refused, even unexpired"));
  auto level = env.str("LOG_LEVEL", "info", "debug, info, warn or error");
  try {
    s.log_level = log::parse_level(level);
  } catch (const std::invalid_argument& e) {
    throw config::ConfigError(std::string("LOG_LEVEL: ") + e.what());
  }
  s.grace_seconds = static_cast<int>(env.integer("SHUTDOWN_GRACE_SECONDS", 10, 1, 300,
                                                 "time allowed for a graceful stop after SIGTERM"));
  s.public_cache_ttl_ms =
      static_cast<int>(env.integer("PUBLIC_CACHE_TTL_MS", 1000, 0, 60000,
                                   "how long public GET answers may be reused (0: never)"));
  auto proxies = env.str("TRUSTED_PROXIES", "",
                         "address blocks of the proxies (the gateway, the ingress) whose Forwarded "
                         "/ X-Forwarded-For name the caller, e.g. 10.0.0.0/8,127.0.0.1/32 (empty: "
                         "none; the caller is the peer)");
  try {
    s.trusted_proxies = http::TrustedProxies::parse(proxies);
  } catch (const std::invalid_argument& e) {
    throw config::ConfigError(std::string("TRUSTED_PROXIES: ") + e.what());
  }
  // Checked last, so that --config-help lists every variable first.
  if (s.oidc_issuer.empty() && s.jwt_key_file.empty())
    throw config::ConfigError(
        "OIDC_ISSUER: required (or JWT_PUBLIC_KEY_FILE, for tests and offline tools)");
  if (!s.oidc_issuer.empty() && !s.jwt_key_file.empty())
    throw config::ConfigError(
        "JWT_PUBLIC_KEY_FILE: not accepted with OIDC_ISSUER (the keys come from the issuer)");
  if (!s.oidc_jwks_uri.empty() && s.oidc_issuer.empty())
    throw config::ConfigError("OIDC_JWKS_URI: needs OIDC_ISSUER (the accepted issuer)");
  return s;
}

// The verifier of the service's bearer tokens and where its keys come from: the issuer's key set
// (OIDC_ISSUER), fetched in the background from the start and refreshed, or JWT_PUBLIC_KEY_FILE's
// one key. Counts refusals by reason and key set fetches by outcome.
class TokenKeys {
 public:
  explicit TokenKeys(const Settings& s)
      : refreshes_(metrics::counter_family("jwks_refreshes_total",
                                           "Fetches of the issuer's key set (JWKS), by outcome")),
        failures_(
            metrics::counter_family("auth_failures_total", "Bearer tokens refused, by reason")),
        refresh_period_(s.jwks_refresh_seconds) {
    auth::VerifierOptions vo;
    if (!s.oidc_issuer.empty()) {
      auth::RemoteKeysOptions ro;
      ro.issuer = s.oidc_issuer;
      ro.jwks_uri = s.oidc_jwks_uri;
      ro.fetch = [ca = s.oidc_ca_file](const std::string& url) {
        return http::client::get_body(url, std::chrono::seconds(3), ca);
      };
      ro.min_refresh_interval = std::chrono::milliseconds(s.jwks_min_interval_ms);
      ro.on_refresh = [this](bool ok, const std::string& error) {
        refreshes_.Add({{"outcome", ok ? "ok" : "failed"}}).Increment();
        if (ok && !last_ok_) log::info("issuer's key set loaded", {{"issuer", issuer_}});
        if (!ok) log::warn("issuer's key set not fetched", {{"error", error}});
        last_ok_ = ok;
      };
      remote_ = std::make_shared<auth::RemoteKeys>(ro);
      vo.keys = remote_;
      vo.issuer = s.oidc_issuer;
    } else {
      vo.keys = std::make_shared<auth::StaticKeys>(s.static_keys);
      vo.issuer = s.jwt_issuer;
    }
    issuer_ = vo.issuer;
    vo.audience = s.jwt_audience;
    vo.max_token_age = std::chrono::seconds(s.jwt_max_age_seconds);
    vo.on_failure = [this](const std::string& reason) {
      failures_.Add({{"reason", reason}}).Increment();
    };
    verifier = std::make_shared<auth::Verifier>(std::move(vo));
  }
  ~TokenKeys() { stop(); }

  // The first fetch, retried (1 s, doubling to 30 s) until a key set is loaded, then a refresh
  // every JWKS_REFRESH_SECONDS. Readiness does not wait for it: until then, routes needing a
  // token answer 503 (the public ones work).
  void start() {
    if (!remote_) return;
    thread_ = std::thread([this] {
      auto backoff = std::chrono::seconds(1);
      while (!stopping_) {
        const bool ok = remote_->refresh() && remote_->status().last_error.empty();
        auto wait = ok ? refresh_period_ : backoff;
        if (!ok) backoff = std::min(backoff * 2, std::chrono::seconds(30));
        if (ok) backoff = std::chrono::seconds(1);
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, wait, [this] { return stopping_.load(); });
      }
    });
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  // What /readyz shows of the keys (informative: readiness does not depend on it).
  nlohmann::json state() const {
    if (!remote_) return {{"keys", "static"}};
    auto st = remote_->status();
    nlohmann::json out = {{"keys", st.loaded ? "loaded" : "not loaded yet"},
                          {"key_count", st.keys}};
    if (!st.last_error.empty()) out["last_fetch_error"] = st.last_error;
    return out;
  }

  std::shared_ptr<auth::Verifier> verifier;

 private:
  prometheus::Family<prometheus::Counter>& refreshes_;
  prometheus::Family<prometheus::Counter>& failures_;
  std::chrono::seconds refresh_period_;
  std::shared_ptr<auth::RemoteKeys> remote_;
  std::string issuer_;
  std::atomic<bool> last_ok_{false};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

// Whether the broker answers, as the gauge kafka_connected (1 or 0), asked every few seconds on a
// thread of its own (a metadata request waits up to two seconds when the broker is away).
class KafkaWatch {
 public:
  explicit KafkaWatch(events::Producer& producer)
      : connected_(metrics::gauge_family("kafka_connected",
                                         "1 when the Kafka broker answered the last check, else 0")
                       .Add({})) {
    thread_ = std::thread([this, &producer] {
      while (!stopping_) {
        connected_.Set(producer.reachable(std::chrono::seconds(2)) ? 1 : 0);
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stopping_.load(); });
      }
    });
  }
  ~KafkaWatch() { stop(); }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  prometheus::Gauge& connected_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

// `--reseal`: the service wired offline (no server, no broker) but on its database, then its
// sealed columns walked. RESEAL_BATCH rows per transaction, RESEAL_PAUSE_MS between batches.
int reseal_all(const Definition& def, config::Env& env, const Settings& s) {
  try {
    const int batch = static_cast<int>(
        env.integer("RESEAL_BATCH", 500, 1, 100000, "--reseal: rows per transaction"));
    const int pause = static_cast<int>(
        env.integer("RESEAL_PAUSE_MS", 0, 0, 60000, "--reseal: pause between batches"));
    db::Pool pool({s.pg_conninfo, s.pg_schema, 2});
    events::Outbox outbox(s.publish_topic, def.name, s.pg_schema);
    http::Router router;
    events::Dispatcher dispatcher;
    Context ctx{def.name, env, pool, outbox, router, dispatcher};
    def.wire(ctx);
    if (ctx.sealed.empty() || !ctx.keyring) {
      log::info("nothing sealed: nothing to re-seal");
      return kExitOk;
    }
    ResealOptions options;
    options.batch = batch;
    options.pause = std::chrono::milliseconds(pause);
    const auto report = reseal(pool, *ctx.keyring, ctx.sealed, options);
    for (const auto& c : report.columns)
      std::cout << c.name << ": " << c.resealed << " re-sealed in " << c.seconds << " s ("
                << (c.seconds > 0 ? static_cast<long>(c.resealed / c.seconds) : 0) << " rows/s), "
                << c.remaining << " remaining under another key, " << c.passes
                << (c.passes == 1 ? " pass" : " passes") << "\n";
    std::cout << (report.complete() ? "every sealed value is under the key "
                                    : "NOT every sealed value is under the key ")
              << ctx.keyring->current_key_id() << "\n";
    return report.complete() ? kExitOk : kExitFailure;
  } catch (const config::ConfigError& e) {
    std::cerr << def.name << ": invalid configuration: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    log::error("re-sealing failed", {{"error", e.what()}});
    std::cerr << def.name << ": re-sealing failed: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace

int run(int argc, char** argv, Definition def) {
  // Signals are blocked before any thread starts, so only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const auto args = parse_args(std::vector<std::string>(argv + 1, argv + argc));
  using Action = Args::Action;
  switch (args.action) {
    case Action::usage_error:
      std::cerr << def.name << ": " << args.error << "\n" << usage(def.name);
      return kExitUsage;
    case Action::help:
      std::cout << usage(def.name);
      return kExitOk;
    case Action::version:
      std::cout << def.name << " " << ASSEMBLY_VERSION << "\n";
      return kExitOk;
    case Action::openapi:
      std::cout << http::openapi::complete(nlohmann::json::parse(def.openapi)).dump(1) << "\n";
      return kExitOk;
    default:
      break;
  }

  config::Env env;
  Settings s;
  const bool config_help = args.action == Action::config_help;
  try {
    s = read_settings(env, def.name);
    if (config_help) {
      std::cout << def.name << ": configuration (environment variables)\n" << env.help();
      return kExitOk;
    }
    if (!s.jwt_key_file.empty()) {
      try {
        s.static_keys = auth::KeySet::from_pem(auth::read_file(s.jwt_key_file));
      } catch (const std::exception& e) {
        throw config::ConfigError("JWT_PUBLIC_KEY_FILE: " + std::string(e.what()));
      }
    }
  } catch (const config::ConfigError& e) {
    if (config_help) {
      std::cout << def.name << ": configuration (environment variables)\n" << env.help();
      return kExitOk;
    }
    std::cerr << def.name << ": invalid configuration: " << e.what() << "\n";
    return kExitUsage;
  }

  log::init(def.name, s.log_level);
  metrics::set_prefix(def.name);
  log::info("starting",
            {{"http_port", s.http_port}, {"schema", s.pg_schema}, {"topic", s.publish_topic}});

  // `<svc> --migrate`: apply the schema's migrations and exit (a deployment's pre-install /
  // pre-upgrade Job); 0 when the schema is up to date, 1 when the database refused.
  if (args.action == Action::migrate) {
    try {
      auto all = events::migrations();
      all.insert(all.end(), def.migrations.begin(), def.migrations.end());
      pqxx::connection conn(s.pg_conninfo);
      const int applied = db::migrate(conn, s.pg_schema, all);
      log::info("migrations applied",
                {{"schema", s.pg_schema}, {"applied", applied}, {"known", all.size()}});
      return kExitOk;
    } catch (const std::exception& e) {
      log::error("migrations failed", {{"schema", s.pg_schema}, {"error", e.what()}});
      return kExitFailure;
    }
  }

  // `<svc> --reseal`: every sealed column re-sealed under the current key while the service
  // serves (docs/security.md); 0 when nothing remains under another key, 1 otherwise.
  if (args.action == Action::reseal) return reseal_all(def, env, s);

  db::Pool pool({s.pg_conninfo, s.pg_schema, s.pg_pool_size});
  events::ProducerOptions producer_options;
  producer_options.brokers = s.kafka_brokers;
  producer_options.client_id = def.name;
  producer_options.security = s.kafka_security;
  events::Producer producer(producer_options);
  events::Outbox outbox(s.publish_topic, def.name, s.pg_schema);
  auto router = std::make_shared<http::Router>();
  events::Dispatcher dispatcher;
  TokenKeys token_keys(s);

  Context ctx{def.name,
              env,
              pool,
              outbox,
              *router,
              dispatcher,
              std::chrono::milliseconds(s.public_cache_ttl_ms)};
  try {
    def.wire(ctx);
  } catch (const config::ConfigError& e) {
    std::cerr << def.name << ": invalid configuration: " << e.what() << "\n";
    return 2;
  }
  audit::install(*router, pool);  // the audit trail and GET /v1/audit (docs/audit.md)

  // Ready when the pod can serve requests: its database answers and its schema is migrated. Kafka
  // is not asked: the outbox keeps accepting writes while the broker is away, and its state is a
  // metric (kafka_connected) and an alert instead.
  std::atomic<bool> migrated{false};
  auto readiness = [&]() {
    nlohmann::json checks;
    checks["database"] = pool.ping() ? "ok" : "unreachable";
    checks["migrations"] = migrated.load() ? "ok" : "pending";
    return checks;
  };
  auto auth_state = [&] { return token_keys.state(); };
  auto document = http::openapi::complete(nlohmann::json::parse(def.openapi));
  add_standard_routes(*router, readiness, document.dump(2), auth_state, s.metrics_port == 0);

  http::ServerOptions server_options;
  server_options.port = s.http_port;
  server_options.threads = s.http_threads;
  server_options.trusted_proxies = s.trusted_proxies;
  http::Server server(def.name, server_options, router, token_keys.verifier);
  // The probes and /metrics on a listener of their own: slow API requests holding every API
  // thread do not starve them, and /metrics is reachable apart from the API.
  std::unique_ptr<http::Server> probes;
  if (s.metrics_port != 0) {
    auto probe_router = std::make_shared<http::Router>();
    add_probe_routes(*probe_router, readiness, auth_state, true);
    http::ServerOptions probe_options;
    probe_options.port = s.metrics_port;
    probe_options.threads = 1;
    probes = std::make_unique<http::Server>(def.name, probe_options, probe_router, nullptr);
  }
  try {
    server.start();
    if (probes) probes->start();
  } catch (const std::exception& e) {
    log::error("cannot listen",
               {{"port", s.http_port}, {"metrics_port", s.metrics_port}, {"error", e.what()}});
    return 1;
  }
  log::info("listening", {{"port", server.port()}, {"metrics_port", s.metrics_port}});
  KafkaWatch kafka_watch(producer);

  // Migrations, then the relay and the consumer, retried until the database is there.
  std::atomic<bool> stopping{false};
  events::OutboxRelay relay(pool, producer, {s.pg_schema});
  std::unique_ptr<events::Consumer> consumer;
  std::thread ticker;
  std::mutex startup_mutex;
  std::thread startup([&] {
    auto all = events::migrations();
    all.insert(all.end(), def.migrations.begin(), def.migrations.end());
    while (!stopping) {
      try {
        auto conn = pool.connect();
        db::migrate(*conn, s.pg_schema, all);
        break;
      } catch (const std::exception& e) {
        log::warn("migrations not applied yet; retrying", {{"error", e.what()}});
        for (int i = 0; i < 20 && !stopping; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    if (stopping) return;
    migrated = true;
    std::lock_guard lock(startup_mutex);
    if (stopping) return;
    relay.start();
    if (!def.consumes.empty()) {
      events::ConsumerOptions options;
      options.brokers = s.kafka_brokers;
      options.security = s.kafka_security;
      options.group_id = s.consumer_group;
      options.topics = def.consumes;
      options.dead_letter_topic = s.dead_letter_topic;
      consumer = std::make_unique<events::Consumer>(options, pool, producer, dispatcher);
      consumer->start();
    }
    if (!ctx.periodic.empty()) {
      ticker = std::thread([&] {
        std::vector<std::chrono::steady_clock::time_point> due(ctx.periodic.size(),
                                                               std::chrono::steady_clock::now());
        while (!stopping) {
          auto now = std::chrono::steady_clock::now();
          for (std::size_t i = 0; i < ctx.periodic.size() && !stopping; ++i) {
            if (now < due[i]) continue;
            try {
              log::TraceContextScope trace(log::new_trace());  // the events it writes
              ctx.periodic[i].task();
            } catch (const std::exception& e) {
              log::warn("background task failed; will run again",
                        {{"task", ctx.periodic[i].name}, {"error", e.what()}});
            }
            due[i] = std::chrono::steady_clock::now() + ctx.periodic[i].period;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      });
    }
    log::info("ready");
  });

  token_keys.start();

  int sig = 0;
  sigwait(&signals, &sig);
  log::info("stopping", {{"signal", sig}});
  token_keys.stop();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(s.grace_seconds);
  stopping = true;
  *ctx.stopping = true;
  // Stop order: no new requests (drain those in flight), consumers, relay, producer, pool.
  server.stop(std::chrono::milliseconds(s.grace_seconds * 400));
  kafka_watch.stop();
  startup.join();
  if (ticker.joinable()) ticker.join();
  {
    std::lock_guard lock(startup_mutex);
    if (consumer) consumer->stop();
    relay.stop();
  }
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  producer.close(std::max(std::chrono::milliseconds(100), left));
  if (probes) probes->stop(std::chrono::milliseconds(200));  // the probes answer until the end
  pool.close();
  log::info("stopped");
  return 0;
}

}  // namespace assembly::service
