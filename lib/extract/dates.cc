#include "factdiff/dates.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "extract/tokens.h"
#include "factdiff/strings.h"

namespace factdiff {

using nlohmann::json;

int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int z, int* year, int* month, int* day) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);
  *year = y + (m <= 2);
  *month = m;
  *day = d;
}

std::string FormatDay(int days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string FormatLongDay(int days) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return fmt::format("{} {} {}", d, kMonths[m - 1], y);
}

std::string FormatDateBound(std::string_view unit, double bound) {
  int n = static_cast<int>(bound);
  if (unit != "day") return std::to_string(n);
  return FormatLongDay(DaysFromCivil(n / 10000, n / 100 % 100, n % 100));
}

int DayNumber(int days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return y * 10000 + m * 100 + d;
}

namespace {

constexpr const char* kMonthNames[] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};

int DaysInMonth(int y, int m) {
  return DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - DaysFromCivil(y, m, 1);
}

// ISO weekday (1 = Monday) of a day count; 1970-01-01 was a Thursday.
int IsoWeekday(int days) { return ((days % 7) + 7 + 3) % 7 + 1; }

int MonthNumber(std::string lower) {
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i) {
    std::string name = kMonthNames[i];
    if (lower == name ||
        (lower.size() >= 3 && name.compare(0, lower.size(), lower) == 0 && lower.size() <= 4)) {
      return i + 1;
    }
  }
  return 0;
}

// Adds `months` to (y, m).
void AddMonths(int* y, int* m, int months) {
  int total = *y * 12 + (*m - 1) + months;
  *y = total / 12;
  *m = total % 12 + 1;
}

}  // namespace

bool ParseDocumentDate(std::string_view date, int* year, int* month, int* day) {
  std::string s(date);
  int y = 0, m = 0, d = 0;
  static const re2::RE2 kIso("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
  static const re2::RE2 kSlash("\\b(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})\\b");
  static const re2::RE2 kMonthDayYear(
      "(?i)\\b([a-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
  static const re2::RE2 kDayMonthYear(
      "(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?([a-z]{3,9})\\.?,?\\s+(\\d{4})\\b");
  static const re2::RE2 kMonthYear("(?i)\\b([a-z]{3,9})\\.?,?\\s+(\\d{4})\\b");
  static const re2::RE2 kYear("\\b(1[89]\\d{2}|20\\d{2})\\b");
  std::string a, b, c;
  if (re2::RE2::PartialMatch(s, kIso, &a, &b, &c)) {
    y = std::stoi(a);
    m = std::stoi(b);
    d = std::stoi(c);
  } else if (re2::RE2::PartialMatch(s, kSlash, &a, &b, &c)) {
    m = std::stoi(a);
    d = std::stoi(b);
    y = std::stoi(c);
    if (c.size() == 2) y += y < 50 ? 2000 : 1900;
  } else if (re2::RE2::PartialMatch(s, kMonthDayYear, &a, &b, &c) && MonthNumber(a) != 0) {
    m = MonthNumber(a);
    d = std::stoi(b);
    y = std::stoi(c);
  } else if (re2::RE2::PartialMatch(s, kDayMonthYear, &a, &b, &c) && MonthNumber(b) != 0) {
    d = std::stoi(a);
    m = MonthNumber(b);
    y = std::stoi(c);
  } else if (re2::RE2::PartialMatch(s, kMonthYear, &a, &b) && MonthNumber(a) != 0) {
    m = MonthNumber(a);
    y = std::stoi(b);
  } else if (re2::RE2::PartialMatch(s, kYear, &a)) {
    y = std::stoi(a);
  } else {
    return false;
  }
  if (y < 1800 || y > 2200 || m < 0 || m > 12 || d < 0 || (m != 0 && d > DaysInMonth(y, m)))
    return false;
  *year = y;
  *month = m;
  *day = m >= 1 && d >= 1 ? DaysFromCivil(y, m, d) : 0;
  return true;
}

int InferDocumentDate(std::string_view text, std::string* how) {
  constexpr size_t kInferTopBytes = 2000;
  size_t nl = text.find('\n');
  std::string_view first = text.substr(0, std::min(nl, text.size()));
  int y, m, d;
  if (first.size() <= 80 && ParseDocumentDate(first, &y, &m, &d) && d != 0) {
    *how = "a dateline";
    return d;
  }
  static const re2::RE2 kFull(
      "(?i)\\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|"
      "rd|th)?,?\\s+\\d{4}|"
      "\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)["
      "a-z]*\\.?,?\\s+\\d{4})\\b");
  // Only the top of the text: news gives the day of its event there, while dates further down
  // are mostly background (an earlier attack's date is no guide to when the article was written).
  re2::StringPiece input(text.data(), std::min(text.size(), kInferTopBytes));
  std::string found;
  int latest = 0;
  while (re2::RE2::FindAndConsume(&input, kFull, &found)) {
    if (ParseDocumentDate(found, &y, &m, &d) && d > latest) latest = d;
  }
  if (latest != 0) *how = "the latest full date at the top of the text";
  return latest;
}

DocumentDate DecideDocumentDate(const std::string& metadata, const std::string& given,
                                std::string_view text) {
  DocumentDate out;
  int y = 0, m = 0, d = 0;
  if (!metadata.empty()) {
    if (ParseDocumentDate(metadata, &y, &m, &d)) {
      out.text = metadata;
      out.day = d;
      out.source = "metadata";
      return out;
    }
    out.unreadable = true;
  }
  if (!given.empty() && ParseDocumentDate(given, &y, &m, &d)) {
    out.text = given;
    out.day = d;
    out.source = "--date";
    return out;
  }
  std::string how;
  out.day = InferDocumentDate(text, &how);
  if (out.day != 0) {
    out.text = FormatDay(out.day);
    out.source = "inferred from " + how;
  } else {
    out.source = "none";
  }
  return out;
}

struct DateGrammar::Tables {
  std::unordered_map<std::string, int> months, weekdays;
  std::map<std::string, std::pair<int, int>> seasons, year_parts, month_parts, day_words;
  std::map<std::string, int> recent;
  // day_words and recent as token phrases, parsed once.
  std::vector<std::pair<Phrase, std::pair<int, int>>> day_phrases;
  std::vector<std::pair<Phrase, int>> recent_phrases;
  std::unordered_map<std::string, int> ago_hedges;
  std::vector<std::string> age_nouns;
};

DateGrammar::DateGrammar() : t_(std::make_unique<Tables>()) {}
DateGrammar::~DateGrammar() = default;

Result<std::shared_ptr<const DateGrammar>> DateGrammar::Create(const std::vector<RuleFile>& files) {
  std::shared_ptr<DateGrammar> g(new DateGrammar());
  Tables& t = *g->t_;
  std::vector<std::string> errors;
  bool found = false;
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok() || parsed->kind() != "dates") continue;
    found = true;
    const RuleDocument& doc = *parsed;
    const json& j = doc.json();
    auto ints = [&](const char* key, std::unordered_map<std::string, int>* out) {
      auto it = j.find(key);
      if (it == j.end() || !it->is_object()) {
        errors.push_back(doc.Error(std::string("/") + key,
                                   fmt::format("\"{}\" must be an object of numbers", key)));
        return;
      }
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (m.value().is_number_integer()) (*out)[m.key()] = m.value().get<int>();
      }
    };
    auto pairs = [&](const char* key, std::map<std::string, std::pair<int, int>>* out) {
      auto it = j.find(key);
      if (it == j.end() || !it->is_object()) {
        errors.push_back(
            doc.Error(std::string("/") + key,
                      fmt::format("\"{}\" must be an object of [from, to] pairs", key)));
        return;
      }
      for (auto m = it->begin(); m != it->end(); ++m) {
        const json& v = m.value();
        if (!v.is_array() || v.size() != 2 || !v[0].is_number_integer() ||
            !v[1].is_number_integer()) {
          errors.push_back(doc.Error(fmt::format("/{}/{}", key, m.key()), "expected [from, to]"));
          continue;
        }
        (*out)[m.key()] = {v[0].get<int>(), v[1].get<int>()};
      }
    };
    ints("months", &t.months);
    ints("weekdays", &t.weekdays);
    pairs("seasons", &t.seasons);
    pairs("year_parts", &t.year_parts);
    pairs("month_parts", &t.month_parts);
    pairs("day_words", &t.day_words);
    std::unordered_map<std::string, int> recent;
    ints("recent", &recent);
    for (const auto& [k, v] : recent) t.recent[k] = v;
    ints("ago_hedges", &t.ago_hedges);
    if (j.contains("age_nouns") && j["age_nouns"].is_array()) {
      for (const json& w : j["age_nouns"]) {
        if (w.is_string()) t.age_nouns.push_back(w.get<std::string>());
      }
    }
    auto ex = j.find("examples");
    if (ex != j.end() && ex->is_array()) {
      for (size_t i = 0; i < ex->size(); ++i) {
        const json& e = (*ex)[i];
        std::string ptr = fmt::format("/examples/{}", i);
        if (!e.is_object() || !e.contains("text") || !e["text"].is_string()) {
          errors.push_back(doc.Error(ptr, "an example needs \"text\", \"anchor\" and \"dates\""));
          continue;
        }
        Example example{file.path, ptr, e["text"].get<std::string>(), e.value("anchor", ""), {}};
        if (e.contains("dates") && e["dates"].is_array()) {
          for (const json& dj : e["dates"]) {
            ExampleDate d;
            d.text = dj.value("text", "");
            d.unresolved = dj.value("unresolved", false);
            d.first = dj.value("first", "");
            d.last = dj.value("last", "");
            example.dates.push_back(std::move(d));
          }
        }
        g->examples_.push_back(std::move(example));
      }
    }
  }
  for (const auto& [k, v] : t.day_words) t.day_phrases.emplace_back(ParsePhrase(k), v);
  for (const auto& [k, v] : t.recent) t.recent_phrases.emplace_back(ParsePhrase(k), v);
  if (!found) errors.push_back("rules: error: no rule file of kind \"dates\"");
  if (!errors.empty()) return Status::Error(Join(errors, "\n"));
  if (t.age_nouns.empty()) {
    t.age_nouns = {"group",   "organisation", "organization", "movement",   "party",    "militia",
                   "network", "affiliate",    "branch",       "insurgency", "campaign", "conflict",
                   "war",     "company",      "outfit",       "faction",    "chapter"};
  }
  g->screen_ =
      "(?i:\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b|\\b(?:mon|tues|wednes|"
      "thurs|fri|satur|sun)day|"
      "yesterday|today|tonight|tomorrow|\\bago\\b|\\bold\\b|recent|\\blast\\b|\\bthis "
      "(?:week|month|year|weekend|morning)|"
      "\\bpast\\b|\\bdecade|\\b(?:spring|summer|autumn|fall|winter)\\b)|\\b1[89][0-9]{2}\\b|\\b20["
      "0-9]{2}\\b|[0-9]/[0-9]";
  return std::shared_ptr<const DateGrammar>(std::move(g));
}

namespace {

// The state of one parse: the tokens of a span, what the number grammar made of them, and the
// anchor.
class DateParser {
 public:
  DateParser(const DateGrammar::Tables& t, std::string_view text, Span span, int anchor,
             const std::vector<Quantity>& quantities, std::vector<DateExpr>* out)
      : t_(t), text_(text), anchor_(anchor), out_(out) {
    Tokenize(text, span, &tok_);
    for (const Quantity& q : quantities) {
      if (q.kind == QuantityKind::kYear || q.kind == QuantityKind::kDate)
        quantity_at_[q.span.begin] = &q;
    }
    if (anchor_ != 0) CivilFromDays(anchor_, &ay_, &am_, &ad_);
  }

  void Run() {
    size_t i = 0;
    while (i < tok_.size()) {
      size_t end = Match(i);
      i = end > i ? end : i + 1;
    }
  }

 private:
  const std::string& W(size_t i) const {
    static const std::string kNone;
    return i < tok_.size() ? tok_[i].norm : kNone;
  }
  bool Is(size_t i, const char* w) const { return W(i) == w; }
  static std::string Capitalized(std::string w) {
    if (!w.empty()) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    return w;
  }
  // A word without its possessive: "friday's" -> "friday".
  static std::string Bare(const std::string& w) {
    return w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0 ? w.substr(0, w.size() - 2) : w;
  }
  int Month(size_t i) const {
    auto it = t_.months.find(Bare(W(i)));
    return it == t_.months.end() ? 0 : it->second;
  }
  int Weekday(size_t i) const {
    auto it = t_.weekdays.find(Bare(W(i)));
    return it == t_.weekdays.end() ? 0 : it->second;
  }
  // A year (per the number grammar) at token i, or 0; *decade set for "1990s".
  int Year(size_t i, bool* decade = nullptr) const {
    if (i >= tok_.size() || tok_[i].type != Token::Type::kNumber) return 0;
    auto it = quantity_at_.find(tok_[i].begin);
    if (it == quantity_at_.end() || it->second->kind != QuantityKind::kYear) return 0;
    if (decade != nullptr)
      *decade = i + 1 < tok_.size() && W(i + 1) == "s" && !tok_[i + 1].space_before;
    return std::atoi(tok_[i].norm.c_str());
  }
  // A day of the month at token i (1-31), or 0; *len gets its token count ("6th" is two).
  int Day(size_t i, size_t* len) const {
    if (i >= tok_.size() || tok_[i].type != Token::Type::kNumber || tok_[i].norm.size() > 2)
      return 0;
    int d = std::atoi(tok_[i].norm.c_str());
    if (d < 1 || d > 31) return 0;
    *len = 1;
    const std::string& next = W(i + 1);
    if ((next == "st" || next == "nd" || next == "rd" || next == "th") && !tok_[i + 1].space_before)
      *len = 2;
    return d;
  }
  // A count of units at token i: digits, a number word, "a" or "an". Returns tokens used.
  size_t Count(size_t i, int* n) const {
    static const std::map<std::string, int> kWords = {
        {"a", 1},       {"an", 1},      {"one", 1},     {"two", 2},     {"three", 3},
        {"four", 4},    {"five", 5},    {"six", 6},     {"seven", 7},   {"eight", 8},
        {"nine", 9},    {"ten", 10},    {"eleven", 11}, {"twelve", 12}, {"fifteen", 15},
        {"twenty", 20}, {"thirty", 30}, {"forty", 40},  {"fifty", 50},  {"several", 3},
        {"few", 3}};
    if (i >= tok_.size()) return 0;
    if (tok_[i].type == Token::Type::kNumber &&
        tok_[i].norm.find_first_not_of("0123456789") == std::string::npos) {
      *n = std::atoi(tok_[i].norm.c_str());
      return 1;
    }
    auto it = kWords.find(W(i));
    if (it == kWords.end()) return 0;
    *n = it->second;
    return 1;
  }
  // Returns the unit at token i: 1 day, 7 week, 30 month, 365 year, 3650 decade; 0 if none.
  int Unit(size_t i) const {
    const std::string& w = W(i);
    if (w == "day" || w == "days") return 1;
    if (w == "week" || w == "weeks") return 7;
    if (w == "month" || w == "months") return 30;
    if (w == "year" || w == "years") return 365;
    if (w == "decade" || w == "decades") return 3650;
    return 0;
  }

  void Emit(size_t from, size_t to, int first, int last, const char* unit, bool relative,
            std::string why, bool age = false) {
    // "Earlier this month" in a document of the 1st (or "earlier this week" on a Monday): the
    // period before the document's day is empty; the day itself is the nearest reading.
    if (last < first) last = first;
    DateExpr e;
    e.span = Span{tok_[from].begin, tok_[to - 1].end};
    // Leave a possessive out of the text: "Friday's attack" dates "Friday".
    std::string_view tail = text_.substr(e.span.begin, e.span.size());
    if (tail.size() > 2 && tail.substr(tail.size() - 2) == "'s")
      e.span.end -= 2;
    else if (tail.size() > 4 && tail.substr(tail.size() - 4) == "\xE2\x80\x99s")
      e.span.end -= 4;
    e.relative = relative;
    e.age = age;
    e.unit = unit;
    e.resolved = !relative || anchor_ != 0;
    if (e.resolved) {
      e.first = first;
      e.last = last;
    }
    // A full stop after a full word or a number ends the sentence, not an abbreviation.
    std::string_view written = text_.substr(e.span.begin, e.span.size());
    if (written.size() > 1 && written.back() == '.') {
      size_t space = written.find_last_of(' ');
      std::string word(written.substr(space == std::string_view::npos ? 0 : space + 1));
      word.pop_back();
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      static const std::set<std::string> kAbbreviations = {"jan", "feb", "mar", "apr",  "jun",
                                                           "jul", "aug", "sep", "sept", "oct",
                                                           "nov", "dec", "a.m", "p.m"};
      if (!kAbbreviations.count(word)) --e.span.end;
    }
    if (!e.resolved) {
      e.why = "no document date to resolve it against";
    } else if (relative) {
      e.why = fmt::format("{}; the document's date: {}", why, FormatDay(anchor_));
    } else {
      e.why = std::move(why);
    }
    out_->push_back(std::move(e));
  }
  // Emits months.first to months.second of year `y` as one period.
  void EmitMonths(size_t from, size_t to, int y, std::pair<int, int> months, std::string why) {
    EmitMonth(from, to, y, months.first, 1, 31, false, std::move(why));
    out_->back().last = DaysFromCivil(y, months.second, DaysInMonth(y, months.second));
    out_->back().unit = "period";
  }
  void EmitMonth(size_t from, size_t to, int y, int m, int d1, int d2, bool relative,
                 std::string why) {
    int last = std::min(d2, DaysInMonth(y, m));
    Emit(from, to, DaysFromCivil(y, m, d1), DaysFromCivil(y, m, last), "month", relative,
         std::move(why));
  }
  void EmitYear(size_t from, size_t to, int y1, int y2, bool relative, std::string why,
                bool age = false) {
    Emit(from, to, DaysFromCivil(y1, 1, 1), DaysFromCivil(y2, 12, 31), "year", relative,
         std::move(why), age);
  }
  // The year to give a month (and day) written without one: the anchor's, or the year before
  // when that would be in the future.
  int PastYear(int m, int d) const {
    if (anchor_ == 0) return 0;
    int y = ay_;
    if (DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m))) > anchor_) --y;
    return y;
  }

  // Tries every form at token i; returns the token after the match, or i.
  size_t Match(size_t i) {
    // A numeric date the number grammar found: "5/9/2016", "2024-03-22".
    auto q = quantity_at_.find(tok_[i].begin);
    if (q != quantity_at_.end() && q->second->kind == QuantityKind::kDate &&
        q->second->why == "written as a numeric date") {
      int y, m, d;
      size_t j = i;
      while (j < tok_.size() && tok_[j].end <= q->second->span.end) ++j;
      if (ParseDocumentDate(text_.substr(q->second->span.begin, q->second->span.size()), &y, &m,
                            &d) &&
          d != 0) {
        Emit(i, j, d, d, "day", false, "a numeric date");
        return j;
      }
    }
    size_t start = i;
    // A weekday before a full date: "Saturday, March 23, 2024".
    if (Weekday(i) && (Month(i + 1) || Month(i + 2))) {
      size_t j = i + 1;
      if (Is(j, ",")) ++j;
      size_t end = FullDate(j, start);
      if (end > j) return end;
    }
    if (size_t end = FullDate(i, start); end > i) return end;
    if (size_t end = Relative(i); end > i) return end;
    return i;
  }

  // Month-led, day-led and month-year dates, and years. `start` is where the text of the
  // expression begins.
  size_t FullDate(size_t i, size_t start) {
    size_t len = 0;
    // "March 23, 2024", "Jan. 3", "March 7".
    if (int m = Month(i)) {
      size_t j = i + 1;
      if (Is(j, ".")) ++j;
      if (int d = Day(j, &len)) {
        size_t k = j + len;
        size_t after_day = k;
        if (Is(k, ",")) ++k;
        if (int y = Year(k)) {
          if (d > DaysInMonth(y, m)) return i;
          int day = DaysFromCivil(y, m, d);
          Emit(start, k + 1, day, day, "day", false, "a date");
          return k + 1;
        }
        if (d > 31) return i;
        int y = PastYear(m, d);
        int day = y != 0 ? DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m))) : 0;
        Emit(start, after_day, day, day, "day", true,
             fmt::format("no year given: the last {} {} on or before {}", kMonthNames[m - 1], d,
                         anchor_ ? FormatDay(anchor_) : ""));
        return after_day;
      }
      // "September 2022", "March, 2022".
      size_t k = j;
      if (Is(k, ",")) ++k;
      if (int y = Year(k)) {
        EmitMonth(start, k + 1, y, m, 1, 31, false, "a month");
        return k + 1;
      }
      // A month alone needs a word that makes it a time: "in January", "since March".
      static const std::vector<std::string> kBefore = {"in",   "since",  "by",   "until",
                                                       "till", "during", "from", "through"};
      bool timed =
          start > 0 && std::find(kBefore.begin(), kBefore.end(), W(start - 1)) != kBefore.end();
      if (timed && W(i) != "may" && W(i) != "mar" && W(i) != "jan") {
        // "July last year"
        if (Is(j, "last") && Is(j + 1, "year") && anchor_ != 0) {
          EmitMonth(start, j + 2, ay_ - 1, m, 1, 31, true,
                    "that month of the year before the document's");
          return j + 2;
        }
        int y = PastYear(m, 1);
        EmitMonth(start, j, y, m, 1, 31, true,
                  "no year given: the last such month on or before the document's date");
        return j;
      }
      return i;
    }
    // "22 March 2024", "6th of June 2013", "6th June".
    if (int d = Day(i, &len)) {
      size_t j = i + len;
      if (Is(j, "of")) ++j;
      if (int m = Month(j)) {
        size_t k = j + 1;
        if (Is(k, ".")) ++k;
        size_t after_month = k;
        if (Is(k, ",")) ++k;
        if (int y = Year(k)) {
          if (d > DaysInMonth(y, m)) return i;
          int day = DaysFromCivil(y, m, d);
          Emit(start, k + 1, day, day, "day", false, "a date");
          return k + 1;
        }
        int y = PastYear(m, d);
        int day = y != 0 ? DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m))) : 0;
        Emit(start, after_month, day, day, "day", true,
             "no year given: the last such day on or before the document's date");
        return after_month;
      }
      return i;
    }
    // "early 2015", "mid-2018", "late February".
    auto part = t_.year_parts.find(W(i));
    if (part != t_.year_parts.end()) {
      size_t j = i + 1;
      if (Is(j, "-")) ++j;
      if (int y = Year(j)) {
        EmitMonths(start, j + 1, y, part->second, "part of a year");
        return j + 1;
      }
      auto mp = t_.month_parts.find(W(i));
      if (int m = Month(j); m != 0 && mp != t_.month_parts.end()) {
        int y = 0;
        size_t end = j + 1;
        if (int yy = Year(j + 1)) {
          y = yy;
          end = j + 2;
        } else {
          y = PastYear(m, mp->second.first);
        }
        bool relative = end == j + 1;
        EmitMonth(start, end, y != 0 ? y : 2000, m, mp->second.first, mp->second.second, relative,
                  "part of a month");
        out_->back().unit = "period";
        if (!out_->back().resolved) out_->back().first = out_->back().last = 0;
        return end;
      }
      return i;
    }
    // "the summer of 2021", "summer 2021".
    size_t j = i;
    if (Is(j, "the")) ++j;
    auto season = t_.seasons.find(W(j));
    if (season != t_.seasons.end()) {
      size_t k = j + 1;
      if (Is(k, "of")) ++k;
      if (int y = Year(k)) {
        EmitMonths(start, k + 1, y, season->second, "a season");
        return k + 1;
      }
      return i;
    }
    // "the 1990s", "in 2015", "2015".
    bool decade = false;
    size_t k = i;
    if (Is(k, "the")) ++k;
    if (int y = Year(k, &decade)) {
      if (decade) {
        EmitYear(k == i ? i : i, k + 2, y, y + 9, false, "a decade");
        return k + 2;
      }
      if (k != i) return i;  // "the 2015" is not a form
      EmitYear(i, i + 1, y, y, false, "a year");
      return i + 1;
    }
    return i;
  }

  // Expressions resolved against the anchor.
  size_t Relative(size_t i) {
    // "yesterday", "last night", "this morning".
    for (const auto& [p, range] : t_.day_phrases) {
      if (MatchesAt(tok_, i, p)) {
        Emit(i, i + p.size(), anchor_ + range.first, anchor_ + range.second, "day", true,
             "relative to the document's date");
        return i + p.size();
      }
    }
    // "recently", "recent months"; "in recent months" is read from "recent".
    for (const auto& [p, days] : t_.recent_phrases) {
      if (MatchesAt(tok_, i, p)) {
        Emit(i, i + p.size(), anchor_ - days, anchor_, "period", true,
             fmt::format("the {} days before the document's date", days));
        return i + p.size();
      }
    }
    // A weekday: the last such day on or before the anchor. "Friday evening", "Friday's".
    if (int wd = Weekday(i)) {
      size_t end = i + 1;
      const std::string& next = W(end);
      if (next == "evening" || next == "night" || next == "morning" || next == "afternoon") ++end;
      int back = anchor_ != 0 ? (IsoWeekday(anchor_) - wd + 7) % 7 : 0;
      int day = anchor_ - back;
      Emit(i, end, day, day, "day", true,
           fmt::format("the last {} on or before the document's date",
                       Capitalized(Bare(tok_[i].norm))));
      return end;
    }
    const std::string& w = W(i);
    // "last/this/next/earlier this ..."
    if (w == "last" || w == "this" || w == "next" || (w == "earlier" && Is(i + 1, "this"))) {
      size_t j = i + 1;
      int dir = w == "last" ? -1 : w == "next" ? 1 : 0;
      bool earlier = w == "earlier";
      if (earlier) ++j;
      const std::string what = Bare(W(j));
      int aw = anchor_ != 0 ? IsoWeekday(anchor_) : 1;
      int week_start = anchor_ - (aw - 1);
      if (what == "week") {
        int s = week_start + 7 * dir;
        Emit(i, j + 1, s, dir == 0 ? (earlier ? anchor_ - 1 : anchor_) : s + 6, "period", true,
             "a calendar week (Monday to Sunday)");
        return j + 1;
      }
      if (what == "weekend") {
        int s = week_start + 5 + 7 * dir;
        Emit(i, j + 1, s, s + 1, "period", true, "a weekend");
        return j + 1;
      }
      if (what == "month") {
        int y = ay_, m = am_;
        AddMonths(&y, &m, dir);
        if (dir == 0) {
          Emit(i, j + 1, DaysFromCivil(ay_, am_, 1), earlier ? anchor_ - 1 : anchor_, "period",
               true, "the document's month so far");
        } else {
          EmitMonth(i, j + 1, anchor_ ? y : 2000, anchor_ ? m : 1, 1, 31, true, "a calendar month");
        }
        return j + 1;
      }
      if (what == "year") {
        if (dir == 0) {
          Emit(i, j + 1, DaysFromCivil(ay_, 1, 1), earlier ? anchor_ - 1 : anchor_, "period", true,
               "the document's year so far");
        } else {
          EmitYear(i, j + 1, ay_ + dir, ay_ + dir, true, "a calendar year");
        }
        return j + 1;
      }
      if (int m = Month(j)) {
        if (dir == 0) {
          EmitMonth(i, j + 1, ay_, m, 1, 31, true, "that month of the document's year");
        } else if (dir < 0) {
          int y = m < am_ ? ay_ : ay_ - 1;
          EmitMonth(i, j + 1, y, m, 1, 31, true, "the last such month before the document's month");
        } else {
          int y = m > am_ ? ay_ : ay_ + 1;
          EmitMonth(i, j + 1, y, m, 1, 31, true, "the next such month");
        }
        return j + 1;
      }
      auto season = t_.seasons.find(what);
      if (season != t_.seasons.end() && dir != 0) {
        int y = dir < 0 ? (season->second.second < am_ ? ay_ : ay_ - 1)
                        : (season->second.first > am_ ? ay_ : ay_ + 1);
        EmitMonth(i, j + 1, y, season->second.first, 1, 31, true, "a season");
        out_->back().last =
            DaysFromCivil(y, season->second.second, DaysInMonth(y, season->second.second));
        out_->back().unit = "period";
        return j + 1;
      }
      if (int wd = Weekday(j); wd && dir < 0) {
        int back = anchor_ != 0 ? (aw - wd + 7) % 7 : 0;
        if (back == 0) back = 7;
        Emit(i, j + 1, anchor_ - back, anchor_ - back, "day", true,
             "the last such day before the document's date");
        return j + 1;
      }
      return i;
    }
    // "over the last three years", "the past two years".
    if ((w == "over" || w == "the") &&
        (Is(i + 1, "last") || Is(i + 1, "past") || Is(i + 2, "last") || Is(i + 2, "past"))) {
      size_t j = i + 1;
      if (w == "over" && Is(j, "the")) ++j;
      if (Is(j, "last") || Is(j, "past")) {
        int n = 0;
        size_t used = Count(j + 1, &n);
        int unit = used ? Unit(j + 1 + used) : 0;
        if (unit != 0) {
          int y = ay_, m = am_, d = ad_;
          int from = anchor_;
          if (unit >= 365) {
            y -= n * (unit / 365);
            from = DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m)));
          } else if (unit == 30) {
            AddMonths(&y, &m, -n);
            from = DaysFromCivil(y, m, std::min(d, DaysInMonth(y, m)));
          } else {
            from = anchor_ - n * unit;
          }
          Emit(i, j + 2 + used, from, anchor_, "period", true,
               "a period ending on the document's date");
          return j + 2 + used;
        }
      }
      return i;
    }
    // "nine years ago", "about 20 years ago", "more than a decade ago", "a decade old",
    // "five-year-old group".
    {
      size_t j = i;
      int widen = 0;
      bool more = false;
      auto hedge = t_.ago_hedges.find(w);
      if (hedge != t_.ago_hedges.end()) {
        widen = hedge->second;
        ++j;
      } else if (w == "more" && Is(i + 1, "than")) {
        more = true;
        j += 2;
      } else if (w == "over" && !Is(i + 1, "the")) {
        more = true;
        ++j;
      }
      int n = 0;
      size_t used = Count(j, &n);
      if (used != 0) {
        size_t u = j + used;
        bool hyphen = Is(u, "-");
        if (hyphen) ++u;
        int unit = Unit(u);
        size_t after = u + 1;
        if (hyphen && Is(after, "-")) ++after;
        bool ago = unit != 0 && Is(after, "ago") && !hyphen;
        bool old = unit != 0 && Is(after, "old");
        if (old && hyphen) {
          // "the five-year-old group": an age only when a group follows, not a person.
          size_t noun = after + 1;
          while (noun < tok_.size() && tok_[noun].type == Token::Type::kWord && noun < after + 3 &&
                 std::find(t_.age_nouns.begin(), t_.age_nouns.end(), W(noun)) ==
                     t_.age_nouns.end()) {
            ++noun;
          }
          if (noun >= tok_.size() ||
              std::find(t_.age_nouns.begin(), t_.age_nouns.end(), W(noun)) == t_.age_nouns.end()) {
            return i;
          }
        }
        if (ago || old) {
          size_t text_start = (hyphen && used == 1 && j == i) ? j : i;
          size_t end = after + 1;
          if (unit >= 365) {
            int years = n * (unit / 365);
            int y = ay_ - years;
            if (more) {
              Emit(text_start, end, DaysFromCivil(1900, 1, 1), DaysFromCivil(y - 1, 12, 31), "year",
                   true, fmt::format("before {} ({} years before the document's year)", y, years),
                   old);
            } else {
              EmitYear(text_start, end, y - widen, y + widen, true,
                       fmt::format("{} = the document's year minus {}{}", y, years,
                                   widen ? ", give or take a year" : ""),
                       old);
            }
          } else if (unit == 30) {
            int y = ay_, m = am_;
            AddMonths(&y, &m, -n);
            EmitMonth(text_start, end, y, m, 1, 31, true,
                      "that many months before the document's month");
          } else {
            int c = anchor_ - n * unit;
            Emit(text_start, end, unit == 7 ? c - 3 : c, unit == 7 ? c + 3 : c,
                 unit == 7 ? "period" : "day", true, "that long before the document's date");
          }
          if (hyphen) {
            // The text of "five-year-old" is the compound alone.
            out_->back().span = Span{tok_[j].begin, tok_[after].end};
          }
          return end;
        }
      }
    }
    return i;
  }

  const DateGrammar::Tables& t_;
  std::string_view text_;
  int anchor_;
  int ay_ = 2000, am_ = 1, ad_ = 1;
  std::vector<DateExpr>* out_;
  std::vector<Token> tok_;
  std::unordered_map<uint32_t, const Quantity*> quantity_at_;
};

}  // namespace

void DateGrammar::Find(std::string_view text, Span span, int anchor,
                       const std::vector<Quantity>& quantities, std::vector<DateExpr>* out) const {
  DateParser(*t_, text, span, anchor, quantities, out).Run();
}

}  // namespace factdiff
