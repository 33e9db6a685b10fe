#include "assembly/metrics/metrics.h"

#include <prometheus/text_serializer.h>

#include <mutex>
#include <vector>

namespace assembly::metrics {
namespace {
std::string& prefix_storage() {
  static std::string p = "assembly";
  return p;
}

struct Declared {
  std::string name, type, help;
};
std::mutex& declared_mutex() {
  static std::mutex m;
  return m;
}
std::vector<Declared>& declared() {
  static std::vector<Declared> d;
  return d;
}
void declare(std::string n, std::string type, std::string help) {
  std::lock_guard lock(declared_mutex());
  declared().push_back({std::move(n), std::move(type), std::move(help)});
}
// HELP text as the exposition format wants it: backslash and newline escaped.
std::string escape_help(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}
}  // namespace

prometheus::Registry& registry() {
  static auto r = std::make_shared<prometheus::Registry>();
  return *r;
}

std::string exposition() {
  prometheus::TextSerializer serializer;
  std::string text = serializer.Serialize(registry().Collect());
  std::lock_guard lock(declared_mutex());
  for (const auto& d : declared())
    if (text.find("# TYPE " + d.name + " ") == std::string::npos)
      text += "# HELP " + d.name + " " + escape_help(d.help) + "\n# TYPE " + d.name + " " + d.type +
              "\n";
  return text;
}

prometheus::Family<prometheus::Counter>& counter_family(const std::string& what,
                                                        const std::string& help) {
  auto& f = prometheus::BuildCounter().Name(name(what)).Help(help).Register(registry());
  declare(name(what), "counter", help);
  return f;
}

prometheus::Family<prometheus::Gauge>& gauge_family(const std::string& what,
                                                    const std::string& help) {
  auto& f = prometheus::BuildGauge().Name(name(what)).Help(help).Register(registry());
  declare(name(what), "gauge", help);
  return f;
}

prometheus::Family<prometheus::Histogram>& histogram_family(const std::string& what,
                                                            const std::string& help) {
  auto& f = prometheus::BuildHistogram().Name(name(what)).Help(help).Register(registry());
  declare(name(what), "histogram", help);
  return f;
}

void set_prefix(std::string p) {
  for (auto& c : p)
    if (c == '-') c = '_';
  prefix_storage() = std::move(p);
}
const std::string& prefix() {
  return prefix_storage();
}
std::string name(const std::string& what) {
  return prefix() + "_" + what;
}

GaugeSnapshot::GaugeSnapshot(const std::string& what, const std::string& help)
    : family_(gauge_family(what, help)) {}

void GaugeSnapshot::publish(const std::map<Labels, double>& values) {
  for (auto& [labels, gauge] : gauges_)
    if (!values.count(labels)) gauge->Set(0);
  for (const auto& [labels, v] : values) {
    auto& g = gauges_[labels];
    if (!g) g = &family_.Add(labels);
    g->Set(v);
  }
}

}  // namespace assembly::metrics
