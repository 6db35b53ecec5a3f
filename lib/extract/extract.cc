#include "factdiff/extract.h"
#include "factdiff/strings.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "extract/rules_internal.h"
#include "factdiff/dates.h"

namespace factdiff {

namespace {

constexpr size_t kMarkerLen = 3;

// A piece of the rewritten sentence: either text copied from the original or a placeholder.
struct Piece {
  uint32_t rw_begin;
  uint32_t rw_end;
  uint32_t orig_begin;
  uint32_t orig_end;
  int count = -1;  // index into the sentence's counts for a placeholder
};

class Rewritten {
 public:
  std::string text;
  std::vector<Piece> pieces;

  // Maps a rewritten offset to the original text. `end` selects the end of a placeholder.
  uint32_t ToOriginal(uint32_t rw, bool end) const {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), rw,
                               [](uint32_t x, const Piece& p) { return x < p.rw_begin; });
    if (it == pieces.begin()) return pieces.empty() ? 0 : pieces[0].orig_begin;
    const Piece& p = *(it - 1);
    if (p.count >= 0) return end && rw > p.rw_begin ? p.orig_end : p.orig_begin;
    if (end && rw == p.rw_begin && it - 1 != pieces.begin()) {
      const Piece& prev = *(it - 2);
      if (prev.count >= 0) return prev.orig_end;
    }
    return p.orig_begin + (rw - p.rw_begin);
  }
};

// Reads a placeholder match: returns its index and sets *type to 0 for a count, 1 for a date,
// 2 for an age; returns -1 when `g` is not a placeholder.
int ParsePlaceholder(re2::StringPiece g, int* type) {
  if (g.data() == nullptr || g.size() < 2 * kMarkerLen + 1) return -1;
  std::string_view open(g.data(), kMarkerLen);
  if (open == "\xEE\x80\x80") {
    *type = 0;
  } else if (open == "\xEE\x80\x82") {
    *type = 1;
  } else if (open == "\xEE\x80\x84") {
    *type = 2;
  } else {
    return -1;
  }
  if (g.size() - 2 * kMarkerLen > 9) return -1;  // no sentence has a billion placeholders
  int v = 0;
  for (size_t i = kMarkerLen; i < g.size() - kMarkerLen; ++i) {
    char c = g[i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Appends `s` to `*out` with each character of the placeholder markers' range (U+E000..U+E03F,
// private use) that the text itself holds replaced by U+FFFD, of the same length, so that an
// article cannot forge a placeholder.
void AppendWithoutMarkers(std::string_view s, std::string* out) {
  size_t from = 0;
  for (size_t i = s.find('\xEE'); i != std::string_view::npos; i = s.find('\xEE', i + 1)) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      out->append(s, from, i - from);
      out->append("\xEF\xBF\xBD");
      from = i + 3;
      i += 2;
    }
  }
  out->append(s, from, std::string_view::npos);
}

// The count index in a placeholder match, or -1 when it is not a count.
int PlaceholderIndex(re2::StringPiece g) {
  int type = -1;
  int idx = ParsePlaceholder(g, &type);
  return type == 0 ? idx : -1;
}

std::string FormatBound(const std::optional<double>& v) {
  if (!v) return "inf";
  if (*v == std::floor(*v) && std::fabs(*v) < 1e15)
    return fmt::format("{}", static_cast<long long>(*v));
  return fmt::format("{}", *v);
}

std::string ShowPlaceholders(std::string_view rw) {
  std::string out;
  size_t i = 0;
  while (i < rw.size()) {
    int type = -1;
    size_t k = i + kMarkerLen;
    while (k < rw.size() && rw[k] >= '0' && rw[k] <= '9') ++k;
    if (k + kMarkerLen <= rw.size() &&
        ParsePlaceholder(re2::StringPiece(rw.data() + i, k + kMarkerLen - i), &type) >= 0) {
      out += "\xE2\x9F\xA8";  // ⟨
      out += type == 0 ? "" : type == 1 ? "date " : "age ";
      out.append(rw.substr(i + kMarkerLen, k - i - kMarkerLen));
      out += "\xE2\x9F\xA9";  // ⟩
      i = k + kMarkerLen;
      continue;
    }
    out.push_back(rw[i++]);
  }
  return out;
}

struct Candidate {
  size_t rule;
  uint32_t begin, end;  // in the rewritten sentence
  std::vector<re2::StringPiece> groups;
  std::vector<int> counts;  // the count indices it uses
};

}  // namespace

struct Extractor::Screen {
  // `set`: entry 0: a number; 1: a date; k + 2: the rules' screen k. `people`: entry k, the
  // people cue k's screen (null when there are none). Two sets rather than one: the DFA of one
  // set over every pattern has many more states to build as new text comes than two smaller
  // ones, and building states is most of a set's cost on text it has not seen
  // (docs/benchmarks.md).
  std::unique_ptr<re2::RE2::Set> set, people;
};

std::string FoldSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string DescribeClaim(const Claim& c) {
  if (c.unit == "text") {
    std::string s = fmt::format("{} \"{}\"", c.measure, c.value);
    if (c.measure != "person") s += fmt::format(" of {}", c.person);
    if (!c.title.empty()) s += fmt::format(" (title \"{}\")", c.title);
    if (!c.detail.empty()) s += fmt::format(" (post \"{}\")", c.detail);
    return s;
  }
  std::string s = !c.resolved
                      ? fmt::format("{} \"{}\" [unresolved] {}", c.measure, c.value, c.subject)
                      : fmt::format("{} \"{}\" [{}, {}] {}", c.measure, c.value, FormatBound(c.low),
                                    FormatBound(c.high), c.subject);
  if (c.role == "part") s += " (part)";
  if (!c.attribution.empty()) s += fmt::format(" (according to {})", c.attribution);
  return s;
}

Result<std::shared_ptr<const Extractor>> Extractor::Create(const std::vector<RuleFile>& files) {
  Result<std::shared_ptr<const NumberGrammar>> numbers = NumberGrammar::Create(files);
  Result<std::shared_ptr<const RuleSet>> rules = RuleSet::Create(files);
  Result<std::shared_ptr<const DateGrammar>> dates = DateGrammar::Create(files);
  Result<std::shared_ptr<const PeopleRules>> people = PeopleRules::Create(files);
  if (!numbers.ok() || !rules.ok() || !dates.ok() || !people.ok()) {
    std::string msg = numbers.ok() ? "" : numbers.status().message();
    if (!dates.ok()) AppendSeparated(&msg, "\n", dates.status().message());
    if (!people.ok()) AppendSeparated(&msg, "\n", people.status().message());
    if (!rules.ok()) AppendSeparated(&msg, "\n", rules.status().message());
    return Status::Error(msg);
  }
  std::shared_ptr<Extractor> e(new Extractor());
  e->numbers_ = *numbers;
  e->rules_ = *rules;
  e->dates_ = *dates;
  e->people_ = *people;
  auto screen = std::make_shared<Screen>();
  re2::RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(int64_t{64} << 20);
  screen->set = std::make_unique<re2::RE2::Set>(opts, re2::RE2::UNANCHORED);
  std::string err;
  bool ok = screen->set->Add(e->numbers_->screen_pattern(), &err) >= 0 &&
            screen->set->Add(e->dates_->screen_pattern(), &err) >= 0;
  for (const std::string& s : e->rules_->compiled().screens)
    ok = ok && screen->set->Add(s, &err) >= 0;
  if (!e->people_->screens().empty()) {
    screen->people = std::make_unique<re2::RE2::Set>(opts, re2::RE2::UNANCHORED);
    for (const std::string& s : e->people_->screens()) ok = ok && screen->people->Add(s, &err) >= 0;
    ok = ok && screen->people->Compile();
  }
  if (!ok || !screen->set->Compile())
    return Status::Error("rules: error: cannot build the screening set: " + err);
  e->screen_ = std::move(screen);
  return std::shared_ptr<const Extractor>(std::move(e));
}

void Extractor::ExtractSpan(std::string_view text, Span sentence, int anchor,
                            std::vector<Claim>* out, Explanation* trace,
                            std::vector<int>* people_cues) const {
  std::string_view s = sentence.Of(text);
  const RuleSet::Compiled& c = rules_->compiled();
  // The screen: a number or a date, and the trigger words of at least one rule; and which
  // people cues may match.
  std::vector<int> screened;
  re2::StringPiece sp_sentence(s.data(), s.size());
  screen_->set->Match(sp_sentence, &screened);
  if (people_cues != nullptr) {
    people_cues->clear();
    if (screen_->people != nullptr) screen_->people->Match(sp_sentence, people_cues);
    std::sort(people_cues->begin(), people_cues->end());
  }
  bool number = false, date = false;
  std::vector<bool> triggered(c.rules.size(), false);
  bool any_rule = false;
  std::vector<bool> screen_hit(c.screens.size(), false);
  for (int h : screened) {
    if (h == 0) {
      number = true;
    } else if (h == 1) {
      date = true;
    } else {
      screen_hit[h - 2] = true;
      for (int r : c.screen_rules[h - 2]) triggered[r] = any_rule = true;
    }
  }
  // A rule over dates is of no use without a date, nor one over counts without a number.
  bool date_rule = false, count_rule = false;
  any_rule = false;
  for (size_t r = 0; r < triggered.size(); ++r) {
    if (!triggered[r]) continue;
    bool reads_date = c.rules[r].ReadsDate();
    triggered[r] = reads_date ? date : number;
    for (int also : c.rules[r].screens_also) triggered[r] = triggered[r] && screen_hit[also];
    any_rule = any_rule || triggered[r];
    date_rule = date_rule || (triggered[r] && reads_date);
    count_rule = count_rule || (triggered[r] && !reads_date);
  }
  if ((!number && !date) || (!any_rule && trace == nullptr)) return;
  std::vector<Quantity> quantities;
  numbers_->Find(text, sentence, &quantities);
  std::vector<const Quantity*> counts;
  for (const Quantity& q : quantities) {
    if (q.kind == QuantityKind::kCount) counts.push_back(&q);
  }
  std::vector<DateExpr> dates;
  // Dates are read for the rules over dates, and for "as of Wednesday", which dates a count.
  auto says_as_of = [&] {
    for (size_t i = s.find("s of "); i != std::string_view::npos; i = s.find("s of ", i + 1)) {
      if (i > 0 && (s[i - 1] == 'a' || s[i - 1] == 'A')) return true;
    }
    return false;
  };
  if (date && (date_rule || trace != nullptr || says_as_of())) {
    std::vector<DateExpr> found;
    dates_->Find(text, sentence, anchor, quantities, &found);
    for (DateExpr& d : found) {
      bool overlaps = false;
      for (const Quantity* q : counts)
        overlaps = overlaps || (q->span.begin < d.span.end && d.span.begin < q->span.end);
      if (!overlaps) dates.push_back(std::move(d));
    }
  }
  if (trace != nullptr) {
    trace->quantities = quantities;
    trace->dates = dates;
  }
  if (!any_rule || (counts.empty() && dates.empty())) return;

  // The sentence as the rules see it: counts and dates become placeholders. Slot i is count i;
  // slot counts.size() + j is date j.
  struct Slot {
    Span span;
    std::string placeholder;
    int index;
  };
  std::vector<Slot> slots;
  for (size_t i = 0; i < counts.size(); ++i)
    slots.push_back({counts[i]->span, CountPlaceholder(i), static_cast<int>(i)});
  for (size_t j = 0; j < dates.size(); ++j) {
    slots.push_back(
        {dates[j].span, DatePlaceholder(j, dates[j].age), static_cast<int>(counts.size() + j)});
  }
  std::sort(slots.begin(), slots.end(),
            [](const Slot& a, const Slot& b) { return a.span.begin < b.span.begin; });
  Rewritten rw;
  uint32_t pos = sentence.begin;
  auto copy = [&](uint32_t to) {
    if (to <= pos) return;
    uint32_t b = static_cast<uint32_t>(rw.text.size());
    AppendWithoutMarkers(text.substr(pos, to - pos), &rw.text);
    rw.pieces.push_back(Piece{b, static_cast<uint32_t>(rw.text.size()), pos, to, -1});
    pos = to;
  };
  for (const Slot& slot : slots) {
    if (slot.span.begin < pos) continue;  // overlapping dates: the first wins
    copy(slot.span.begin);
    uint32_t b = static_cast<uint32_t>(rw.text.size());
    rw.text += slot.placeholder;
    rw.pieces.push_back(Piece{b, static_cast<uint32_t>(rw.text.size()), slot.span.begin,
                              slot.span.end, slot.index});
    pos = slot.span.end;
  }
  copy(sentence.end);
  if (trace != nullptr) trace->rewritten = ShowPlaceholders(rw.text);

  const std::vector<ClaimRule>& rules = rules_->rules();
  re2::StringPiece input(rw.text);
  if (trace != nullptr) {
    for (size_t r = 0; r < rules.size(); ++r) {
      if (triggered[r]) trace->screened.push_back(rules[r].id);
    }
  }
  // Each pass finds the spans (leftmost-longest over its rules); each span is then named by the
  // first triggered rule that matches exactly it, anchored at both ends.
  std::vector<Candidate> candidates;
  for (int p = 0; p < 2; ++p) {
    const RuleSet::Compiled::Pass& pass = c.passes[p];
    if (pass.combined == nullptr || (p == 1 ? !date_rule : !count_rule)) continue;
    // Every rule of the pass needs its placeholder, so there is nothing to find past the last.
    const char opener = p == 0 ? '\x80' : '\x82';
    auto holds_placeholder = [opener](re2::StringPiece t) {
      std::string_view v(t.data(), t.size());
      for (size_t i = v.find("\xEE\x80"); i != std::string_view::npos;
           i = v.find("\xEE\x80", i + 1)) {
        if (i + 2 < v.size() && (v[i + 2] == opener || (opener == '\x82' && v[i + 2] == '\x84')))
          return true;
      }
      return false;
    };
    re2::StringPiece rest = input;
    re2::StringPiece whole;
    while (holds_placeholder(rest) &&
           pass.combined->Match(rest, 0, rest.size(), re2::RE2::UNANCHORED, &whole, 1)) {
      size_t begin = static_cast<size_t>(whole.data() - rw.text.data());
      size_t end = begin + whole.size();
      re2::StringPiece span(rw.text.data() + begin, whole.size());
      std::vector<int> named;
      pass.anchored->Match(span, &named);
      std::sort(named.begin(), named.end());
      for (int k : named) {
        int r = pass.rules[k];
        if (!triggered[r]) continue;
        const CompiledRule& cr = c.rules[r];
        std::vector<re2::StringPiece> g(cr.groups + 1);
        if (!cr.re->Match(span, 0, span.size(), re2::RE2::ANCHOR_BOTH, g.data(),
                          static_cast<int>(g.size())))
          continue;
        Candidate cand;
        cand.rule = r;
        cand.begin = static_cast<uint32_t>(begin);
        cand.end = static_cast<uint32_t>(end);
        cand.groups = std::move(g);
        for (const CompiledSpec& spec : cr.specs) {
          if (spec.count >= 0) {
            int idx = PlaceholderIndex(cand.groups[spec.count]);
            if (idx >= 0) cand.counts.push_back(idx);
          }
          if (spec.date >= 0) {
            int type = -1;
            int idx = ParsePlaceholder(cand.groups[spec.date], &type);
            if (idx >= 0 && type > 0) cand.counts.push_back(static_cast<int>(counts.size()) + idx);
          }
          for (int gi : spec.sum) {
            int idx = gi >= 0 ? PlaceholderIndex(cand.groups[gi]) : -1;
            if (idx >= 0) cand.counts.push_back(idx);
          }
        }
        if (!cand.counts.empty()) {
          candidates.push_back(std::move(cand));
          break;
        }
      }
      size_t next = whole.empty() ? end + 1 : end;
      if (next > rw.text.size()) break;
      rest = re2::StringPiece(rw.text.data() + next, rw.text.size() - next);
    }
  }
  // The longest match wins a count; then the rule that comes first.
  std::vector<size_t> order(candidates.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    uint32_t la = candidates[a].end - candidates[a].begin,
             lb = candidates[b].end - candidates[b].begin;
    if (la != lb) return la > lb;
    return candidates[a].rule < candidates[b].rule;
  });
  std::vector<bool> taken(counts.size() + dates.size(), false);
  std::vector<bool> kept(candidates.size(), false);
  std::vector<std::string> notes(candidates.size());
  for (size_t k : order) {
    const Candidate& cand = candidates[k];
    bool free = true;
    for (int idx : cand.counts) {
      if (taken[idx]) {
        free = false;
        break;
      }
    }
    if (!free) {
      notes[k] = "its count was taken by a longer match";
      continue;
    }
    for (int idx : cand.counts) taken[idx] = true;
    kept[k] = true;
  }
  // Claims, in text order of their matches.
  std::vector<size_t> accepted;
  for (size_t k = 0; k < candidates.size(); ++k) {
    if (kept[k]) accepted.push_back(k);
  }
  std::sort(accepted.begin(), accepted.end(),
            [&](size_t a, size_t b) { return candidates[a].begin < candidates[b].begin; });
  size_t first_claim = out->size();
  for (size_t k : accepted) {
    const Candidate& cand = candidates[k];
    const ClaimRule& rule = rules[cand.rule];
    const CompiledRule& cr = c.rules[cand.rule];
    std::vector<int32_t> produced(rule.claims.size(), -1);
    for (size_t si = 0; si < rule.claims.size(); ++si) {
      const ClaimSpec& spec = rule.claims[si];
      const CompiledSpec& cs = cr.specs[si];
      Claim claim;
      claim.measure = spec.measure;
      claim.rule = rule.id;
      if (cs.date >= 0) {
        int type = -1;
        int idx = ParsePlaceholder(cand.groups[cs.date], &type);
        if (idx < 0 || type == 0) continue;
        const DateExpr& d = dates[idx];
        claim.value = FoldSpaces(d.span.Of(text));
        claim.unit = spec.unit;
        claim.resolved = d.resolved;
        claim.resolution = d.why;
        if (d.resolved) {
          int y1, m1, d1, y2, m2, d2;
          CivilFromDays(d.first, &y1, &m1, &d1);
          CivilFromDays(d.last, &y2, &m2, &d2);
          claim.low = spec.unit == "year" ? y1 : DayNumber(d.first);
          claim.high = spec.unit == "year" ? y2 : DayNumber(d.last);
          claim.figure_low = *claim.low;
          claim.figure_high = *claim.high;
          claim.bound = "exact";
        } else {
          claim.bound = "unresolved";
        }
        claim.span = d.span;
      } else if (cs.sum.empty()) {
        int idx = cs.count >= 0 ? PlaceholderIndex(cand.groups[cs.count]) : -1;
        if (idx < 0) continue;
        const Quantity& q = *counts[idx];
        claim.value = FoldSpaces(q.span.Of(text));
        claim.low = q.low;
        claim.high = q.high;
        claim.figure_low = q.figure_low;
        claim.figure_high = q.figure_high;
        claim.hedge = q.hedge;
        claim.bound = BoundName(q.bound);
        claim.span = q.span;
      } else {
        std::optional<double> low = 0, high = 0;
        bool any = false;
        for (int gi : cs.sum) {
          int idx = gi >= 0 ? PlaceholderIndex(cand.groups[gi]) : -1;
          if (idx < 0) continue;
          const Quantity& q = *counts[idx];
          claim.value += (any ? " + " : "") + FoldSpaces(q.span.Of(text));
          claim.figure_low += q.figure_low;
          claim.figure_high += q.figure_high;
          low = low && q.low ? std::optional<double>(*low + *q.low) : std::nullopt;
          high = high && q.high ? std::optional<double>(*high + *q.high) : std::nullopt;
          if (!any) claim.span = q.span;
          any = true;
        }
        if (!any) continue;
        claim.low = low;
        claim.high = high;
        claim.bound = "sum";
      }
      if (cs.subject >= 0 && cand.groups[cs.subject].data() != nullptr &&
          !cand.groups[cs.subject].empty()) {
        uint32_t b = static_cast<uint32_t>(cand.groups[cs.subject].data() - rw.text.data());
        uint32_t e = b + static_cast<uint32_t>(cand.groups[cs.subject].size());
        uint32_t ob = rw.ToOriginal(b, false), oe = rw.ToOriginal(e, true);
        claim.subject = FoldSpaces(text.substr(ob, oe - ob));
      }
      if (claim.subject.empty())
        claim.subject = spec.default_subject.empty() ? "people" : spec.default_subject;
      claim.role = spec.role;
      if (spec.role == "part" && spec.of >= 0 && produced[spec.of] >= 0)
        claim.part_of = produced[spec.of];
      if (spec.role == "part" && claim.part_of < 0)
        claim.role = "total";  // its total was not stated
      claim.sentence_span = sentence;
      produced[si] = static_cast<int32_t>(out->size());
      out->push_back(std::move(claim));
    }
  }
  if (out->size() > first_claim) {
    // Attribution: the first attribution rule that names a source.
    std::string source;
    re2::StringPiece sp(s.data(), s.size());
    std::vector<int> attribution_hits;
    c.attribution_set->Match(sp, &attribution_hits);
    std::sort(attribution_hits.begin(), attribution_hits.end());
    for (int a : attribution_hits) {
      if (!source.empty()) break;
      const re2::RE2& re = *c.attributions[a];
      std::vector<re2::StringPiece> g(re.NumberOfCapturingGroups() + 1);
      size_t at = 0;
      while (at <= s.size() && re.Match(sp, at, s.size(), re2::RE2::UNANCHORED, g.data(),
                                        static_cast<int>(g.size()))) {
        re2::StringPiece src = g[c.attribution_source[a]];
        std::string candidate = FoldSpaces(std::string_view(src.data(), src.size()));
        while (!candidate.empty() && (candidate.back() == ',' || candidate.back() == ' '))
          candidate.pop_back();
        std::string lower = candidate;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (!candidate.empty() && !rules_->IgnoredSource(lower)) {
          source = candidate;
          break;
        }
        size_t end = static_cast<size_t>(g[0].data() - s.data()) + g[0].size();
        at = end > at ? end : at + 1;
      }
    }
    for (size_t i = first_claim; i < out->size(); ++i) (*out)[i].attribution = source;
    // When it was reported: "as of Wednesday" in the sentence, else the document's date.
    int reported = anchor;
    std::string reported_as;
    for (const DateExpr& d : dates) {
      std::string before = std::string(text.substr(sentence.begin, d.span.begin - sentence.begin));
      for (char& ch : before) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (before.size() >= 6 && before.compare(before.size() - 6, 6, "as of ") == 0) {
        reported = d.resolved ? d.last : 0;
        reported_as = "as of " + std::string(d.span.Of(text));
      }
    }
    for (size_t i = first_claim; i < out->size(); ++i) {
      (*out)[i].reported = reported;
      (*out)[i].reported_as = reported_as;
    }
  }
  if (trace != nullptr) {
    for (size_t k = 0; k < candidates.size(); ++k) {
      const Candidate& cand = candidates[k];
      const CompiledRule& cr = c.rules[cand.rule];
      Explanation::Match m;
      m.rule = rules[cand.rule].id;
      m.span = Span{rw.ToOriginal(cand.begin, false) - sentence.begin,
                    rw.ToOriginal(cand.end, true) - sentence.begin};
      for (const auto& [name, gi] : cr.re->NamedCapturingGroups()) {
        const re2::StringPiece& g = cand.groups[gi];
        if (g.data() == nullptr) continue;
        uint32_t b = static_cast<uint32_t>(g.data() - rw.text.data());
        uint32_t e = b + static_cast<uint32_t>(g.size());
        uint32_t ob = rw.ToOriginal(b, false), oe = rw.ToOriginal(e, true);
        m.groups.emplace_back(name, std::string(text.substr(ob, oe - ob)));
      }
      m.kept = kept[k];
      m.note = notes[k];
      trace->matches.push_back(std::move(m));
    }
  }
}

void FoldEvidence(std::string_view text, Span sentence, Span span, std::string* evidence,
                  Span* value) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  if (span.begin < sentence.begin || span.end > sentence.end || span.begin > span.end) {
    *evidence = FoldSpaces(sentence.Of(text));
    *value = Span{};
    return;
  }
  Span window = sentence;
  if (sentence.size() > kMaxEvidenceBytes) {
    // Context on both sides of the span, what one side lacks going to the other.
    size_t room = kMaxEvidenceBytes > span.size() ? kMaxEvidenceBytes - span.size() : 0;
    size_t before = std::min<size_t>(room / 2, span.begin - sentence.begin);
    size_t after = std::min<size_t>(room - before, sentence.end - span.end);
    before = std::min<size_t>(room - after, span.begin - sentence.begin);
    window =
        Span{static_cast<uint32_t>(span.begin - before), static_cast<uint32_t>(span.end + after)};
    // Cut at spaces (never inside a word, so never inside a character).
    if (window.begin > sentence.begin) {
      while (window.begin < span.begin && !is_space(text[window.begin - 1])) ++window.begin;
    }
    if (window.end < sentence.end) {
      while (window.end > span.end && !is_space(text[window.end])) --window.end;
    }
  }
  const bool cut_before = window.begin > sentence.begin;
  const bool cut_after = window.end < sentence.end;
  std::string head = FoldSpaces(text.substr(window.begin, span.begin - window.begin));
  bool gap = !head.empty() && is_space(text[span.begin - 1]);
  std::string folded_value = FoldSpaces(span.Of(text));
  evidence->clear();
  if (cut_before) evidence->append("\u2026 ");
  uint32_t begin = static_cast<uint32_t>(evidence->size() + head.size() + (gap ? 1 : 0));
  evidence->append(FoldSpaces(window.Of(text)));
  if (cut_after) evidence->append(" \u2026");
  *value = Span{begin, begin + static_cast<uint32_t>(folded_value.size())};
}

void Extractor::Extract(const Document& doc, uint32_t doc_index, const Segmentation& seg,
                        std::vector<Claim>* out) const {
  int year = 0, month = 0, anchor = 0;
  if (!ParseDocumentDate(doc.date, &year, &month, &anchor)) anchor = 0;
  // The people cues each sentence's screen let through, for the people pass.
  std::vector<std::vector<int>> people_cues(seg.sentences.size());
  for (uint32_t si = 0; si < seg.sentences.size(); ++si) {
    const Sentence& sentence = seg.sentences[si];
    size_t first = out->size();
    ExtractSpan(doc.text, sentence.span, anchor, out, nullptr, &people_cues[si]);
    if (out->size() == first) continue;
    for (size_t i = first; i < out->size(); ++i) {
      Claim& c = (*out)[i];
      c.doc = doc_index;
      c.sentence = si;
      SourceMap::Position p = doc.map.Locate(c.span.begin);
      c.line = p.line;
      c.col = p.col;
      FoldEvidence(doc.text, sentence.span, c.span, &c.text, &c.text_span);
    }
  }
  size_t first = out->size();
  people_->Extract(doc.text, seg, out, &people_cues);
  for (size_t i = first; i < out->size(); ++i) {
    Claim& c = (*out)[i];
    c.doc = doc_index;
    SourceMap::Position p = doc.map.Locate(c.span.begin);
    c.line = p.line;
    c.col = p.col;
    FoldEvidence(doc.text, c.sentence_span, c.span, &c.text, &c.text_span);
  }
}

std::vector<Claim> Extractor::ExtractSentence(std::string_view sentence, Explanation* trace,
                                              int anchor) const {
  std::vector<Claim> claims;
  if (trace != nullptr) *trace = Explanation{std::string(sentence), {}, {}, "", {}, {}, {}};
  ExtractSpan(sentence, Span{0, static_cast<uint32_t>(sentence.size())}, anchor, &claims, trace);
  Span all{0, static_cast<uint32_t>(sentence.size())};
  for (Claim& c : claims) FoldEvidence(sentence, all, c.span, &c.text, &c.text_span);
  if (trace != nullptr) trace->claims = claims;
  return claims;
}

}  // namespace factdiff
