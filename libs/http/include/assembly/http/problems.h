#pragma once
// The suite's problem types (RFC 9457): each answer's `type` is "/problems/<slug>", a page every
// service serves (GET /problems/{slug}) saying what the problem means and what to do about it.
#include <string>
#include <string_view>
#include <vector>

namespace assembly::http {

struct ProblemType {
  std::string_view slug;  // "unprocessable-entity"
  int status;             // 422; 0 for the catch-all "error"
  std::string_view title;
  std::string_view meaning;     // what happened
  std::string_view what_to_do;  // for the caller
};

const std::vector<ProblemType>& problem_types();
// The type of an HTTP status (the catch-all "error" for one without its own).
const ProblemType& problem_type_of(int status);
// nullptr when no type has that slug.
const ProblemType* find_problem_type(std::string_view slug);
// The page explaining a type: a whole HTML document, in English and French.
std::string problem_page(const ProblemType& type);

}  // namespace assembly::http
