#include <algorithm>

#include <fmt/format.h>

#include "factdiff/dates.h"
#include "factdiff/extract.h"
#include "factdiff/report.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

// ANSI styles, used only when colour is on.
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kHighlight = "\x1b[1;33m";  // the value in its sentence
constexpr const char* kDim = "\x1b[2m";

const char* KindStyle(FindingKind k) {
  switch (k) {
    case FindingKind::kConflict:
      return "\x1b[1;31m";
    case FindingKind::kUpdate:
      return "\x1b[1;36m";
    case FindingKind::kVariant:
      return "\x1b[1;35m";
    case FindingKind::kAgreement:
      return "\x1b[1;32m";
  }
  return "";
}

// Moves `at` back to the start of a UTF-8 character.
size_t CharStart(std::string_view s, size_t at) {
  while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xc0) == 0x80) --at;
  return at;
}

// The claim's sentence with its value highlighted, trimmed to about `width` bytes around it.
std::string SentenceLine(const Claim& c, const TextOptions& opt) {
  std::string_view text = c.text;
  Span v = c.text_span;
  if (v.end > text.size() || v.begin > v.end) v = Span{};
  size_t from = 0, to = text.size();
  if (text.size() > opt.width && !v.empty()) {
    size_t room = opt.width > v.size() ? (opt.width - v.size()) / 2 : 0;
    from = v.begin > room ? CharStart(text, v.begin - room) : 0;
    to = std::min(text.size(), static_cast<size_t>(v.end) + room);
    to = CharStart(text, to);
  } else if (text.size() > opt.width) {
    to = CharStart(text, opt.width);
  }
  std::string out = from > 0 ? "…" : "";
  if (v.empty()) {
    out += Printable(text.substr(from, to - from));
  } else {
    out += Printable(text.substr(from, v.begin - from));
    out += opt.color ? kHighlight : "";
    out += Printable(text.substr(v.begin, v.end - v.begin));
    out += opt.color ? kReset : "";
    out += Printable(text.substr(v.end, to - v.end));
  }
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace

std::string ShortName(const DocumentInfo& d) {
  return d.record_line > 0 ? d.id : d.id.substr(d.id.find_last_of('/') + 1);
}

std::string ValueWithBounds(const Claim& c) {
  std::string value = c.value;
  if (!c.unit.empty() && c.unit != "text" && c.low && c.high) {
    value += *c.low == *c.high ? fmt::format(" [{}]", FormatDateBound(c.unit, *c.low))
                               : fmt::format(" [{} to {}]", FormatDateBound(c.unit, *c.low),
                                             FormatDateBound(c.unit, *c.high));
  } else if (!c.resolved) {
    value += " [unresolved: no document date]";
  }
  return value;
}

void WriteTextReport(const ReportInput& in, std::ostream& out, const TextOptions& opt) {
  auto style = [&](const char* s) { return opt.color ? s : ""; };
  size_t counts[4] = {0, 0, 0, 0};
  for (const Finding& f : in.findings) ++counts[static_cast<int>(f.kind)];
  // Findings come conflicts first, then updates, variants and agreements (see compare.h).
  for (const Finding& f : in.findings) {
    if (f.kind == FindingKind::kAgreement && !opt.agreements) continue;
    out << fmt::format("{}{}{} {}{}, {}{}: {}\n", style(KindStyle(f.kind)), FindingKindName(f.kind),
                       style(kReset), style(kBold), f.measure, Printable(f.event), style(kReset),
                       Printable(f.reason));
    for (uint32_t ci : f.claims) {
      const Claim& c = in.claims[ci];
      const DocumentInfo& d = in.documents[c.doc];
      std::string where = d.record_line > 0 ? fmt::format("{}:{}: [{}] line {}", d.path,
                                                          d.record_line, d.id, c.line)
                                            : fmt::format("{}:{}:{}", d.path, c.line, c.col);
      std::string value = ValueWithBounds(c);
      std::string when;
      if (c.reported > 0) {
        when = c.reported_as.empty()
                   ? fmt::format(" (reported {})", FormatDay(c.reported))
                   : fmt::format(" ({}, {})", c.reported_as, FormatDay(c.reported));
      } else if (!c.reported_as.empty()) {
        when = fmt::format(" ({}, unresolved)", c.reported_as);
      }
      bool superseded =
          std::find(f.superseded.begin(), f.superseded.end(), ci) != f.superseded.end();
      std::string copy =
          d.copy_of >= 0 ? fmt::format(" (copy of {})", ShortName(in.documents[d.copy_of])) : "";
      out << fmt::format("  {}{}{}: {}{}{}{}{}\n      {}\n", style(kDim), Printable(where),
                         style(kReset), Printable(value), when, superseded ? " [superseded]" : "",
                         copy, "", SentenceLine(c, opt));
    }
    // The word-level differences of a finding about a person.
    for (const WordChange& w : f.changes) {
      std::string what = w.from.empty() ? fmt::format("+ \"{}\"", w.to)
                         : w.to.empty() ? fmt::format("- \"{}\"", w.from)
                                        : fmt::format("\"{}\" -> \"{}\"", w.from, w.to);
      out << fmt::format("  {}: {} ({} -> {})\n", w.kind, Printable(what),
                         ShortName(in.documents[in.claims[w.a].doc]),
                         ShortName(in.documents[in.claims[w.b].doc]));
    }
    out << "\n";
  }
  std::vector<std::string> undated;
  for (const DocumentInfo& d : in.documents) {
    if (d.date_source == "none") undated.push_back(ShortName(d));
  }
  if (!undated.empty()) {
    out << fmt::format(
        "undated: {} (no date in metadata or text): their relative dates, such as \"Friday\", are "
        "left unresolved; give --date FILE=YYYY-MM-DD to resolve them\n",
        Printable(Join(undated, ", ")));
  }
  size_t skipped = 0;
  for (const Diagnostic& d : in.diagnostics) skipped += d.skipped ? 1 : 0;
  std::string summary =
      fmt::format("{} document{} read", in.documents.size(), in.documents.size() == 1 ? "" : "s");
  if (skipped > 0) summary += fmt::format(" ({} skipped)", skipped);
  summary += fmt::format(", {} claim{}", in.claims.size(), in.claims.size() == 1 ? "" : "s");
  std::vector<std::string> kinds;
  const char* names[4][2] = {{"conflict", "conflicts"},
                             {"update", "updates"},
                             {"variant", "variants"},
                             {"agreement", "agreements"}};
  for (int k = 0; k < 4; ++k)
    kinds.push_back(fmt::format("{} {}", counts[k], names[k][counts[k] != 1]));
  summary += ": " + Join(kinds, ", ");
  if (counts[3] > 0 && !opt.agreements) summary += " (--agreements lists them)";
  out << summary << "\n";
}

void WriteClaimsText(const ReportInput& in, std::ostream& out) {
  for (const Claim& c : in.claims) {
    const DocumentInfo& d = in.documents[c.doc];
    std::string where =
        d.record_line > 0 ? fmt::format("{}:{}: [{}] line {}", d.path, d.record_line, d.id, c.line)
                          : fmt::format("{}:{}:{}", d.path, c.line, c.col);
    out << Printable(fmt::format("{}: {} (rule {})", where, DescribeClaim(c), c.rule)) << "\n";
  }
  out << fmt::format("{} documents, {} claims\n", in.documents.size(), in.claims.size());
}

}  // namespace factdiff
