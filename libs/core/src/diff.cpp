#include "assembly/core/diff.h"

#include <algorithm>
#include <stdexcept>

namespace assembly::core {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::vector<DiffLine> diff_lines(const std::string& older, const std::string& newer) {
  auto a = split_lines(older), b = split_lines(newer);
  // Common prefix and suffix first: notebooks change in places, so the table stays small.
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
    ++suf;
  const std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m > 25'000'000)
    throw std::length_error("the versions differ in too many lines to compare");
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] =
          a[pre + i] == b[pre + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<DiffLine> out;
  for (std::size_t i = 0; i < pre; ++i) out.push_back({'=', a[i]});
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] == b[pre + j]) {
      out.push_back({'=', a[pre + i]});
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back({'-', a[pre + i++]});  // removals before additions, as diff tools show them
    } else {
      out.push_back({'+', b[pre + j++]});
    }
  }
  for (std::size_t k = a.size() - suf; k < a.size(); ++k) out.push_back({'=', a[k]});
  return out;
}

std::string render_diff(const std::vector<DiffLine>& diff) {
  std::string out;
  for (const auto& d : diff) out += std::string(1, d.op == '=' ? ' ' : d.op) + " " + d.text + "\n";
  return out;
}

}  // namespace assembly::core
