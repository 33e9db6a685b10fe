#pragma once
// The sending of messages: every SEND_INTERVAL_MS, the messages due are claimed, each recipient's
// delivery details read from membership, the message rendered in their language and handed to the
// mail server, and its outcome recorded (workers/sender.cpp says what each outcome means).
#include "assembly/service/service.h"

namespace notifications::workers {

void add_sender(assembly::service::Context& ctx);

}  // namespace notifications::workers
