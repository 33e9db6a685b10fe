#pragma once
// librdkafka's own logs and errors, as our JSON log lines instead of its stderr format.
#include <librdkafka/rdkafkacpp.h>

#include "assembly/logging/log.h"

namespace assembly::events::detail {

class KafkaLog : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_ERROR:
        log::warn("kafka client error",
                  {{"error", RdKafka::err2str(event.err())}, {"detail", event.str()}});
        break;
      case RdKafka::Event::EVENT_LOG: {
        auto sev = event.severity();
        nlohmann::json fields = {{"facility", event.fac()}, {"detail", event.str()}};
        if (sev <= RdKafka::Event::EVENT_SEVERITY_ERROR)
          log::error("kafka client log", fields);
        else if (sev <= RdKafka::Event::EVENT_SEVERITY_WARNING)
          log::warn("kafka client log", fields);
        else
          log::debug("kafka client log", fields);
        break;
      }
      default:
        break;
    }
  }
};

// One per process: librdkafka keeps the pointer for the client's lifetime.
inline KafkaLog* kafka_log() {
  static KafkaLog instance;
  return &instance;
}

}  // namespace assembly::events::detail
