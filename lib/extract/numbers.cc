#include "factdiff/numbers.h"
#include "factdiff/strings.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "extract/tokens.h"

namespace factdiff {

using nlohmann::json;

const char* QuantityKindName(QuantityKind k) {
  switch (k) {
    case QuantityKind::kCount:
      return "count";
    case QuantityKind::kYear:
      return "year";
    case QuantityKind::kDate:
      return "date";
    case QuantityKind::kTime:
      return "time";
    case QuantityKind::kAge:
      return "age";
    case QuantityKind::kPercent:
      return "percent";
    case QuantityKind::kMoney:
      return "money";
    case QuantityKind::kDuration:
      return "duration";
    case QuantityKind::kMeasure:
      return "measure";
    case QuantityKind::kRate:
      return "rate";
    case QuantityKind::kIdentifier:
      return "identifier";
    case QuantityKind::kModifier:
      return "modifier";
    case QuantityKind::kOrdinal:
      return "ordinal";
    case QuantityKind::kScore:
      return "score";
    case QuantityKind::kDecimal:
      return "decimal";
  }
  return "count";
}

const char* BoundName(Bound b) {
  switch (b) {
    case Bound::kExact:
      return "exact";
    case Bound::kAtLeast:
      return "at least";
    case Bound::kMoreThan:
      return "more than";
    case Bound::kLessThan:
      return "less than";
    case Bound::kAtMost:
      return "at most";
    case Bound::kNearly:
      return "nearly";
    case Bound::kAbout:
      return "about";
  }
  return "exact";
}

namespace {

bool ParseBound(const std::string& s, Bound* b) {
  for (Bound x : {Bound::kExact, Bound::kAtLeast, Bound::kMoreThan, Bound::kLessThan,
                  Bound::kAtMost, Bound::kNearly, Bound::kAbout}) {
    if (s == BoundName(x)) {
      *b = x;
      return true;
    }
  }
  return false;
}

struct HedgePhrase {
  Phrase words;
  Bound bound;
};

struct PhraseQuantity {
  Phrase words;
  double low, high;
};

// A number as written, before hedges and classification. Token indices are inclusive.
struct NumExpr {
  size_t first = 0, last = 0;
  double low = 0, high = 0;
  bool integer = true;
  bool decimal = false;  // has a decimal part and no scale word
  bool vague = false;
  bool digits = false;                              // written with digits
  bool four_digit = false;                          // four digits, no separator: a possible year
  QuantityKind format_kind = QuantityKind::kCount;  // decided by the format alone (9:30, 6th)
  bool has_format_kind = false;
  std::string why;
};

// Phrases indexed by their first and by their last token, for quick matching around a number.
class PhraseIndex {
 public:
  void Add(Phrase p) {
    if (p.empty()) return;
    by_first_[p.front()].push_back(p);
    by_last_[p.back()].push_back(std::move(p));
  }
  void Finish() {
    for (auto* m : {&by_first_, &by_last_}) {
      for (auto& [k, v] : *m) {
        std::stable_sort(v.begin(), v.end(),
                         [](const Phrase& a, const Phrase& b) { return a.size() > b.size(); });
      }
    }
  }
  // Returns the longest phrase that matches at token i, or null.
  const Phrase* At(const std::vector<Token>& t, size_t i) const {
    if (i >= t.size()) return nullptr;
    auto it = by_first_.find(t[i].norm);
    if (it == by_first_.end()) return nullptr;
    for (const Phrase& p : it->second) {
      if (MatchesAt(t, i, p)) return &p;
    }
    return nullptr;
  }
  // Returns the longest phrase that ends just before token `end`, or null.
  const Phrase* Before(const std::vector<Token>& t, size_t end) const {
    if (end == 0 || end > t.size()) return nullptr;
    auto it = by_last_.find(t[end - 1].norm);
    if (it == by_last_.end()) return nullptr;
    for (const Phrase& p : it->second) {
      if (MatchesBefore(t, end, p)) return &p;
    }
    return nullptr;
  }

 private:
  std::unordered_map<std::string, std::vector<Phrase>> by_first_, by_last_;
};

}  // namespace

struct NumberGrammar::Tables {
  std::unordered_map<std::string, double> units, scales, multipliers;
  std::vector<PhraseQuantity> phrases;  // longest first
  std::vector<HedgePhrase> hedges, post_hedges;
  std::unordered_map<std::string, std::vector<const HedgePhrase*>> hedges_by_last;  // longest first
  std::unordered_set<std::string> range_joiners, range_openers, change_verbs, months,
      ordinal_suffixes, count_nouns_after_year, dash_counts;
  PhraseIndex year_before, percent_after, money_before, money_after, age_after, age_before,
      duration_after, time_after, measure_after, measure_before, rate_after, identifier_before,
      identifier_after;
  std::unordered_set<std::string> phrase_starts;  // first words of `phrases`
  // A quick filter before hashing: the lengths and first letters a number word can have.
  size_t max_word = 0;
  bool first_letter[26] = {};

  void NoteStartWord(const std::string& w) {
    max_word = std::max(max_word, w.size());
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') first_letter[w[0] - 'a'] = true;
  }
  size_t rate_window = 3;
  bool modifier_after_dash = true;

  static const Phrase* AnyAt(const std::vector<Token>& t, size_t i, const PhraseIndex& phrases) {
    return phrases.At(t, i);
  }
  static const Phrase* AnyBefore(const std::vector<Token>& t, size_t end,
                                 const PhraseIndex& phrases) {
    return phrases.Before(t, end);
  }

  // Parses a number (without range or hedge) starting at token i.
  bool ParseNumber(const std::vector<Token>& t, size_t i, NumExpr* e) const {
    if (i >= t.size()) return false;
    *e = NumExpr();
    e->first = i;
    for (const PhraseQuantity& p : phrases) {
      if (!phrase_starts.count(t[i].norm)) break;
      if (MatchesAt(t, i, p.words)) {
        e->last = i + p.words.size() - 1;
        e->low = p.low;
        e->high = p.high;
        e->vague = p.low != p.high;
        return true;
      }
    }
    const Token& tok = t[i];
    if (tok.type == Token::Type::kNumber) {
      e->digits = true;
      std::string digits;
      for (char c : tok.norm) {
        if (c != ',') digits.push_back(c);
      }
      // Past fifteen digits a double no longer holds the figure as written; no news count or
      // year is that long (a serial number or junk is).
      if (digits.size() - (digits.find('.') != std::string::npos ? 1 : 0) > 15) return false;
      double v = std::strtod(digits.c_str(), nullptr);
      bool has_decimal = tok.norm.find('.') != std::string::npos;
      e->four_digit = tok.norm.size() == 4 && !has_decimal;
      e->last = i;
      if (i + 1 < t.size() && t[i + 1].type == Token::Type::kWord && scales.count(t[i + 1].norm) &&
          t[i + 1].norm != "hundred") {
        v *= scales.at(t[i + 1].norm);
        e->last = i + 1;
        e->four_digit = false;
      } else if (has_decimal) {
        e->decimal = true;
      }
      e->low = e->high = v;
      e->integer = v == std::floor(v);
      // Formats that decide the kind at once.
      auto glued = [&](size_t k) { return k < t.size() && !t[k].space_before; };
      if (glued(i + 1) && glued(i + 2) && t[i + 2].type == Token::Type::kNumber) {
        const std::string& sep = t[i + 1].norm;
        if (sep == ":") {
          e->last = i + 2;
          e->format_kind = QuantityKind::kTime;
          e->has_format_kind = true;
          e->why = "written h:mm";
          return true;
        }
        if ((sep == "/" || (sep == "-" && e->four_digit)) && glued(i + 3) && glued(i + 4) &&
            t[i + 3].norm == sep && t[i + 4].type == Token::Type::kNumber) {
          e->last = i + 4;
          e->format_kind = QuantityKind::kDate;
          e->has_format_kind = true;
          e->why = "written as a numeric date";
          return true;
        }
      }
      if (glued(i + 1) && t[i + 1].type == Token::Type::kWord) {
        if (t[i + 1].norm == "s" && e->four_digit) {
          e->last = i + 1;
          e->format_kind = QuantityKind::kYear;
          e->has_format_kind = true;
          e->why = "a decade";
          return true;
        }
        if (ordinal_suffixes.count(t[i + 1].norm)) {
          e->last = i + 1;
          e->format_kind = QuantityKind::kOrdinal;
          e->has_format_kind = true;
          e->why = "an ordinal";
          return true;
        }
      }
      return true;
    }
    if (tok.type != Token::Type::kWord || !units.count(tok.norm)) return false;
    // Number words: "one hundred and fifty", "twenty-two", "two dozen", "three thousand".
    double total = 0, current = 0;
    bool any = false;
    size_t j = i;
    e->last = i;
    while (j < t.size()) {
      const std::string& w = t[j].norm;
      auto unit = units.find(w);
      if (unit != units.end()) {
        double v = unit->second;
        bool joins_tens =
            any && v < 10 && std::fmod(current, 100) >= 20 && std::fmod(current, 10) == 0;
        bool after_hundred = any && current > 0 && std::fmod(current, 100) == 0;
        if (any && !joins_tens && !after_hundred && !(current == 0 && total > 0)) break;
        current += v;
        any = true;
        e->last = j;
      } else if (any && scales.count(w)) {
        double s = scales.at(w);
        if (s == 100) {
          current = (current == 0 ? 1 : current) * 100;
        } else {
          total += (current == 0 ? 1 : current) * s;
          current = 0;
        }
        e->last = j;
      } else if (any && multipliers.count(w)) {
        current *= multipliers.at(w);
        e->last = j;
      } else if (any && (w == "-" || w == "and") && j + 1 < t.size() &&
                 units.count(t[j + 1].norm)) {
        // "twenty-two"; "hundred and fifty"
        ++j;
        continue;
      } else {
        break;
      }
      ++j;
    }
    e->low = e->high = total + current;
    return true;
  }

  // Returns true iff a number can start at token i.
  bool StartsNumber(const std::vector<Token>& t, size_t i) const {
    const Token& tok = t[i];
    if (tok.type == Token::Type::kNumber) return true;
    if (tok.type != Token::Type::kWord) return false;
    const std::string& w = tok.norm;
    if (w.size() > max_word || w[0] < 'a' || w[0] > 'z' || !first_letter[w[0] - 'a']) return false;
    return units.count(w) > 0 || phrase_starts.count(w) > 0;
  }
};

NumberGrammar::NumberGrammar() : t_(std::make_unique<Tables>()) {}
NumberGrammar::~NumberGrammar() = default;

Result<std::shared_ptr<const NumberGrammar>> NumberGrammar::Create(
    const std::vector<RuleFile>& files) {
  std::shared_ptr<NumberGrammar> g(new NumberGrammar());
  Tables& t = *g->t_;
  std::vector<std::string> errors;
  bool found = false;
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok()) {
      // Reported by whichever loader owns the file's kind; only ours matter here.
      continue;
    }
    const RuleDocument& doc = *parsed;
    if (doc.kind() != "numbers") continue;
    found = true;
    const json& j = doc.json();
    auto number_map = [&](const char* key, std::unordered_map<std::string, double>* out) {
      auto it = j.find(key);
      if (it == j.end()) return;
      if (!it->is_object()) {
        errors.push_back(doc.Error(std::string("/") + key,
                                   fmt::format("\"{}\" must be an object of numbers", key)));
        return;
      }
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (!m.value().is_number()) {
          errors.push_back(doc.Error(fmt::format("/{}/{}", key, m.key()), "expected a number"));
          continue;
        }
        (*out)[m.key()] = m.value().get<double>();
      }
    };
    number_map("units", &t.units);
    number_map("scales", &t.scales);
    number_map("multipliers", &t.multipliers);
    auto string_list = [&](const json& parent, const std::string& pointer, const char* key,
                           PhraseIndex* phrases, std::unordered_set<std::string>* words) {
      auto it = parent.find(key);
      if (it == parent.end()) return;
      if (!it->is_array()) {
        errors.push_back(
            doc.Error(pointer + "/" + key, fmt::format("\"{}\" must be an array of strings", key)));
        return;
      }
      for (size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_string() || v.get<std::string>().empty()) {
          errors.push_back(
              doc.Error(fmt::format("{}/{}/{}", pointer, key, i), "expected a non-empty string"));
          continue;
        }
        if (phrases != nullptr) phrases->Add(ParsePhrase(v.get<std::string>()));
        if (words != nullptr) words->insert(v.get<std::string>());
      }
      if (phrases != nullptr) phrases->Finish();
    };
    auto it = j.find("phrases");
    if (it != j.end() && it->is_array()) {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& p = (*it)[i];
        if (!p.is_object() || !p.contains("words") || !p["words"].is_string() ||
            !p.contains("low") || !p["low"].is_number() || !p.contains("high") ||
            !p["high"].is_number()) {
          errors.push_back(doc.Error(fmt::format("/phrases/{}", i),
                                     "a phrase needs \"words\", \"low\" and \"high\""));
          continue;
        }
        t.phrases.push_back({ParsePhrase(p["words"].get<std::string>()), p["low"].get<double>(),
                             p["high"].get<double>()});
        if (!t.phrases.back().words.empty()) t.phrase_starts.insert(t.phrases.back().words.front());
      }
      std::stable_sort(t.phrases.begin(), t.phrases.end(),
                       [](const PhraseQuantity& a, const PhraseQuantity& b) {
                         return a.words.size() > b.words.size();
                       });
    }
    for (const char* key : {"hedges", "post_hedges"}) {
      auto h = j.find(key);
      if (h == j.end()) continue;
      std::vector<HedgePhrase>& out = std::string_view(key) == "hedges" ? t.hedges : t.post_hedges;
      for (size_t i = 0; i < h->size(); ++i) {
        const json& p = (*h)[i];
        Bound b;
        if (!p.is_object() || !p.contains("words") || !p["words"].is_string() ||
            !p.contains("bound") || !p["bound"].is_string() ||
            !ParseBound(p["bound"].get<std::string>(), &b)) {
          errors.push_back(
              doc.Error(fmt::format("/{}/{}", key, i),
                        "a hedge needs \"words\" and a \"bound\": exact, at least, more than, "
                        "less than, at most, nearly or about"));
          continue;
        }
        out.push_back({ParsePhrase(p["words"].get<std::string>()), b});
      }
      std::stable_sort(out.begin(), out.end(), [](const HedgePhrase& a, const HedgePhrase& b) {
        return a.words.size() > b.words.size();
      });
    }
    string_list(j, "", "range_joiners", nullptr, &t.range_joiners);
    string_list(j, "", "range_openers", nullptr, &t.range_openers);
    string_list(j, "", "change_verbs", nullptr, &t.change_verbs);
    string_list(j, "", "months", nullptr, &t.months);
    string_list(j, "", "year_before", &t.year_before, nullptr);
    auto nc = j.find("not_counts");
    if (nc != j.end() && nc->is_object()) {
      const json& n = *nc;
      string_list(n, "/not_counts", "percent_after", &t.percent_after, nullptr);
      string_list(n, "/not_counts", "money_before", &t.money_before, nullptr);
      string_list(n, "/not_counts", "money_after", &t.money_after, nullptr);
      string_list(n, "/not_counts", "age_after", &t.age_after, nullptr);
      string_list(n, "/not_counts", "age_before", &t.age_before, nullptr);
      string_list(n, "/not_counts", "duration_after", &t.duration_after, nullptr);
      string_list(n, "/not_counts", "time_after", &t.time_after, nullptr);
      string_list(n, "/not_counts", "measure_after", &t.measure_after, nullptr);
      string_list(n, "/not_counts", "measure_before", &t.measure_before, nullptr);
      string_list(n, "/not_counts", "rate_after", &t.rate_after, nullptr);
      string_list(n, "/not_counts", "identifier_before", &t.identifier_before, nullptr);
      string_list(n, "/not_counts", "identifier_after", &t.identifier_after, nullptr);
      string_list(n, "/not_counts", "ordinal_suffixes", nullptr, &t.ordinal_suffixes);
      string_list(n, "/not_counts", "dash_counts", nullptr, &t.dash_counts);
      string_list(n, "/not_counts", "count_nouns_after_year", nullptr, &t.count_nouns_after_year);
      if (n.contains("rate_window") && n["rate_window"].is_number_unsigned()) {
        t.rate_window = n["rate_window"].get<size_t>();
      }
      if (n.contains("modifier_after_dash") && n["modifier_after_dash"].is_boolean()) {
        t.modifier_after_dash = n["modifier_after_dash"].get<bool>();
      }
    }
    auto ex = j.find("examples");
    if (ex != j.end() && ex->is_array()) {
      for (size_t i = 0; i < ex->size(); ++i) {
        const json& e = (*ex)[i];
        std::string ptr = fmt::format("/examples/{}", i);
        if (!e.is_object() || !e.contains("text") || !e["text"].is_string() ||
            !e.contains("quantities") || !e["quantities"].is_array()) {
          errors.push_back(doc.Error(ptr, "an example needs \"text\" and \"quantities\""));
          continue;
        }
        Example example{file.path, ptr, e["text"].get<std::string>(), {}};
        for (const json& q : e["quantities"]) {
          ExampleQuantity eq;
          eq.text = q.value("text", "");
          eq.kind = q.value("kind", "count");
          if (q.contains("low"))
            eq.low = q["low"].is_null() ? std::optional<double>() : q["low"].get<double>();
          if (q.contains("high"))
            eq.high = q["high"].is_null() ? std::optional<double>() : q["high"].get<double>();
          eq.bound = q.value("bound", "");
          example.quantities.push_back(std::move(eq));
        }
        g->examples_.push_back(std::move(example));
      }
    }
  }
  if (!found) errors.push_back("rules: error: no rule file of kind \"numbers\"");
  for (const HedgePhrase& h : t.hedges) {
    if (!h.words.empty())
      t.hedges_by_last[h.words.back()].push_back(&h);  // t.hedges is sorted longest first
  }
  for (const auto& [w, v] : t.units) t.NoteStartWord(w);
  for (const std::string& w : t.phrase_starts) t.NoteStartWord(w);
  if (!errors.empty()) {
    std::string all = Join(errors, "\n");
    return Status::Error(all);
  }
  // The screen: a digit, or any word that can start a number.
  std::string words;
  std::unordered_set<std::string> starts;
  for (const auto& [w, v] : t.units) starts.insert(w);
  for (const PhraseQuantity& p : t.phrases) {
    for (const std::string& w : p.words) {
      if (w != "a" && w != "of" && w != "no" && w != "half") starts.insert(w);
    }
  }
  for (const std::string& w : starts) AppendSeparated(&words, "|", RE2::QuoteMeta(w));
  g->screen_pattern_ = "[0-9]|(?i:\\b(?:" + words + ")\\b)";
  g->screen_ = std::make_unique<re2::RE2>(g->screen_pattern_, re2::RE2::Quiet);
  return std::shared_ptr<const NumberGrammar>(std::move(g));
}

bool NumberGrammar::MayHoldNumber(std::string_view text) const {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *screen_);
}

void NumberGrammar::Find(std::string_view text, Span span, std::vector<Quantity>* out) const {
  const Tables& T = *t_;
  thread_local std::vector<Token> t;  // reused: Find runs once per candidate sentence
  Tokenize(text, span, &t);
  size_t n = t.size();
  auto word = [&](size_t k) -> const std::string& {
    static const std::string kNone;
    return k < n ? t[k].norm : kNone;
  };
  size_t i = 0;
  while (i < n) {
    if (!T.StartsNumber(t, i)) {
      ++i;
      continue;
    }
    NumExpr e;
    if (!T.ParseNumber(t, i, &e)) {
      ++i;
      continue;
    }
    Quantity q;
    size_t start = e.first;  // first token of the quantity, hedges included
    size_t end = e.last;     // last token
    double low = e.low, high = e.high;
    bool range = false;
    QuantityKind kind = QuantityKind::kCount;
    bool decided = e.has_format_kind;
    if (decided) {
      kind = e.format_kind;
      q.why = e.why;
      if (kind == QuantityKind::kOrdinal &&
          (T.months.count(word(e.last + 1)) ||
           (word(e.last + 1) == "of" && T.months.count(word(e.last + 2))))) {
        kind = QuantityKind::kDate;
        q.why = "a day of a month";
      }
    }

    // Ranges: "1500 to 2200", "4,000-6,000", "between 4,000 and 6,000", "from 50 to 60", "two or
    // three".
    bool opener_between = start > 0 && word(start - 1) == "between";
    bool opener_from = start > 0 && word(start - 1) == "from" && T.range_openers.count("from");
    bool change = opener_from && start >= 2 && T.change_verbs.count(word(start - 2));
    if (!decided && !change) {
      const std::string& joiner = word(end + 1);
      bool joins = opener_between ? joiner == "and" : T.range_joiners.count(joiner) > 0;
      NumExpr e2;
      if (joins && end + 2 < n && T.ParseNumber(t, end + 2, &e2) && !e2.has_format_kind) {
        if (e2.low > e.high) {
          range = true;
          high = e2.high;
          end = e2.last;
          if (opener_between || opener_from) --start;
        } else if (joiner == "-" && e.digits && e2.digits && !t[end + 1].space_before &&
                   !t[end + 2].space_before) {
          kind = QuantityKind::kScore;
          decided = true;
          q.why = "two numbers joined by a dash, the second smaller";
          end = e2.last;
        }
      }
    }
    size_t num_first = e.first;  // the first number token (after any opener)

    // Currency before the number: "$5 million", "more than $5 million".
    size_t hedge_end = start;
    if (!decided) {
      if (const Phrase* p = Tables::AnyBefore(t, start, T.money_before)) {
        kind = QuantityKind::kMoney;
        decided = true;
        q.why = "after a currency sign";
        hedge_end = start - p->size();
      }
    }
    bool year_candidate = e.four_digit && e.low >= 1800 && e.low <= 2100 && !range;
    // Hedges before: the longest that ends where the number (or its currency sign) starts.
    Bound bound = Bound::kExact;
    auto hedge_list =
        hedge_end > 0 ? T.hedges_by_last.find(t[hedge_end - 1].norm) : T.hedges_by_last.end();
    for (const HedgePhrase* hp : hedge_list == T.hedges_by_last.end()
                                     ? std::vector<const HedgePhrase*>()
                                     : hedge_list->second) {
      const HedgePhrase& h = *hp;
      if (MatchesBefore(t, hedge_end, h.words)) {
        bound = h.bound;
        start = hedge_end - h.words.size();
        for (size_t k = start; k < hedge_end; ++k) AppendSeparated(&q.hedge, " ", t[k].norm);
        break;
      }
    }
    // Hedges after: "100 or more", "100-plus", "100 or so".
    for (const HedgePhrase& h : T.post_hedges) {
      if (MatchesAt(t, end + 1, h.words)) {
        size_t after = end + 1 + h.words.size();
        if (after < n && t[after].type == Token::Type::kNumber) continue;  // "13 plus 170": a sum
        if (!q.hedge.empty()) break;
        bound = h.bound;
        for (size_t k = end + 1; k < after; ++k) {
          if (t[k].norm != "-") AppendSeparated(&q.hedge, " ", t[k].norm);
        }
        end = after - 1;
        break;
      }
    }
    size_t next = end + 1;  // first token after the quantity

    if (!decided) {
      auto set = [&](QuantityKind k, std::string why) {
        kind = k;
        decided = true;
        q.why = std::move(why);
      };
      const Phrase* p = nullptr;
      bool count_noun_next = T.count_nouns_after_year.count(word(next)) > 0;
      if ((p = Tables::AnyAt(t, next, T.percent_after))) {
        set(QuantityKind::kPercent, "followed by '" + word(next) + "'");
      } else if ((p = Tables::AnyAt(t, next, T.money_after))) {
        set(QuantityKind::kMoney, "followed by '" + word(next) + "'");
      } else if ((p = Tables::AnyAt(t, e.last + 1, T.age_after)) ||
                 (p = Tables::AnyAt(t, next, T.age_after))) {
        set(QuantityKind::kAge, "an age ('year-old')");
      } else if ((p = Tables::AnyBefore(t, start, T.age_before))) {
        set(QuantityKind::kAge, "an age (after '" + word(start - 1) + "')");
      } else if (start >= 2 && word(start - 1) == "," && next < n && word(next) == "," &&
                 t[start - 2].type == Token::Type::kWord && text[t[start - 2].begin] >= 'A' &&
                 text[t[start - 2].begin] <= 'Z' && e.integer && e.low > 0 && e.low < 120 &&
                 !range && bound == Bound::kExact) {
        set(QuantityKind::kAge, "an age (', N,' after a name)");
      } else if ((p = Tables::AnyAt(t, next, T.time_after))) {
        set(QuantityKind::kTime, "followed by '" + word(next) + "'");
      } else if (year_candidate && !count_noun_next && Tables::AnyBefore(t, start, T.year_before)) {
        set(QuantityKind::kYear, "a year (after '" + word(start - 1) + "')");
      } else if (year_candidate && !count_noun_next &&
                 (bound == Bound::kExact || bound == Bound::kAbout)) {
        set(QuantityKind::kYear, "a bare four-digit number between 1800 and 2100");
      } else if (e.integer && e.low >= 1 && e.low <= 31 && !range &&
                 (T.months.count(word(num_first - 1)) ||
                  (word(num_first - 1) == "." && num_first >= 2 &&
                   T.months.count(word(num_first - 2))) ||
                  T.months.count(word(next)) ||
                  (word(next) == "of" && T.months.count(word(next + 1))))) {
        set(QuantityKind::kDate, "a day of a month");
      } else if ((p = Tables::AnyAt(t, e.last + 1, T.duration_after)) ||
                 (p = Tables::AnyAt(t, next, T.duration_after))) {
        set(QuantityKind::kDuration, "followed by '" + word(next) + "'");
      } else if ((p = Tables::AnyAt(t, next, T.measure_after))) {
        set(QuantityKind::kMeasure, "followed by '" + word(next) + "'");
      } else if ((p = Tables::AnyBefore(t, start, T.measure_before))) {
        set(QuantityKind::kMeasure, "after '" + word(start - 1) + "'");
      } else if ((p = Tables::AnyBefore(t, start, T.identifier_before)) ||
                 (p = Tables::AnyAt(t, next, T.identifier_after))) {
        set(QuantityKind::kIdentifier, "a name or number of something");
      } else if (T.modifier_after_dash && word(next) == "-" && next + 1 < n &&
                 t[next + 1].type == Token::Type::kWord && !T.dash_counts.count(word(next + 1))) {
        set(QuantityKind::kModifier, "a compound modifier ('-" + word(next + 1) + "')");
      } else {
        for (size_t k = next; k < n && k <= end + T.rate_window; ++k) {
          if (Tables::AnyAt(t, k, T.rate_after)) {
            set(QuantityKind::kRate, "a rate ('" + word(k) + "')");
            break;
          }
        }
      }
      if (!decided && e.decimal) set(QuantityKind::kDecimal, "a decimal with no scale word");
    }

    // The interval under the hedge.
    std::optional<double> lo = low, hi = high;
    bool integer = e.integer;
    switch (bound) {
      case Bound::kExact:
        break;
      case Bound::kAtLeast:
        hi.reset();
        break;
      case Bound::kMoreThan:
        lo = high + (integer ? 1 : 0);
        hi.reset();
        break;
      case Bound::kLessThan:
        lo = 0;
        hi = low - (integer ? 1 : 0);
        break;
      case Bound::kAtMost:
        lo = 0;
        break;
      case Bound::kNearly:
        lo = low - std::max(1.0, std::ceil(low * 0.05));
        hi = low - 1;
        break;
      case Bound::kAbout:
        // The small epsilon keeps 170 * 1.1 at 187, not 187.00000000000003 -> 188.
        lo = std::floor(low * 0.9 + 1e-9);
        hi = std::ceil(high * 1.1 - 1e-9);
        break;
    }
    q.span = Span{t[start].begin, t[end].end};
    q.figure_low = low;
    q.figure_high = high;
    q.kind = kind;
    q.bound = bound;
    q.low = lo;
    q.high = hi;
    q.range = range;
    q.vague = e.vague;
    if (kind == QuantityKind::kCount) q.why.clear();
    out->push_back(std::move(q));
    i = end + 1;
  }
}

}  // namespace factdiff
