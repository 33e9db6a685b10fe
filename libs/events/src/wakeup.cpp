#include "wakeup.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <map>
#include <mutex>
#include <system_error>

namespace assembly::events::detail {
namespace {
std::mutex registry_mutex;
std::map<std::string, std::shared_ptr<Wakeup>>& registry() {
  static std::map<std::string, std::shared_ptr<Wakeup>> relays;
  return relays;
}
}  // namespace

Wakeup::Wakeup() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

Wakeup::~Wakeup() {
  ::close(fd_);
}

void Wakeup::notify() {
  const std::uint64_t one = 1;
  // Only EAGAIN can fail here (the counter at its maximum): it is readable then anyway.
  [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
}

void Wakeup::clear() {
  std::uint64_t count;
  [[maybe_unused]] auto n = ::read(fd_, &count, sizeof count);
}

std::shared_ptr<Wakeup> active_relay(const std::string& schema) {
  std::lock_guard lock(registry_mutex);
  auto it = registry().find(schema);
  return it == registry().end() ? nullptr : it->second;
}

void set_active_relay(const std::string& schema, const std::shared_ptr<Wakeup>& wakeup) {
  std::lock_guard lock(registry_mutex);
  registry()[schema] = wakeup;
}

void clear_active_relay(const std::string& schema, const Wakeup* expected) {
  std::lock_guard lock(registry_mutex);
  auto it = registry().find(schema);
  if (it != registry().end() && it->second.get() == expected) registry().erase(it);
}

}  // namespace assembly::events::detail
