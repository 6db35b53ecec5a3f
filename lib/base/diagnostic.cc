#include "factdiff/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

#include "factdiff/strings.h"

namespace factdiff {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string where = d.path;
  if (d.line > 0) {
    where += fmt::format(":{}", d.line);
    if (d.col > 0) where += fmt::format(":{}", d.col);
  }
  // Printed on a terminal: a path or an id from the input must not carry escape sequences.
  return Printable(fmt::format("{}: {}: {}", where,
                               d.severity == Severity::kError ? "error" : "warning", d.message));
}

size_t DiagnosticList::Count(Severity s) const {
  return std::count_if(items_.begin(), items_.end(),
                       [s](const Diagnostic& d) { return d.severity == s; });
}

}  // namespace factdiff
