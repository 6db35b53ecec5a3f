// Runs the examples and counterexamples that rule files carry.
#include <cmath>

#include <fmt/format.h>

#include "extract/rules_internal.h"
#include "factdiff/extract.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

bool SameBound(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || std::fabs(*a - *b) < 1e-9;
}

bool Matches(const Claim& c, const ExpectedClaim& w) {
  return c.measure == w.measure && c.value == w.value && c.subject == w.subject &&
         SameBound(c.low, w.low) && SameBound(c.high, w.high) &&
         (w.role.empty() || c.role == w.role) &&
         (!w.has_attribution || c.attribution == w.attribution);
}

std::string Describe(const ExpectedClaim& w) {
  Claim c;
  c.measure = w.measure;
  c.value = w.value;
  c.subject = w.subject;
  c.low = w.low;
  c.high = w.high;
  c.resolved =
      w.low.has_value() || w.high.has_value();  // a date example with null bounds is unresolved
  c.role = w.role.empty() ? "total" : w.role;
  c.attribution = w.attribution;
  return DescribeClaim(c);
}

std::string JoinOrNothing(const std::vector<std::string>& items) {
  if (items.empty()) return "(nothing)";
  std::string out;
  for (const std::string& s : items) AppendSeparated(&out, "; ", s);
  return out;
}

class Runner {
 public:
  Runner(const std::vector<RuleFile>& files, const std::set<std::string>& wanted,
         RuleTestReport* report)
      : files_(files), wanted_(wanted), report_(report) {}

  bool Wanted(const std::string& path) const { return wanted_.empty() || wanted_.count(path) > 0; }

  std::string Where(const std::string& path, const std::string& pointer) const {
    return RuleLocation(files_, path, pointer);
  }

  void Record(bool ok, const std::string& path, const std::string& pointer, const std::string& rule,
              const std::string& text, const std::string& expected, const std::string& got) {
    if (ok) {
      ++report_->passed;
      return;
    }
    ++report_->failed;
    report_->failures.push_back({Where(path, pointer), rule, text, expected, got});
  }

 private:
  const std::vector<RuleFile>& files_;
  const std::set<std::string>& wanted_;
  RuleTestReport* report_;
};

}  // namespace

std::string RuleLocation(const std::vector<RuleFile>& files, const std::string& path,
                         const std::string& pointer) {
  for (const RuleFile& f : files) {
    if (f.path == path) {
      auto [line, col] = LineAndColumn(f.text, LocateJsonPointer(f.text, pointer));
      return fmt::format("{}:{}:{}", path, line, col);
    }
  }
  return path;
}

RuleTestReport TestRules(const Extractor& extractor, const Segmenter& segmenter,
                         const std::vector<RuleFile>& all_files,
                         const std::set<std::string>& files) {
  RuleTestReport report;
  Runner run(all_files, files, &report);

  const RuleSet::Compiled& compiled = extractor.rules().compiled();
  for (size_t ri = 0; ri < extractor.rules().rules().size(); ++ri) {
    const ClaimRule& rule = extractor.rules().rules()[ri];
    if (!run.Wanted(rule.file)) continue;
    const re2::RE2& screen = *compiled.screen_res[compiled.rules[ri].screen];
    for (const RuleExample& ex : rule.examples) {
      ++report.claim_examples;
      if (!re2::RE2::PartialMatch(ex.text, screen)) {
        run.Record(
            false, rule.file, ex.pointer, rule.id, ex.text,
            "the rule's screen to match the example",
            "the screen /" + rule.screen + "/ does not match, so the rule can never fire here");
        continue;
      }
      std::vector<std::string> got;
      std::vector<const Claim*> mine;
      int anchor = 0, year = 0, month = 0;
      if (!ex.anchor.empty() && !ParseDocumentDate(ex.anchor, &year, &month, &anchor)) anchor = 0;
      std::vector<Claim> claims = extractor.ExtractSentence(ex.text, nullptr, anchor);
      for (const Claim& c : claims) {
        if (c.rule == rule.id) mine.push_back(&c);
      }
      bool ok = mine.size() == ex.claims.size();
      for (size_t i = 0; ok && i < mine.size(); ++i) ok = Matches(*mine[i], ex.claims[i]);
      std::vector<std::string> want;
      for (const ExpectedClaim& w : ex.claims) want.push_back(Describe(w));
      for (const Claim* c : mine) got.push_back(DescribeClaim(*c));
      if (!ok) {
        // Say which rule took the figures instead, if any.
        for (const Claim& c : claims) {
          if (c.rule != rule.id)
            got.push_back(fmt::format("[{} from rule \"{}\"]", DescribeClaim(c), c.rule));
        }
      }
      run.Record(ok, rule.file, ex.pointer, rule.id, ex.text, JoinOrNothing(want),
                 JoinOrNothing(got));
    }
    for (const Counterexample& ce : rule.counterexamples) {
      ++report.claim_counterexamples;
      std::vector<std::string> got;
      for (const Claim& c : extractor.ExtractSentence(ce.text)) {
        if (c.rule == rule.id) got.push_back(DescribeClaim(c));
      }
      run.Record(got.empty(), rule.file, ce.pointer, rule.id, ce.text, "(nothing from this rule)",
                 JoinOrNothing(got));
    }
  }

  const std::vector<AttributionRule>& attributions = extractor.rules().attribution_rules();
  for (size_t i = 0; i < attributions.size(); ++i) {
    const AttributionRule& rule = attributions[i];
    if (!run.Wanted(rule.file)) continue;
    const re2::RE2& re = *compiled.attributions[i];
    auto source_of = [&](const std::string& text) -> std::string {
      std::vector<re2::StringPiece> g(re.NumberOfCapturingGroups() + 1);
      if (!re.Match(text, 0, text.size(), re2::RE2::UNANCHORED, g.data(),
                    static_cast<int>(g.size())))
        return "";
      re2::StringPiece s = g[compiled.attribution_source[i]];
      std::string out = FoldSpaces(std::string_view(s.data(), s.size()));
      while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
      std::string lower = out;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return extractor.rules().IgnoredSource(lower) ? "" : out;
    };
    for (const AttributionExample& ex : rule.examples) {
      std::string got = source_of(ex.text);
      run.Record(got == ex.source, rule.file, ex.pointer, rule.id, ex.text, ex.source,
                 got.empty() ? "(nothing)" : got);
    }
    for (const Counterexample& ce : rule.counterexamples) {
      std::string got = source_of(ce.text);
      run.Record(got.empty(), rule.file, ce.pointer, rule.id, ce.text, "(nothing)", got);
    }
  }

  for (const NumberGrammar::Example& ex : extractor.numbers().examples()) {
    if (!run.Wanted(ex.file)) continue;
    std::vector<Quantity> found;
    extractor.numbers().Find(ex.text, Span{0, static_cast<uint32_t>(ex.text.size())}, &found);
    std::vector<std::string> want, got;
    bool ok = found.size() == ex.quantities.size();
    for (size_t i = 0; i < ex.quantities.size(); ++i) {
      const auto& w = ex.quantities[i];
      std::string desc = fmt::format("{} \"{}\"", w.kind, w.text);
      if (w.low || w.high) {
        desc +=
            fmt::format(" [{}, {}]", w.low ? (*w.low ? fmt::format("{}", **w.low) : "inf") : "?",
                        w.high ? (*w.high ? fmt::format("{}", **w.high) : "inf") : "?");
      }
      want.push_back(desc);
      if (i < found.size()) {
        const Quantity& q = found[i];
        ok = ok && std::string(q.span.Of(ex.text)) == w.text &&
             QuantityKindName(q.kind) == w.kind && (!w.low || SameBound(q.low, *w.low)) &&
             (!w.high || SameBound(q.high, *w.high)) &&
             (w.bound.empty() || w.bound == BoundName(q.bound));
      }
    }
    for (const Quantity& q : found) {
      got.push_back(fmt::format("{} \"{}\" [{}, {}]", QuantityKindName(q.kind), q.span.Of(ex.text),
                                q.low ? fmt::format("{}", *q.low) : "inf",
                                q.high ? fmt::format("{}", *q.high) : "inf"));
    }
    run.Record(ok, ex.file, ex.pointer, "numbers", ex.text, JoinOrNothing(want),
               JoinOrNothing(got));
  }

  for (const BoilerplateRule& rule : segmenter.boilerplate_rules()) {
    if (!run.Wanted(rule.file)) continue;
    for (const std::string& line : rule.examples) {
      std::string got = segmenter.BoilerplateRuleFor(line);
      run.Record(got == rule.id, rule.file, rule.pointer, rule.id, line,
                 "boilerplate \"" + rule.id + "\"",
                 got.empty() ? "(copy)" : "boilerplate \"" + got + "\"");
    }
    for (const std::string& line : rule.counterexamples) {
      std::string got = segmenter.BoilerplateRuleFor(line);
      run.Record(got.empty(), rule.file, rule.pointer, rule.id, line, "(copy)",
                 "boilerplate \"" + got + "\"");
    }
  }

  for (const Segmenter::Example& ex : segmenter.examples()) {
    if (!run.Wanted(ex.file)) continue;
    Segmentation seg;
    segmenter.Segment(ex.text, &seg);
    std::vector<std::string> got;
    for (const Sentence& s : seg.sentences)
      got.push_back(fmt::format("\"{}\"", s.span.Of(ex.text)));
    std::vector<std::string> want;
    for (const std::string& s : ex.sentences) want.push_back(fmt::format("\"{}\"", s));
    run.Record(got == want, ex.file, ex.pointer, "segmentation", ex.text, JoinOrNothing(want),
               JoinOrNothing(got));
  }

  // People: a cue example yields exactly its mentions (from any cue), a counterexample none; a
  // quote example yields exactly its quotes with their speakers.
  const PeopleRules& people = extractor.people();
  auto describe = [](const PersonMention& m) {
    std::string s = fmt::format("\"{}\"", m.name);
    if (!m.title.empty()) s += fmt::format(" title \"{}\"", m.title);
    if (!m.role.empty()) s += fmt::format(" post \"{}\"", m.role);
    if (!m.org.empty()) s += fmt::format(" at \"{}\"", m.org);
    return s;
  };
  for (const PeopleRules::Example& ex : people.examples()) {
    if (!run.Wanted(ex.file)) continue;
    std::vector<std::string> want, got;
    if (!ex.cue.empty()) {
      for (const PersonMention& m : ex.mentions) want.push_back(describe(m));
      Span all{0, static_cast<uint32_t>(ex.text.size())};
      for (const PersonMention& m : people.FindMentions(ex.text, all)) got.push_back(describe(m));
    } else {
      for (const QuoteMention& q : ex.quotes)
        want.push_back(fmt::format("\"{}\" by \"{}\"", q.words, q.speaker));
      Segmentation seg;
      segmenter.Segment(ex.text, &seg);
      for (const QuoteMention& q : people.FindQuotes(ex.text, seg))
        got.push_back(fmt::format("\"{}\" by \"{}\"", q.words, q.speaker));
    }
    run.Record(got == want, ex.file, ex.pointer, ex.cue.empty() ? "quotes" : ex.cue, ex.text,
               JoinOrNothing(want), JoinOrNothing(got));
  }
  for (const PeopleRules::SpellingExample& ex : people.spelling_examples()) {
    if (!run.Wanted(ex.file)) continue;
    bool same = people.SpellingKey(ex.a) == people.SpellingKey(ex.b);
    auto verdict = [](bool same) { return same ? "one spelling" : "different words"; };
    run.Record(same == ex.same, ex.file, ex.pointer, "spelling", ex.a + " / " + ex.b,
               verdict(ex.same), verdict(same));
  }
  return report;
}

}  // namespace factdiff
