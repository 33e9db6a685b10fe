#pragma once
// One Prometheus registry per process, served by the service's own HTTP endpoint (/metrics).
// Metric names are <service>_<what>_<unit>; families are created once and children kept.
#include <prometheus/registry.h>

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

}  // namespace assembly::metrics
