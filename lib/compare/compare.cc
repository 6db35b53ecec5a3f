#include "factdiff/compare.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compare/text_compare.h"
#include "factdiff/dates.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

using nlohmann::json;

std::string FormatNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

// Measures whose true value changes as reports come in: a later figure can supersede an earlier
// one. The founding year of a group or the strength a study gives does not change by the day.
const std::set<std::string> kEvolving = {"killed", "injured", "casualties", "missing", "detained"};

// Groups larger than this are not searched pair by pair (for supersession and the closest pair).
constexpr size_t kMaxPairwise = 256;

// A bound of a claim as a reader writes it: a count, a year, or for a day claim (bounds are
// YYYYMMDD numbers) "22 March 2024".
std::string FormatBound(const Claim& c, double v) {
  return c.unit.empty() ? FormatNumber(v) : FormatDateBound(c.unit, v);
}

// What a measure counts, for the reasons: "the number killed", "the number of US troops killed".
std::string MeasurePhrase(const std::string& measure, const std::string& subject) {
  static const std::map<std::string, std::pair<std::string, std::string>> kPhrases = {
      {"killed", {"the number killed", "the number of {} killed"}},
      {"injured", {"the number injured", "the number of {} injured"}},
      {"casualties", {"the number of casualties", "the number of casualties among {}"}},
      {"missing", {"the number missing", "the number of {} missing"}},
      {"detained", {"the number detained", "the number of {} detained"}},
      {"strength", {"the group's strength", "the group's strength"}},
      {"attackers", {"the number of attackers", "the number of attackers"}},
      {"founded", {"the year the group was founded", "the year the group was founded"}},
      {"date", {"the date of the event", "the date of the event"}},
      {"leader-since", {"the year the leader took over", "the year {} became leader"}},
  };
  auto it = kPhrases.find(measure);
  if (it == kPhrases.end()) {
    return subject == "total" ? "the " + measure + " figure"
                              : "the " + measure + " figure for " + subject;
  }
  return subject == "total" ? it->second.first
                            : fmt::format(fmt::runtime(it->second.second), subject);
}

}  // namespace

const char* FindingKindName(FindingKind k) {
  switch (k) {
    case FindingKind::kConflict:
      return "conflict";
    case FindingKind::kVariant:
      return "variant";
    case FindingKind::kUpdate:
      return "update";
    case FindingKind::kAgreement:
      return "agreement";
  }
  return "conflict";
}

// ---------------------------------------------------------------------------------------------
// Subject classes

struct SubjectClasses::Data {
  std::map<std::string, std::set<std::string>> totals;  // measure -> head words; "*" = all
  std::vector<std::pair<std::string, std::unique_ptr<re2::RE2>>> classes;
};

SubjectClasses::SubjectClasses() : d_(std::make_unique<Data>()) {}
SubjectClasses::~SubjectClasses() = default;

Result<std::shared_ptr<const SubjectClasses>> SubjectClasses::Create(
    const std::vector<RuleFile>& files) {
  std::shared_ptr<SubjectClasses> s(new SubjectClasses());
  std::vector<std::string> errors;
  bool found = false;
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok() || parsed->kind() != "subjects") continue;
    found = true;
    const RuleDocument& doc = *parsed;
    const json& j = doc.json();
    auto totals = j.find("totals");
    if (totals == j.end() || !totals->is_object()) {
      errors.push_back(doc.Error("/totals", "a subjects file needs a \"totals\" object"));
    } else {
      for (auto it = totals->begin(); it != totals->end(); ++it) {
        if (!it.value().is_array()) {
          errors.push_back(doc.Error("/totals/" + it.key(), "expected an array of words"));
          continue;
        }
        for (const json& w : it.value()) {
          if (w.is_string()) s->d_->totals[it.key()].insert(AsciiLower(w.get<std::string>()));
        }
      }
    }
    auto classes = j.find("classes");
    if (classes != j.end() && classes->is_array()) {
      for (size_t i = 0; i < classes->size(); ++i) {
        const json& c = (*classes)[i];
        std::string ptr = fmt::format("/classes/{}", i);
        if (!c.is_object() || !c.contains("name") || !c.contains("pattern") ||
            !c["pattern"].is_string()) {
          errors.push_back(doc.Error(ptr, "a class needs a \"name\" and a \"pattern\""));
          continue;
        }
        auto re = std::make_unique<re2::RE2>(c["pattern"].get<std::string>(), re2::RE2::Quiet);
        if (!re->ok()) {
          errors.push_back(doc.Error(ptr + "/pattern", "bad pattern: " + re->error()));
          continue;
        }
        s->d_->classes.emplace_back(c.value("name", ""), std::move(re));
      }
    }
    auto ex = j.find("examples");
    if (ex != j.end() && ex->is_array()) {
      for (size_t i = 0; i < ex->size(); ++i) {
        const json& e = (*ex)[i];
        if (!e.is_object() || !e.contains("measure") || !e.contains("subject") ||
            !e.contains("class")) {
          errors.push_back(doc.Error(fmt::format("/examples/{}", i),
                                     "an example needs \"measure\", \"subject\" and \"class\""));
          continue;
        }
        s->examples_.push_back({file.path, fmt::format("/examples/{}", i), e.value("measure", ""),
                                e.value("subject", ""), e.value("class", "")});
      }
    }
  }
  if (!found) errors.push_back("rules: error: no rule file of kind \"subjects\"");
  if (!errors.empty()) {
    std::string all;
    for (const std::string& e : errors) {
      if (!all.empty()) all += "\n";
      all += e;
    }
    return Status::Error(all);
  }
  return std::shared_ptr<const SubjectClasses>(std::move(s));
}

std::string SubjectClasses::ClassOf(const std::string& measure, const std::string& subject) const {
  auto totals = d_->totals.find(measure);
  std::string lower = AsciiLower(subject);
  std::string head = lower.substr(lower.rfind(' ') == std::string::npos ? 0 : lower.rfind(' ') + 1);
  if (totals != d_->totals.end() &&
      (totals->second.count("*") || totals->second.count(lower) || totals->second.count(head))) {
    return "total";
  }
  for (const auto& [name, re] : d_->classes) {
    if (re2::RE2::PartialMatch(subject, *re)) return name;
  }
  return lower;
}

void TestSubjectRules(const SubjectClasses& subjects, const std::vector<RuleFile>& all_files,
                      const std::set<std::string>& files, RuleTestReport* report) {
  for (const SubjectClasses::Example& ex : subjects.examples()) {
    if (!files.empty() && !files.count(ex.file)) continue;
    std::string got = subjects.ClassOf(ex.measure, ex.subject);
    if (got == ex.cls) {
      ++report->passed;
    } else {
      ++report->failed;
      report->failures.push_back({RuleLocation(all_files, ex.file, ex.pointer), "subjects",
                                  ex.measure + " " + ex.subject, ex.cls, got});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison

bool Disjoint(const Claim& a, const Claim& b) {
  if (a.high && b.low && *a.high < *b.low) return true;
  if (b.high && a.low && *b.high < *a.low) return true;
  return false;
}

bool Compatible(const std::vector<const Claim*>& claims) {
  double lo = -INFINITY, hi = INFINITY;
  for (const Claim* c : claims) {
    if (c->low) lo = std::max(lo, *c->low);
    if (c->high) hi = std::min(hi, *c->high);
  }
  return lo <= hi;
}

std::vector<uint32_t> SourceOf(const std::vector<int32_t>& copy_of, size_t documents) {
  std::vector<uint32_t> source(documents);
  for (size_t i = 0; i < documents; ++i) {
    uint32_t s = static_cast<uint32_t>(i);
    // Follow copies to the original; chains are short, and a loop cannot form because a copy
    // is never longer than its original.
    for (int hops = 0; hops < 32 && s < copy_of.size() && copy_of[s] >= 0; ++hops)
      s = static_cast<uint32_t>(copy_of[s]);
    source[i] = s;
  }
  return source;
}

namespace {

// Adds, for each document, event and measure with no total, the sum of parts listed together in
// one sentence ("13 US Marines and some 170 Afghan civilians").
void AddDerivedTotals(const CompareInput& in, std::vector<std::string>* classes) {
  std::vector<Claim>& claims = *in.claims;
  std::map<std::tuple<uint32_t, int32_t, std::string>, std::vector<uint32_t>> by_key;
  for (uint32_t i = 0; i < claims.size(); ++i) {
    if (claims[i].event < 0 || claims[i].unit == "text") continue;
    by_key[{claims[i].doc, claims[i].event, claims[i].measure}].push_back(i);
  }
  for (const auto& [key, ids] : by_key) {
    bool has_total = false;
    for (uint32_t i : ids) has_total = has_total || (*classes)[i] == "total";
    if (has_total) continue;
    std::map<uint32_t, std::vector<uint32_t>> by_sentence;
    for (uint32_t i : ids) by_sentence[claims[i].sentence].push_back(i);
    for (const auto& [sentence, parts] : by_sentence) {
      std::set<std::string> distinct;
      for (uint32_t i : parts) distinct.insert((*classes)[i]);
      if (parts.size() < 2 || distinct.size() < parts.size()) continue;
      Claim sum = claims[parts[0]];
      sum.value.clear();
      std::optional<double> low = 0, high = 0;
      sum.figure_low = sum.figure_high = 0;
      for (uint32_t i : parts) {
        const Claim& p = claims[i];
        if (!sum.value.empty()) sum.value += " + ";
        sum.value += p.value + " " + p.subject;
        low = low && p.low ? std::optional<double>(*low + *p.low) : std::nullopt;
        high = high && p.high ? std::optional<double>(*high + *p.high) : std::nullopt;
        sum.figure_low += p.figure_low;
        sum.figure_high += p.figure_high;
      }
      sum.low = low;
      sum.high = high;
      sum.hedge = Atom();
      sum.bound = "sum";
      sum.subject = "people";
      sum.role = "total";
      sum.part_of = -1;
      sum.rule = "derived.sum";
      // The parts as the sentence lists them.
      sum.text_span =
          Span{claims[parts.front()].text_span.begin, claims[parts.back()].text_span.end};
      claims.push_back(sum);
      classes->push_back("total");
    }
  }
}

std::string Quoted(const CompareInput& in, const Claim& c) {
  return fmt::format("\"{}\" ({})", c.value, (*in.doc_names)[c.doc]);
}

// "; by date reported: 23 March 2024: "more than 130" (b); 27 March 2024 (as of Wednesday):
// "140" (e)", or "" when the claims were not reported on at least two known days. `ids` are in
// report order.
std::string TimeOrder(const CompareInput& in, const std::vector<Claim>& claims,
                      const std::vector<uint32_t>& ids) {
  std::vector<std::string> days;
  std::string out;
  size_t undated = 0;
  for (size_t k = 0; k < ids.size();) {
    const Claim& c = claims[ids[k]];
    if (c.reported <= 0) {
      ++undated;
      ++k;
      continue;
    }
    std::vector<std::string> values;
    std::set<std::string> as;
    size_t j = k;
    for (; j < ids.size() && claims[ids[j]].reported == c.reported; ++j) {
      values.push_back(Quoted(in, claims[ids[j]]));
      if (!claims[ids[j]].reported_as.empty()) as.insert(claims[ids[j]].reported_as);
    }
    std::string day = FormatLongDay(c.reported);
    if (!as.empty()) day += " (" + Join(std::vector<std::string>(as.begin(), as.end()), ", ") + ")";
    days.push_back(day + ": " + Join(values, ", "));
    k = j;
  }
  if (days.size() < 2) return "";
  out = "; by date reported: " + Join(days, "; ");
  if (undated > 0) out += fmt::format("; {} undated", undated);
  return out;
}

// Sets the kind and reason of finding `*f` over the figures `ids` (in report order) of one
// event, measure and subject.
void CompareFigures(const CompareInput& in, const std::vector<uint32_t>& ids, Finding* f) {
  const std::vector<Claim>& claims = *in.claims;
  const Claim& first = claims[ids[0]];
  std::vector<const Claim*> members;
  for (uint32_t i : ids) members.push_back(&claims[i]);
  std::string what = MeasurePhrase(f->measure, f->subject);
  // Pairs that exclude each other are of three sorts: a figure superseded by a later report
  // (tolls rise as bodies are found: a later, higher count of the dead supersedes a lower
  // one); a document at odds with itself (an early "dozens" above a later "more than 130");
  // or a true clash between sources.
  std::vector<std::pair<const Claim*, const Claim*>> clashes, self_clashes;
  std::set<uint32_t> self_docs;
  bool compatible = Compatible(members);
  if (!compatible && ids.size() <= kMaxPairwise) {
    bool evolving = kEvolving.count(f->measure) > 0;
    for (size_t a = 0; a < ids.size(); ++a) {
      for (size_t b = a + 1; b < ids.size(); ++b) {
        const Claim& x = claims[ids[a]];  // reported no later than y
        const Claim& y = claims[ids[b]];
        if (!Disjoint(x, y)) continue;
        bool later = x.reported > 0 && y.reported > x.reported;
        bool rises = x.high && y.low && *x.high < *y.low;
        if (evolving && later && (rises || f->measure == "missing")) {
          f->superseded.push_back(ids[a]);
        } else if (x.doc == y.doc) {
          self_clashes.push_back({&x, &y});
          self_docs.insert(x.doc);
        } else {
          clashes.push_back({&x, &y});
        }
      }
    }
    std::set<uint32_t> superseded(f->superseded.begin(), f->superseded.end());
    f->superseded.clear();
    for (uint32_t i : ids) {
      if (superseded.count(i)) f->superseded.push_back(i);
    }
  }
  if (!compatible && clashes.empty() && !f->superseded.empty()) {
    f->kind = FindingKind::kUpdate;
    std::vector<std::string> old;
    for (uint32_t i : f->superseded) old.push_back(Quoted(in, claims[i]));
    f->reason =
        fmt::format("{} changed as reports came in: {} {} superseded by {}", what, Join(old, ", "),
                    old.size() == 1 ? "was" : "were", Quoted(in, claims[ids.back()]));
    for (uint32_t d : self_docs) {
      std::vector<std::string> values;
      for (uint32_t i : ids) {
        if (claims[i].doc == d) values.push_back("\"" + claims[i].value + "\"");
      }
      f->reason += fmt::format("; {} itself gives {}", (*in.doc_names)[d], Join(values, " and "));
    }
  } else if (!compatible) {
    f->kind = FindingKind::kConflict;
    // Name the closest pair that exclude each other, preferring a clash between sources and
    // figures stated exactly; in a large group, the claim that starts highest and the one that
    // ends lowest.
    const Claim* high = nullptr;
    const Claim* low = nullptr;
    const auto& pairs = !clashes.empty() ? clashes : self_clashes;
    if (!pairs.empty()) {
      std::tuple<int, double> best{3, INFINITY};
      for (auto [x, y] : pairs) {
        const Claim* a = x->high && y->low && *x->high < *y->low ? x : y;  // the lower
        const Claim* b = a == x ? y : x;
        int inexact = (a->bound != "exact") + (b->bound != "exact");
        std::tuple<int, double> score{inexact, *b->low - *a->high};
        if (score < best) {
          best = score;
          low = a;
          high = b;
        }
      }
    }
    if (low == nullptr) {
      for (const Claim* c : members) {
        if (c->low && (high == nullptr || *c->low > *high->low)) high = c;
        if (c->high && (low == nullptr || *c->high < *low->high)) low = c;
      }
    }
    f->reason =
        fmt::format("{} and {} cannot both be {}", Quoted(in, *low), Quoted(in, *high), what);
    double gap = *high->low - *low->high;
    if (first.unit.empty() && gap > 0 && gap <= 0.1 * std::max(1.0, *high->low))
      f->reason += ": close, but different";
    std::set<std::string> subjects;
    for (const Claim* c : members) {
      if (c->rule != "derived.sum") subjects.insert(c->subject);
    }
    if (subjects.size() > 1 && f->measure == "strength") {
      std::string list;
      for (const std::string& s : subjects) {
        if (!list.empty()) list += "; ";
        list += s;
      }
      f->reason += fmt::format(" (they count different people: {})", list);
    }
  } else {
    bool same = true;
    const Claim* model = nullptr;
    for (const Claim* c : members) {
      if (!c->resolved) continue;
      if (model == nullptr) model = c;
      same = same && c->figure_low == model->figure_low && c->figure_high == model->figure_high;
    }
    double lo = -INFINITY, hi = INFINITY;
    for (const Claim* c : members) {
      if (c->low) lo = std::max(lo, *c->low);
      if (c->high) hi = std::min(hi, *c->high);
    }
    std::string fits =
        std::isinf(hi) ? fmt::format("{} or more", FormatBound(first, lo))
        : lo == hi     ? FormatBound(first, lo)
                       : fmt::format("{} to {}", FormatBound(first, lo), FormatBound(first, hi));
    if (same) {
      f->kind = FindingKind::kAgreement;
      f->reason =
          fmt::format("{} independent sources state the same figure for {}", f->sources, what);
    } else if (!first.unit.empty()) {
      // "Friday" and "last week" are the same date told with less precision, not a discrepancy.
      f->kind = FindingKind::kAgreement;
      f->reason = fmt::format("{} independent sources agree on {} ({} fits every one)", f->sources,
                              what, fits);
    } else {
      f->kind = FindingKind::kVariant;
      f->reason = fmt::format("the figures for {} differ but can all be true ({} fits every one)",
                              what, fits);
    }
  }
  if (kEvolving.count(f->measure)) f->reason += TimeOrder(in, claims, ids);
}

}  // namespace

std::vector<Finding> Compare(const CompareInput& in) {
  std::vector<Claim>& claims = *in.claims;
  std::vector<std::string> classes;
  classes.reserve(claims.size());
  for (const Claim& c : claims) {
    if (c.unit == "text") {
      // A person's name and affiliation are one thing each; a quote is told apart by its words.
      classes.push_back(c.measure == "quote" ? c.subject : "total");
      continue;
    }
    classes.push_back(c.role == "part" && in.subjects->ClassOf(c.measure, c.subject) == "total"
                          ? AsciiLower(c.subject)
                          : in.subjects->ClassOf(c.measure, c.subject));
  }
  AddDerivedTotals(in, &classes);
  std::vector<uint32_t> source = SourceOf(*in.copy_of, in.doc_names->size());

  // One pass: group by (event, measure, subject class).
  std::unordered_map<std::string, std::vector<uint32_t>> groups;
  for (uint32_t i = 0; i < claims.size(); ++i) {
    const Claim& c = claims[i];
    if (c.event < 0 || (c.unit == "text" && in.people == nullptr)) continue;
    groups[fmt::format("{}\x1f{}\x1f{}", c.event, c.measure, classes[i])].push_back(i);
  }
  std::vector<Finding> findings;
  for (auto& [key, ids] : groups) {
    std::set<uint32_t> sources, stating;
    // A date left unresolved (no document date) is listed but says nothing for or against.
    for (uint32_t i : ids) {
      if (!claims[i].resolved) continue;
      sources.insert(source[claims[i].doc]);
      stating.insert(claims[i].doc);
    }
    // A document and its copies are one source. What they say alike of a person (a name, say)
    // is listed as an agreement of one source, never as corroboration; figures stated by one
    // source are not listed.
    bool one_source = sources.size() < 2;
    if (stating.size() < 2 || (one_source && claims[ids[0]].unit != "text")) continue;
    // In the order they were reported, undated claims last; then by document and position.
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      const Claim& x = claims[a];
      const Claim& y = claims[b];
      int64_t tx = x.reported > 0 ? x.reported : INT64_MAX,
              ty = y.reported > 0 ? y.reported : INT64_MAX;
      return std::tie(tx, x.doc, x.span.begin, x.rule) < std::tie(ty, y.doc, y.span.begin, y.rule);
    });
    const Claim& first = claims[ids[0]];
    Finding f;
    f.measure = first.measure;
    f.event_id = (*in.events)[first.event].id;
    f.event = (*in.events)[first.event].label;
    f.subject = classes[ids[0]];
    f.claims = ids;
    f.sources = static_cast<uint32_t>(sources.size());
    if (IsTextMeasure(f.measure)) {
      CompareTextGroup(in, ids, &f);
    } else {
      CompareFigures(in, ids, &f);
    }
    if (one_source) {
      if (f.kind != FindingKind::kAgreement) continue;
      std::vector<std::string> names;
      for (uint32_t d : stating) names.push_back((*in.doc_names)[d]);
      f.reason = fmt::format(
          "stated alike only by {}, copies of one article: one source, not "
          "corroboration",
          Join(names, " and "));
      findings.push_back(std::move(f));
      continue;
    }
    std::set<uint32_t> docs;
    for (uint32_t i : ids) docs.insert(claims[i].doc);
    for (uint32_t d : docs) {
      if (source[d] != d && docs.count(source[d])) {
        f.reason += fmt::format("; {} copies {} and is not counted as a separate source",
                                (*in.doc_names)[d], (*in.doc_names)[source[d]]);
      }
    }
    findings.push_back(std::move(f));
  }
  auto event_number = [](const std::string& id) { return std::atoi(id.c_str() + 1); };
  std::sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    return std::make_tuple(static_cast<int>(a.kind), event_number(a.event_id), a.measure,
                           a.subject) < std::make_tuple(static_cast<int>(b.kind),
                                                        event_number(b.event_id), b.measure,
                                                        b.subject);
  });
  return findings;
}

}  // namespace factdiff
