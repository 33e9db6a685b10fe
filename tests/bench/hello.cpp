// The anchor for HTTP benchmarks: bare Pistache 0.0.5 answering "hello", with the HTTP/1.1
// keep-alive fix of docs/stack.md and nothing else (no routing, auth, metrics or logging).
//   bench-hello PORT [THREADS]
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>

using namespace Pistache;

class Hello : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Hello)
  void onRequest(const Http::Request& req, Http::ResponseWriter writer) override {
    if (req.version() == Http::Version::Http11 && !req.headers().has<Http::Header::Connection>()) {
      writer.headers().remove<Http::Header::Connection>();
      writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::KeepAlive);
    }
    writer.send(Http::Code::Ok, "hello");
  }
};

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench-hello PORT [THREADS]\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Http::Endpoint endpoint(Address("127.0.0.1", Port(static_cast<uint16_t>(std::atoi(argv[1])))));
  endpoint.init(Http::Endpoint::options()
                    .threads(argc > 2 ? std::atoi(argv[2]) : 2)
                    .flags(Tcp::Options::ReuseAddr));
  endpoint.setHandler(Http::make_handler<Hello>());
  endpoint.serveThreaded();
  int sig = 0;
  sigwait(&signals, &sig);
  endpoint.shutdown();
  return 0;
}
