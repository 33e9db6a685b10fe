#include "assembly/metrics/metrics.h"

#include <prometheus/text_serializer.h>

namespace assembly::metrics {
namespace {
std::string& prefix_storage() {
  static std::string p = "assembly";
  return p;
}
}  // namespace

prometheus::Registry& registry() {
  static auto r = std::make_shared<prometheus::Registry>();
  return *r;
}

std::string exposition() {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry().Collect());
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
    : family_(prometheus::BuildGauge().Name(name(what)).Help(help).Register(registry())) {}

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
