#include "assembly/http/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "assembly/http/file_body.h"
#include "assembly/logging/log.h"
#include "assembly/logging/trace.h"
#include "assembly/metrics/metrics.h"

namespace assembly::http {
namespace P = Pistache;

namespace {

Method from_pistache(P::Http::Method m, bool& known) {
  known = true;
  switch (m) {
    case P::Http::Method::Get:
      return Method::Get;
    case P::Http::Method::Post:
      return Method::Post;
    case P::Http::Method::Put:
      return Method::Put;
    case P::Http::Method::Patch:
      return Method::Patch;
    case P::Http::Method::Delete:
      return Method::Delete;
    case P::Http::Method::Head:
      return Method::Head;
    case P::Http::Method::Options:
      return Method::Options;
    default:
      known = false;
      return Method::Get;
  }
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A response header Pistache does not know by type: 0.0.5 writes only typed headers, so raw
// ones added with addRaw() would be dropped.
class NamedHeader : public P::Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& os) const override { os << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override {
    return std::hash<std::string>{}(name_);
  }
#endif

 private:
  std::string name_, value_;
};

// Request metrics: children created once per (route, method, status) and kept.
class RequestMetrics {
 public:
  RequestMetrics()
      : requests_(metrics::counter_family("http_requests_total",
                                          "HTTP requests answered, by route, method and status")),
        latency_(metrics::histogram_family("http_request_duration_seconds",
                                           "HTTP request latency, by route and method")) {}

  void observe(const std::string& route, std::string_view method, int status, double seconds) {
    std::string key = route + '\x1f' + std::string(method) + '\x1f' + std::to_string(status);
    // A per-thread copy of the children map: the shared one (and its lock) only on first use.
    thread_local std::unordered_map<std::string,
                                    std::pair<prometheus::Counter*, prometheus::Histogram*>>
        local;
    if (auto it = local.find(key); it != local.end()) {
      it->second.first->Increment();
      it->second.second->Observe(seconds);
      return;
    }
    prometheus::Counter* counter = nullptr;
    prometheus::Histogram* histogram = nullptr;
    {
      std::lock_guard lock(mutex_);
      auto& c = counters_[key];
      if (!c)
        c = &requests_.Add({{"route", route},
                            {"method", std::string(method)},
                            {"status", std::to_string(status)}});
      counter = c;
      auto hkey = route + '\x1f' + std::string(method);
      auto& h = histograms_[hkey];
      if (!h)
        h = &latency_.Add(
            {{"route", route}, {"method", std::string(method)}},
            prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1, 0.25, 0.5, 1, 2.5, 5, 10});
      histogram = h;
    }
    local[key] = {counter, histogram};
    counter->Increment();
    histogram->Observe(seconds);
  }

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  std::mutex mutex_;
  std::unordered_map<std::string, prometheus::Counter*> counters_;
  std::unordered_map<std::string, prometheus::Histogram*> histograms_;
};

// A body sent from its file (file_body.h): the status line and headers, then one chunk at a time,
// the next read from the file only when the socket has taken the one before (the write's promise
// resolved), so a client that reads slowly holds one chunk of memory, never the body.
// Pistache's own ways are not used: ResponseStream queues whatever is written without bound, and
// serveFile reopens the file by name and closes it only when every byte went out (a client gone
// in mid-answer leaves its descriptor open for good), and leaves the connection marked busy, so
// that its header timeout later writes a 408 after the body (docs/stack.md).
struct FileSend {
  std::shared_ptr<const FileBody> body;
  std::weak_ptr<P::Tcp::Peer> peer;
  std::size_t offset = 0;
};

// Sends the next chunk. What a send holds (the body, and the slot the body keeps) goes when the
// last chunk has been taken, or when the connection closes: Pistache then drops the pending
// write, and the continuation that held them with it.
void send_next(const std::shared_ptr<FileSend>& s) {
  auto peer = s->peer.lock();
  if (!peer || s->offset >= s->body->size()) return;
  auto chunk = s->body->read(s->offset, FileBody::kChunkBytes);
  if (chunk.empty()) return;  // the file is shorter than it said: the client sees a short body
  s->offset += chunk.size();
  const auto n = chunk.size();
  peer->send(P::RawBuffer(std::move(chunk), n))
      .then([s](ssize_t) { send_next(s); }, [](std::exception_ptr) {});
}

std::string status_line(bool http11, int status) {
  return std::string(http11 ? "HTTP/1.1 " : "HTTP/1.0 ") + std::to_string(status) + " " +
         P::Http::codeString(static_cast<P::Http::Code>(status)) + "\r\n";
}

void send_file(P::Http::ResponseWriter& writer, bool http11, int status,
               std::shared_ptr<const FileBody> body, bool head_only) {
  std::ostringstream head;
  head << status_line(http11, status);
  for (const auto& h : writer.headers().list()) {
    head << h->name() << ": ";
    h->write(head);
    head << "\r\n";
  }
  head << "Content-Length: " << body->size() << "\r\n\r\n";
  auto peer = writer.peer();
  // The request is answered: the connection is idle again for Pistache's timeouts (its keep-alive
  // timeout then bounds how long a client may take to read the body).
  peer->setIdle(true);
  auto s = std::make_shared<FileSend>(FileSend{std::move(body), peer, 0});
  if (head_only) s->offset = s->body->size();
  auto bytes = head.str();
  const auto n = bytes.size();
  peer->send(P::RawBuffer(std::move(bytes), n), head_only ? 0 : MSG_MORE)
      .then([s](ssize_t) { send_next(s); }, [](std::exception_ptr) {});
}

struct Shared {
  std::shared_ptr<const Router> router;
  std::shared_ptr<const auth::Verifier> verifier;
  TrustedProxies trusted_proxies;
  RequestMetrics metrics;
  std::atomic<int> in_flight{0};
};

class PistacheHandler : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)
  explicit PistacheHandler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  void onRequest(const P::Http::Request& preq, P::Http::ResponseWriter writer) override {
    auto start = std::chrono::steady_clock::now();
    shared_->in_flight.fetch_add(1);
    Request req;
    req.path = preq.resource();
    req.body = preq.body();
    // Handlers run within this call: the references stay valid while they may ask.
    req.peer = [&preq, &req, proxies = &shared_->trusted_proxies] {
      auto peer = preq.address().host();
      if (proxies->empty()) return peer;
      return proxies->client(peer, req.header("forwarded"), req.header("x-forwarded-for"));
    };
    req.http11 = preq.version() == P::Http::Version::Http11;
    // Only the typed headers the shared layer and handlers use are serialized (the others would
    // cost a stream per header per request); unknown headers arrive raw.
    const auto& headers = preq.headers();
    if (auto auth = headers.tryGet<P::Http::Header::Authorization>())
      req.headers["authorization"] = auth->value();
    if (auto ct = headers.tryGet<P::Http::Header::ContentType>())
      req.headers["content-type"] = ct->mime().toString();
    if (headers.has<P::Http::Header::Connection>()) req.headers["connection"] = "present";
    for (const auto& [name, raw] : headers.rawList()) req.headers[lower(name)] = raw.value();
    // Pistache hands the query's names and values as they were sent: decoded once, here.
    for (auto it = preq.query().parameters_begin(); it != preq.query().parameters_end(); ++it)
      req.query[percent_decode(it->first)] = percent_decode(it->second);
    // W3C trace context: the caller's traceparent when valid, else a new trace. Nothing else a
    // client sends (X-Trace-Id included) becomes a trace id.
    auto trace_context = log::continue_trace(req.header("traceparent").value_or(std::string()));
    req.trace_id = trace_context.trace_id;
    const auto traceparent = trace_context.traceparent();
    log::TraceContextScope trace(std::move(trace_context));

    bool known = false;
    req.method = from_pistache(preq.method(), known);
    std::string route = "unmatched";
    Response res =
        known ? dispatch(*shared_->router, shared_->verifier.get(), req, &route)
              : Response::problem(Problem(405, "Method not allowed", "unsupported HTTP method"));

    // Pistache 0.0.5 answers "Connection: Close" to an HTTP/1.1 request that has no Connection
    // header and closes the socket; HTTP/1.1 says the connection stays open (docs/stack.md:
    // Pistache 0.0.5, keep-alive).
    if (req.http11 && !req.header("connection")) {
      writer.headers().remove<P::Http::Header::Connection>();
      writer.headers().add<P::Http::Header::Connection>(P::Http::ConnectionControl::KeepAlive);
    }
    for (const auto& [name, value] : res.headers)
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    writer.headers().add(std::make_shared<NamedHeader>("traceparent", traceparent));
    writer.headers().add(std::make_shared<NamedHeader>("X-Trace-Id", req.trace_id));
    // Written as it is: the typed header would parse it, then format it through an ostringstream.
    if (!res.content_type.empty())
      writer.headers().add(std::make_shared<NamedHeader>("Content-Type", res.content_type));
    if (res.file) {
      send_file(writer, req.http11, res.status, std::move(res.file), req.method == Method::Head);
    } else {
      if (req.method == Method::Head) res.body.clear();
      writer.send(static_cast<P::Http::Code>(res.status), res.body);
    }

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    shared_->metrics.observe(route, to_string(req.method), res.status, seconds);
    if (res.status >= 500)
      log::warn("request failed",
                {{"method", to_string(req.method)}, {"route", route}, {"status", res.status}});
    shared_->in_flight.fetch_sub(1);
  }

  void onTimeout(const P::Http::Request&, P::Http::ResponseWriter writer) override {
    writer.headers().add<P::Http::Header::ContentType>(
        P::Http::Mime::MediaType("application/problem+json"));
    writer.send(
        P::Http::Code::Request_Timeout,
        Problem(408, "Request timeout", "the request was not received in time").body().dump());
  }

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace

struct Server::Impl {
  std::string service;
  ServerOptions options;
  std::shared_ptr<Shared> shared;
  std::unique_ptr<P::Http::Endpoint> endpoint;
  bool running = false;
};

Server::Server(std::string service, ServerOptions options, std::shared_ptr<const Router> router,
               std::shared_ptr<const auth::Verifier> verifier)
    : impl_(std::make_unique<Impl>()) {
  impl_->service = std::move(service);
  impl_->options = std::move(options);
  impl_->shared = std::make_shared<Shared>();
  impl_->shared->router = std::move(router);
  impl_->shared->verifier = std::move(verifier);
  impl_->shared->trusted_proxies = impl_->options.trusted_proxies;
}

Server::~Server() {
  if (impl_ && impl_->running) stop(std::chrono::milliseconds(500));
}

void Server::start() {
  P::Address addr(impl_->options.host, P::Port(impl_->options.port));
  impl_->endpoint = std::make_unique<P::Http::Endpoint>(addr);
  auto opts = P::Http::Endpoint::options()
                  .threads(impl_->options.threads)
                  .flags(P::Tcp::Options::ReuseAddr)
                  .maxRequestSize(impl_->options.max_request_bytes)
                  .headerTimeout(impl_->options.header_timeout)
                  .bodyTimeout(impl_->options.body_timeout);
  impl_->endpoint->init(opts);
  impl_->endpoint->setHandler(P::Http::make_handler<PistacheHandler>(impl_->shared));
  impl_->endpoint->serveThreaded();
  impl_->running = true;
}

std::uint16_t Server::port() const {
  return impl_->endpoint ? static_cast<std::uint16_t>(impl_->endpoint->getPort()) : 0;
}

void Server::stop(std::chrono::milliseconds drain) {
  if (!impl_->running) return;
  impl_->endpoint->shutdown();
  // shutdown() may return before handlers finish (Pistache issue 1018): wait for them.
  auto deadline = std::chrono::steady_clock::now() + drain;
  while (impl_->shared->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  impl_->running = false;
}

}  // namespace assembly::http
