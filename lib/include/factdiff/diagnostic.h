// Diagnostics: warnings and errors about the input, reported like a compiler's and never lost.
// Every problem a stage meets in the input (an unreadable file, a malformed JSON Lines record,
// invalid UTF-8, a broken rule file) becomes a Diagnostic handed to a DiagnosticSink; the stage
// then goes on with the rest of the input.
#ifndef FACTDIFF_DIAGNOSTIC_H_
#define FACTDIFF_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace factdiff {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Diagnostic() = default;
  Diagnostic(Severity s, std::string p, uint64_t l, uint64_t c, std::string m)
      : severity(s), path(std::move(p)), line(l), col(c), message(std::move(m)) {}

  Severity severity = Severity::kError;
  std::string path;   // the input file as given ("-" for standard input)
  uint64_t line = 0;  // 1-based; 0 when the problem concerns the whole file
  uint64_t col = 0;   // 1-based byte column; 0 when unknown
  std::string message;
  // When the problem made a document (or a whole input) be skipped: the document's id if it is
  // known, and a short reason code ("empty", "binary", "not-utf8", "malformed", "duplicate-id",
  // "too-large", "line-too-long", "too-many-claims", "unreadable", "missing-field",
  // "truncated").
  bool skipped = false;
  std::string doc_id;
  std::string reason;
};

// Returns "path:line:col: error: message" (line and col left out when 0).
std::string FormatDiagnostic(const Diagnostic& d);

class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void Report(const Diagnostic& d) = 0;
};

// Keeps every diagnostic in order of arrival.
class DiagnosticList : public DiagnosticSink {
 public:
  void Report(const Diagnostic& d) override { items_.push_back(d); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Returns the number of diagnostics of the given severity.
  size_t Count(Severity s) const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace factdiff

#endif  // FACTDIFF_DIAGNOSTIC_H_
