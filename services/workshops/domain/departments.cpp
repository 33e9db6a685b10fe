#include "domain/departments.h"

#include <algorithm>

namespace workshops::domain {

bool is_department_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 16 || code[0] < 'A' || code[0] > 'Z') return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::vector<DepartmentsFault> departments_faults(const std::vector<std::string>& codes) {
  std::vector<DepartmentsFault> out;
  if (codes.empty() || codes.size() > kMaxDepartments)
    out.push_back({"", "1 to " + std::to_string(kMaxDepartments) +
                           " departments: a workshop concerns at least one"});
  for (std::size_t i = 0; i < codes.size() && i < kMaxDepartments; ++i) {
    const auto pointer = "/" + std::to_string(i);
    if (!is_department_code(codes[i]))
      out.push_back({pointer,
                     "a department code: 2 to 16 capital letters, digits or '-', "
                     "starting with a letter (\"DAC\")"});
    else if (std::find(codes.begin(), codes.begin() + static_cast<long>(i), codes[i]) !=
             codes.begin() + static_cast<long>(i))
      out.push_back({pointer, codes[i] + " is named twice"});
  }
  return out;
}

namespace {

std::string listed(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

std::optional<std::string> mandate_refusal(const std::vector<std::string>& concerned,
                                           Proposer proposer, const std::string& department) {
  if (proposer == Proposer::secretariat && department.empty()) return std::nullopt;
  if (std::find(concerned.begin(), concerned.end(), department) != concerned.end())
    return std::nullopt;
  if (concerned.empty())
    return "the workshop names no department yet: the secretariat sets those it concerns";
  return "the workshop concerns " + listed(concerned) + ", not " +
         (department.empty() ? std::string("no department") : department);
}

}  // namespace workshops::domain
