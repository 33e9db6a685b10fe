#pragma once
// What the use cases that find an object's assembly themselves (a creation, a motion placed on a
// Council agenda) are given to check the caller's limits: it throws when the caller may not
// change what belongs to that assembly, before anything is written.
#include <functional>
#include <string>

namespace followup::app {

using AssemblyCheck = std::function<void(const std::string& assembly_id)>;

}  // namespace followup::app
