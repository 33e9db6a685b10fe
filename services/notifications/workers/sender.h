#pragma once
// The sending of messages: every SEND_INTERVAL_MS, the messages due are claimed, each recipient's
// delivery details read from membership, the message rendered in their language and handed to the
// mail server, and its outcome recorded (workers/sender.cpp says what each outcome means).
#include <memory>

#include "assembly/http/client_credentials.h"
#include "assembly/service/service.h"

namespace notifications::workers {

// `credentials`: the service's own token (delivery::service_credentials); null: sending is off.
void add_sender(assembly::service::Context& ctx,
                std::shared_ptr<assembly::http::client::ClientCredentials> credentials);

}  // namespace notifications::workers
