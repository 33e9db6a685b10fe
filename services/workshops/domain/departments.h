#pragma once
// The city departments a workshop concerns: those that may propose its mandate. Pure domain: no
// HTTP, SQL or Kafka here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace workshops::domain {

// A department's code as the city's identity provider gives it in the `department` claim ("DAC",
// "DVD", "SG", "DASCO"): 2 to 16 capital letters, digits or '-', starting with a letter.
bool is_department_code(std::string_view code);

// A mistake in a list of departments: its JSON pointer under the list ("" for the list itself,
// "/1" for its second element) and why.
struct DepartmentsFault {
  std::string pointer;
  std::string detail;
};
// The faults of a list of department codes: not empty, at most kMaxDepartments codes, each a
// code, none twice (the second one named).
inline constexpr std::size_t kMaxDepartments = 20;
std::vector<DepartmentsFault> departments_faults(const std::vector<std::string>& codes);

// Who proposes a mandate, and for which department ("" for none).
enum class Proposer { secretariat, city_service };
// Why `department` may not propose a mandate on a workshop naming `concerned`, or nullopt when it
// may: city-service staff only for a department the workshop names (their token's); the
// secretariat for one of them or for none ("").
std::optional<std::string> mandate_refusal(const std::vector<std::string>& concerned,
                                           Proposer proposer, const std::string& department);

}  // namespace workshops::domain
