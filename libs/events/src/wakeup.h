#pragma once
// In-process wake-ups of a schema's active outbox relay. PostgreSQL delivers a NOTIFY to every
// backend listening in the database, whatever the channel, and the five services share one
// database: a NOTIFY per outbox commit woke every service's relay backend, a thousand times a
// second under load. So a writer in the process whose relay holds the schema's lock wakes that
// relay itself, once its transaction has committed, and sends no NOTIFY; only the writers of
// other replicas (whose relay is not the active one) still NOTIFY.
#include <memory>
#include <string>

namespace assembly::events::detail {

// An eventfd: notify() from any thread makes fd() readable until clear().
class Wakeup {
 public:
  Wakeup();
  ~Wakeup();
  Wakeup(const Wakeup&) = delete;
  Wakeup& operator=(const Wakeup&) = delete;
  void notify();
  void clear();
  int fd() const { return fd_; }

 private:
  int fd_;
};

// The wake-up of the relay of this process that holds `schema`'s lock, or null.
std::shared_ptr<Wakeup> active_relay(const std::string& schema);
// Registers that relay; clear_active_relay removes it if it is still `expected`.
void set_active_relay(const std::string& schema, const std::shared_ptr<Wakeup>& wakeup);
void clear_active_relay(const std::string& schema, const Wakeup* expected);

}  // namespace assembly::events::detail
