#pragma once
// Comparing two versions of a document (a synthesis notebook, a recommendation): a line diff by
// longest common subsequence, as the lines kept, removed and added.
#include <string>
#include <vector>

namespace assembly::core {

struct DiffLine {
  char op;  // '=' kept, '-' only in the older version, '+' only in the newer
  std::string text;
};

std::vector<std::string> split_lines(const std::string& text);
std::vector<DiffLine> diff_lines(const std::string& older, const std::string& newer);
// The diff as unified-diff-like text: "  kept", "- removed", "+ added", one per line.
std::string render_diff(const std::vector<DiffLine>& diff);

}  // namespace assembly::core
