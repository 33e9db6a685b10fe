#pragma once
// One Prometheus registry per process, served by the service's own HTTP endpoint (/metrics).
// Metric names are <service>_<what>_<unit>; families are created once and children kept.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <string>

namespace assembly::metrics {

prometheus::Registry& registry();
// The Prometheus text exposition (text/plain; version=0.0.4) of the registry.
std::string exposition();
// The metric name prefix: the service name with '-' turned into '_'.
void set_prefix(std::string prefix);
const std::string& prefix();
std::string name(const std::string& what);  // prefix() + "_" + what

// The families of the process, registered once under name(what) and declared: the exposition
// shows a declared family's HELP and TYPE even before its first series (a labelled family has
// none until its first event), so what a dashboard or an alert reads is there from the start.
prometheus::Family<prometheus::Counter>& counter_family(const std::string& what,
                                                        const std::string& help);
prometheus::Family<prometheus::Gauge>& gauge_family(const std::string& what,
                                                    const std::string& help);
prometheus::Family<prometheus::Histogram>& histogram_family(const std::string& what,
                                                            const std::string& help);

// A gauge family recomputed as a whole (say, from the database every few seconds, so every replica
// reports the same figures): publish() sets the given label sets, and a set missing from the
// latest values drops to 0 (rather than vanishing from a dashboard).
class GaugeSnapshot {
 public:
  using Labels = std::map<std::string, std::string>;
  GaugeSnapshot(const std::string& what, const std::string& help);  // named name(what)
  void publish(const std::map<Labels, double>& values);

 private:
  prometheus::Family<prometheus::Gauge>& family_;
  std::map<Labels, prometheus::Gauge*> gauges_;
};

}  // namespace assembly::metrics
