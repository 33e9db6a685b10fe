#pragma once
// The printable bailiff's record of a selection's draw, in French: the same facts as its public
// JSON record. Pure: no HTTP, SQL or Kafka.
#include <string>

#include "store/selections.h"

namespace sortition::page {

// A whole HTML document for a selection that is done.
std::string record_html(const store::Selection& selection);

}  // namespace sortition::page
