#pragma once
// Who reads as the secretariat does: the secretariat, or an auditor. The HTTP layer lets an
// auditor reach reading routes only (http::Access::admits), so a handler's "the secretariat or the
// object's own member" check admits an auditor with this and never lets it change anything.
#include "assembly/auth/auth.h"

namespace assembly::auth {

inline bool reads_as_secretariat(const Principal& p) {
  return p.has(kSecretariat) || p.has(kAuditor);
}

}  // namespace assembly::auth
