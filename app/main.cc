// factdiff: the command line. Thin glue over libfactdiff; exit codes as diff's: 0 when the
// sources agree, 1 when discrepancies were found, 2 on error.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "audit.h"
#include "common.h"
#include "factdiff/atomic_file.h"
#include "factdiff/compare.h"
#include "factdiff/dates.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/report.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"
#include "factdiff/strings.h"
#include "factdiff/version.h"

namespace factdiff {
namespace {

struct InputOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> rule_dirs;
  std::string format = "text";
  bool jsonl = false;
  std::vector<std::string> dates;  // --date: "YYYY-MM-DD" or "FILE=YYYY-MM-DD"
  std::string html;                // --html FILE
  std::string color = "auto";      // --color
  bool agreements = false;         // --agreements
  Limits limits;
};

// The --date options: a date for every undated input, and dates for named files.
struct GivenDates {
  std::string all;
  std::map<std::string, std::string> by_file;

  const std::string& For(const Document& doc) const {
    auto it = by_file.find(doc.path);
    return it != by_file.end() ? it->second : all;
  }
};

// Reads the --date options into `*out`; prints why and returns false when one is not a date.
bool ParseGivenDates(const std::vector<std::string>& options, GivenDates* out) {
  for (const std::string& option : options) {
    size_t eq = option.rfind('=');
    std::string date = eq == std::string::npos ? option : option.substr(eq + 1);
    int year = 0, month = 0, day = 0;
    if (!ParseDocumentDate(date, &year, &month, &day) || day == 0) {
      std::cerr << fmt::format(
          "factdiff: error: --date \"{}\": not a day (give YYYY-MM-DD, or FILE=YYYY-MM-DD)\n",
          option);
      return false;
    }
    if (eq == std::string::npos) {
      out->all = date;
    } else {
      out->by_file[option.substr(0, eq)] = date;
    }
  }
  return true;
}

// Reads and extracts every input into `*report`. Returns false (after printing why) when there
// is nothing to report on.
bool ReadInputs(const Engine& engine, const InputOptions& opt, ReportInput* report) {
  GivenDates given;
  if (!ParseGivenDates(opt.dates, &given)) return false;
  PrintingSink sink;
  DocumentReader reader(opt.inputs, opt.limits.Ingest(opt.jsonl), &sink);
  Document doc;
  Segmentation seg;
  EventLinker linker(engine.resolver);
  CopyDetector copies;
  while (reader.Next(&doc)) {
    uint32_t index = static_cast<uint32_t>(report->documents.size());
    DocumentDate date = DecideDocumentDate(doc.date, given.For(doc), doc.text);
    if (date.unreadable) {
      sink.Report(
          Diagnostic(Severity::kWarning, doc.path, doc.record_line, 0,
                     fmt::format("cannot read the date \"{}\"; the document's date is {}", doc.date,
                                 date.source == "none" ? std::string("unknown") : date.source)));
    }
    doc.date = date.text;
    engine.segmenter->Segment(doc.text, &seg);
    size_t first = report->claims.size();
    engine.extractor->Extract(doc, index, seg, &report->claims);
    if (report->claims.size() - first > opt.limits.max_claims) {
      sink.Report(TooManyClaims(doc, report->claims.size() - first, opt.limits));
      report->claims.resize(first);
      continue;
    }
    linker.AddDocument(doc, seg, index, report->claims, first);
    copies.AddDocument(index, doc.text, seg);
    report->documents.push_back(DocumentInfo{
        doc.id, doc.path, doc.record_line, doc.title, doc.source, doc.url, doc.date, date.source,
        doc.raw_bytes, static_cast<uint32_t>(seg.sentences.size()), -1, ""});
    // The HTML report shows each document with its claims marked.
    if (!opt.html.empty() || opt.format == "html") report->documents.back().text = doc.text;
  }
  report->diagnostics = std::move(sink.items);
  if (report->documents.empty()) {
    std::cerr << "factdiff: error: no input documents\n";
    return false;
  }
  report->events = linker.Link(&report->claims);
  LinkPeople(engine.extractor->people(), &report->claims, &report->events);
  std::vector<int32_t> copy_of = copies.Find();
  for (size_t i = 0; i < report->documents.size() && i < copy_of.size(); ++i) {
    report->documents[i].copy_of = copy_of[i];
  }
  return true;
}

int RunCheck(const InputOptions& opt) {
  Engine engine;
  if (!LoadEngine(opt.rule_dirs, &engine)) return kExitError;
  ReportInput report;
  if (!ReadInputs(engine, opt, &report)) return kExitError;
  std::vector<int32_t> copy_of;
  std::vector<std::string> names;
  for (const DocumentInfo& d : report.documents) {
    copy_of.push_back(d.copy_of);
    std::string name = ShortName(d);
    names.push_back(name);
  }
  report.findings = Compare(CompareInput{&report.claims, &report.events, &names, &copy_of,
                                         engine.subjects.get(), &engine.extractor->people()});
  if (!opt.html.empty()) {
    // Written whole under a temporary name, then renamed: no half-written page is left behind.
    AtomicFile html(opt.html);
    WriteHtmlReport(report, html.out());
    Status written = html.Commit();
    if (!written.ok()) {
      std::cerr << written.message() << "\n";
      return kExitError;
    }
  }
  if (opt.format == "json") {
    WriteJsonReport(report, std::cout);
  } else if (opt.format == "html") {
    WriteHtmlReport(report, std::cout);
  } else {
    TextOptions text;
    text.color = opt.color == "always" || (opt.color == "auto" && isatty(STDOUT_FILENO) &&
                                           std::getenv("NO_COLOR") == nullptr);
    text.agreements = opt.agreements;
    WriteTextReport(report, std::cout, text);
  }
  std::cout.flush();
  for (const Finding& f : report.findings) {
    if (f.kind != FindingKind::kAgreement) return kExitDiffer;
  }
  return kExitAgree;
}

int RunExtract(const InputOptions& opt) {
  if (opt.format == "jsonl") {
    AuditOptions jsonl;
    jsonl.inputs = opt.inputs;
    jsonl.rule_dirs = opt.rule_dirs;
    jsonl.jsonl = opt.jsonl;
    jsonl.limits = opt.limits;
    return RunExtractJsonLines(jsonl);
  }
  Engine engine;
  if (!LoadEngine(opt.rule_dirs, &engine)) return kExitError;
  ReportInput report;
  if (!ReadInputs(engine, opt, &report)) return kExitError;
  if (opt.format == "json") {
    WriteClaimsJson(report, std::cout);
  } else {
    WriteClaimsText(report, std::cout);
  }
  return kExitAgree;
}

std::string Interval(const std::optional<double>& low, const std::optional<double>& high) {
  auto f = [](const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : std::string("inf");
  };
  return fmt::format("[{}, {}]", f(low), f(high));
}

void ExplainSentence(const Extractor& extractor, std::string_view sentence, int anchor,
                     std::ostream& out) {
  Explanation e;
  extractor.ExtractSentence(sentence, &e, anchor);
  out << "sentence: " << Printable(e.sentence) << "\n";
  if (!e.dates.empty()) {
    out << "dates"
        << (anchor > 0 ? " (against " + FormatDay(anchor) + ")"
                       : std::string(" (no document date)"))
        << ":\n";
    for (const DateExpr& d : e.dates) {
      out << fmt::format("  \"{}\" at {}..{}: ", d.span.Of(e.sentence), d.span.begin, d.span.end);
      if (!d.resolved) {
        out << "unresolved: " << d.why << "\n";
      } else if (d.first == d.last) {
        out << fmt::format("{} {} ({})\n", d.unit, FormatDay(d.first), d.why);
      } else {
        out << fmt::format("{} {} to {} ({})\n", d.unit, FormatDay(d.first), FormatDay(d.last),
                           d.why);
      }
    }
  }
  if (e.quantities.empty()) {
    out << "  no number here, so no rule ran\n";
    return;
  }
  out << "quantities:\n";
  for (const Quantity& q : e.quantities) {
    out << fmt::format("  \"{}\" at {}..{}: {}", q.span.Of(e.sentence), q.span.begin, q.span.end,
                       QuantityKindName(q.kind));
    if (q.kind == QuantityKind::kCount) {
      out << fmt::format(" {}", Interval(q.low, q.high));
      if (!q.hedge.empty())
        out << fmt::format(", hedge \"{}\" read as {}", q.hedge, BoundName(q.bound));
      if (q.range) out << ", a range";
      if (q.vague) out << ", a word standing for a range";
    } else {
      out << fmt::format(", not a count: {}", q.why);
    }
    out << "\n";
  }
  if (e.rewritten.empty()) {
    out << "  no count here, so no rule ran\n";
    return;
  }
  out << "as the rules see it: " << e.rewritten << "\n";
  out << "rules the rule set let through: " << (e.screened.empty() ? "none" : "");
  for (size_t i = 0; i < e.screened.size(); ++i) out << (i ? ", " : "") << e.screened[i];
  out << "\n";
  for (const Explanation::Match& m : e.matches) {
    out << fmt::format("  {} matched \"{}\" at {}..{}:", m.rule, m.span.Of(e.sentence),
                       m.span.begin, m.span.end);
    for (const auto& [name, text] : m.groups) out << fmt::format(" {}=\"{}\"", name, text);
    out << (m.kept ? "; kept" : "; dropped: " + m.note) << "\n";
  }
  out << "claims:" << (e.claims.empty() ? " none" : "") << "\n";
  for (const Claim& c : e.claims) out << "  " << DescribeClaim(c) << " (rule " << c.rule << ")\n";
}

int RunExplain(const std::vector<std::string>& rule_dirs, const std::string& sentence,
               const std::string& file, const std::string& date) {
  Engine engine;
  if (!LoadEngine(rule_dirs, &engine)) return kExitError;
  int anchor = 0;
  if (!date.empty()) {
    GivenDates given;
    if (!ParseGivenDates({date}, &given)) return kExitError;
    int year = 0, month = 0;
    ParseDocumentDate(given.all, &year, &month, &anchor);
  }
  if (!file.empty()) {
    PrintingSink sink;
    DocumentReader reader({file}, IngestOptions(), &sink);
    Document doc;
    Segmentation seg;
    bool any = false;
    while (reader.Next(&doc)) {
      any = true;
      DocumentDate doc_date = DecideDocumentDate(doc.date, date, doc.text);
      engine.segmenter->Segment(doc.text, &seg);
      for (const Sentence& s : seg.sentences) {
        std::string text = FoldSpaces(s.span.Of(doc.text));
        if (!engine.extractor->numbers().MayHoldNumber(text)) continue;
        SourceMap::Position p = doc.map.Locate(s.span.begin);
        std::cout << fmt::format("{}:{}:{}:\n", doc.id, p.line, p.col);
        ExplainSentence(*engine.extractor, text, doc_date.day, std::cout);
        std::cout << "\n";
      }
    }
    return any ? kExitAgree : kExitError;
  }
  if (sentence.empty()) {
    std::cerr << "factdiff explain: give a sentence or --file\n";
    return kExitError;
  }
  ExplainSentence(*engine.extractor, sentence, anchor, std::cout);
  return kExitAgree;
}

int RunRulesTest(const std::vector<std::string>& paths) {
  Result<std::vector<RuleFile>> defaults = LoadRuleFiles({});
  if (!defaults.ok()) {
    std::cerr << defaults.status().message() << "\n";
    return kExitError;
  }
  std::set<std::string> wanted;
  std::vector<RuleFile> files = std::move(*defaults);
  if (!paths.empty()) {
    Result<std::vector<RuleFile>> given = ReadRuleFiles(paths);
    if (!given.ok()) {
      std::cerr << given.status().message() << "\n";
      return kExitError;
    }
    for (const RuleFile& f : *given) wanted.insert(f.path);
    files = OverlayRuleFiles(std::move(files), std::move(*given));
  }
  Engine engine;
  if (!BuildEngine(std::move(files), &engine)) return kExitError;
  RuleTestReport report = TestRules(*engine.extractor, *engine.segmenter, engine.files, wanted);
  TestEventRules(*engine.resolver, engine.files, wanted, &report);
  TestSubjectRules(*engine.subjects, engine.files, wanted, &report);
  for (const RuleTestFailure& f : report.failures) {
    std::cout << fmt::format("{}: FAIL {}: \"{}\"\n    expected: {}\n    got:      {}\n", f.where,
                             f.rule, f.text, f.expected, f.got);
  }
  std::cout << fmt::format("claim rules: {} examples, {} counterexamples\n", report.claim_examples,
                           report.claim_counterexamples);
  std::cout << fmt::format("{} passed, {} failed\n", report.passed, report.failed);
  return report.failed == 0 ? kExitAgree : kExitDiffer;
}

void AddInputOptions(CLI::App* cmd, InputOptions* opt, std::vector<std::string> formats) {
  cmd->add_option("inputs", opt->inputs,
                  "Text files, folders, JSON Lines archives, or - for standard input")
      ->required();
  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  cmd->add_option("--rules", opt->rule_dirs,
                  "Folder of rule files to add to (or replace) the defaults; repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  cmd->add_flag("--jsonl", opt->jsonl, "Read every input as JSON Lines");
  AddLimitOptions(cmd, &opt->limits);
  cmd->add_option("--date", opt->dates,
                  "Publication date (YYYY-MM-DD) of inputs that carry none, or FILE=YYYY-MM-DD for "
                  "one file; "
                  "repeatable. Relative dates (\"Friday\", \"nine years ago\") resolve against it")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
}

int Main(int argc, char** argv) {
  // `factdiff check ... | head`: a closed pipe ends the run quietly, like any filter, even when
  // the parent left SIGPIPE ignored. An interrupted run leaves no temporary files.
  signal(SIGPIPE, SIG_DFL);
  RemoveTempFilesOnSignal();
  CLI::App app{"factdiff: find where news articles disagree on the facts", "factdiff"};
  app.set_version_flag("--version", std::string("factdiff ") + kVersion);
  app.require_subcommand(1);

  InputOptions check;
  CLI::App* check_cmd =
      app.add_subcommand("check", "Compare articles and report what they disagree on");
  AddInputOptions(check_cmd, &check, {"text", "json", "html"});
  check_cmd->add_option("--html", check.html,
                        "Also write the report as one self-contained HTML page to FILE");
  check_cmd->add_option("--color", check.color, "Colour in the text report")
      ->check(CLI::IsMember({"never", "always", "auto"}))
      ->capture_default_str();
  check_cmd->add_flag("--agreements", check.agreements, "List agreements too in the text report");

  InputOptions extract;
  CLI::App* extract_cmd = app.add_subcommand("extract", "List the claims found in articles");
  AddInputOptions(extract_cmd, &extract, {"text", "json", "jsonl"});

  std::vector<std::string> explain_rules;
  std::string explain_sentence, explain_file;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain", "Show which rules fire on a sentence, what they match and how values are read");
  explain_cmd->add_option("sentence", explain_sentence, "The sentence to explain");
  explain_cmd->add_option("--file", explain_file,
                          "Explain every sentence with a number in this file");
  std::string explain_date;
  explain_cmd->add_option("--date", explain_date,
                          "Resolve relative dates against this day (YYYY-MM-DD)");
  explain_cmd
      ->add_option("--rules", explain_rules,
                   "Folder of rule files to add to (or replace) the defaults; repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);

  AuditOptions audit;
  CLI::App* audit_cmd = app.add_subcommand(
      "audit",
      "Group an archive's articles into stories and report where each story's sources differ");
  audit_cmd
      ->add_option("inputs", audit.inputs,
                   "JSON Lines archives (.jsonl, .jsonl.gz), folders of text files, or -")
      ->required();
  audit_cmd->add_option("--out", audit.out, "Folder to write the results to")->required();
  audit_cmd->add_option("--jobs,-j", audit.jobs,
                        "Threads for extraction and comparison (default: one per core)");
  audit_cmd->add_flag("--quiet,-q", audit.quiet, "No progress or summary on standard error");
  audit_cmd->add_flag("--jsonl", audit.jsonl, "Read every input as JSON Lines");
  audit_cmd->add_flag("--timings", audit.timings,
                      "Print the time each phase took to standard error (for benchmarks)");
  AddLimitOptions(audit_cmd, &audit.limits);
  audit_cmd
      ->add_option("--rules", audit.rule_dirs,
                   "Folder of rule files to add to (or replace) the defaults; repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);

  AuditOptions compare;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare",
      "Compare claims files written by 'extract --format jsonl' and write what 'audit' writes");
  compare_cmd->add_option("claims", compare.inputs, "Claims files, in any order")->required();
  compare_cmd->add_option("--out", compare.out, "Folder to write the results to")->required();
  compare_cmd->add_option("--jobs,-j", compare.jobs,
                          "Threads for comparing stories (default: one per core)");
  compare_cmd->add_flag("--quiet,-q", compare.quiet, "No summary on standard error");
  compare_cmd->add_flag("--timings", compare.timings,
                        "Print the time each phase took to standard error (for benchmarks)");
  compare_cmd
      ->add_option("--rules", compare.rule_dirs,
                   "Folder of rule files to add to (or replace) the defaults; repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);

  CLI::App* rules_cmd = app.add_subcommand("rules", "Work with rule files");
  rules_cmd->require_subcommand(1);
  std::vector<std::string> test_paths;
  CLI::App* rules_test = rules_cmd->add_subcommand(
      "test",
      "Run the examples and counterexamples of rule files (the default rules when none are given)");
  rules_test->add_option("paths", test_paths, "Rule files or folders");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  if (check_cmd->parsed()) return RunCheck(check);
  if (extract_cmd->parsed()) return RunExtract(extract);
  if (audit_cmd->parsed()) return RunAudit(audit);
  if (compare_cmd->parsed()) return RunCompare(compare);
  if (explain_cmd->parsed())
    return RunExplain(explain_rules, explain_sentence, explain_file, explain_date);
  if (rules_test->parsed()) return RunRulesTest(test_paths);
  return kExitError;
}

}  // namespace
}  // namespace factdiff

int main(int argc, char** argv) {
  try {
    return factdiff::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "factdiff: internal error: " << e.what() << "\n";
    return factdiff::kExitError;
  }
}
