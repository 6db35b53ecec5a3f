// The first slice of extraction: fixed patterns for killed and injured counts.
#include <re2/re2.h>

#include <cmath>
#include <string>

#include "factdiff/extract.h"

namespace factdiff {

namespace {

constexpr char kHedge[] =
    "at least|more than|over|nearly|almost|about|around|some|roughly|up to|as many as|an estimated";
constexpr char kNumber[] =
    "\\d{1,3}(?:,\\d{3})+|\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    "dozens|scores|hundreds";

struct NumberWord {
  const char* word;
  double low, high;
};
constexpr NumberWord kWords[] = {
    {"one", 1, 1},         {"two", 2, 2},      {"three", 3, 3},     {"four", 4, 4},
    {"five", 5, 5},        {"six", 6, 6},      {"seven", 7, 7},     {"eight", 8, 8},
    {"nine", 9, 9},        {"ten", 10, 10},    {"eleven", 11, 11},  {"twelve", 12, 12},
    {"dozens", 24, 99},    {"scores", 40, 199}, {"hundreds", 200, 999},
};

// Returns the interval of `number` under `hedge` (both lower case), into *low and *high.
void Interval(const std::string& hedge, const std::string& number, std::optional<double>* low,
              std::optional<double>* high) {
  double lo = 0, hi = 0;
  bool found = false;
  for (const NumberWord& w : kWords) {
    if (number == w.word) {
      lo = w.low;
      hi = w.high;
      found = true;
    }
  }
  if (!found) {
    std::string digits;
    for (char c : number) {
      if (c != ',') digits.push_back(c);
    }
    lo = hi = std::stod(digits);
  }
  *low = lo;
  *high = hi;
  if (hedge == "at least") {
    high->reset();
  } else if (hedge == "more than" || hedge == "over") {
    *low = hi + 1;
    high->reset();
  } else if (hedge == "nearly" || hedge == "almost") {
    *low = lo - std::max(1.0, std::ceil(lo * 0.05));
    *high = lo - 1;
  } else if (hedge == "up to" || hedge == "as many as") {
    *low = 0;
  } else if (!hedge.empty()) {
    *low = std::floor(lo * 0.9);
    *high = std::ceil(hi * 1.1);
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

struct CasualtyExtractor::Patterns {
  struct Pattern {
    std::string id;
    std::unique_ptr<re2::RE2> re;  // groups: value, hedge, number, and optionally verb
    std::string measure;           // fixed measure, or "" to take it from the verb group
  };
  std::vector<Pattern> list;
};

CasualtyExtractor::CasualtyExtractor() : p_(std::make_unique<Patterns>()) {
  re2::RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  auto add = [&](const char* id, const std::string& pattern, const char* measure) {
    p_->list.push_back({id, std::make_unique<re2::RE2>(pattern, opts), measure});
  };
  std::string value = std::string("(?P<value>(?:(?P<hedge>") + kHedge + ")\\s+)?(?P<number>" +
                      kNumber + "))\\b";
  add("killing-n", "\\b(?:killing|killed)\\s+" + value, "killed");
  add("injuring-n", "\\b(?:injuring|wounding|injured|wounded)\\s+" + value, "injured");
  add("death-toll", "\\bdeath toll (?:was|is|rose to|stood at|reached|of|at)\\s+" + value, "killed");
  add("n-verb", "\\b" + value +
                    "\\s+(?:(?:people|others|civilians|persons)\\s+)?(?:(?:were|have been|had been)\\s+)?"
                    "(?P<verb>killed|dead|died|wounded|injured)\\b",
      "");
}

CasualtyExtractor::~CasualtyExtractor() = default;

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

void CasualtyExtractor::Extract(const Document& doc, uint32_t doc_index, const Segmentation& seg,
                                std::vector<Claim>* out) const {
  std::string_view text = doc.text;
  for (uint32_t si = 0; si < seg.sentences.size(); ++si) {
    const Sentence& sentence = seg.sentences[si];
    re2::StringPiece sv(text.data() + sentence.span.begin, sentence.span.size());
    std::vector<Claim> found;
    for (const auto& pat : p_->list) {
      re2::StringPiece input = sv;
      re2::StringPiece m_value, m_hedge, m_number, m_verb;
      int groups = pat.re->NumberOfCapturingGroups();
      while (true) {
        bool ok = groups == 4 ? re2::RE2::FindAndConsume(&input, *pat.re, &m_value, &m_hedge, &m_number, &m_verb)
                              : re2::RE2::FindAndConsume(&input, *pat.re, &m_value, &m_hedge, &m_number);
        if (!ok) break;
        Claim c;
        c.doc = doc_index;
        c.rule = pat.id;
        std::string verb = Lower(std::string_view(m_verb.data(), m_verb.size()));
        c.measure = !pat.measure.empty() ? pat.measure
                    : (verb == "killed" || verb == "dead" || verb == "died") ? "killed" : "injured";
        c.value = FoldSpaces(std::string_view(m_value.data(), m_value.size()));
        c.hedge = Lower(std::string_view(m_hedge.data(), m_hedge.size()));
        Interval(c.hedge, Lower(std::string_view(m_number.data(), m_number.size())), &c.low, &c.high);
        c.subject = "people";
        c.span.begin = static_cast<uint32_t>(m_value.data() - text.data());
        c.span.end = static_cast<uint32_t>(c.span.begin + m_value.size());
        c.sentence = si;
        found.push_back(std::move(c));
      }
    }
    // Two patterns may find the same figure; keep the first of each span, in text order.
    std::sort(found.begin(), found.end(), [](const Claim& a, const Claim& b) {
      return a.span.begin < b.span.begin || (a.span.begin == b.span.begin && a.span.end > b.span.end);
    });
    uint32_t last_end = 0;
    std::string sentence_text;
    for (Claim& c : found) {
      if (c.span.begin < last_end) continue;
      last_end = c.span.end;
      SourceMap::Position pos = doc.map.Locate(c.span.begin);
      c.line = pos.line;
      c.col = pos.col;
      if (sentence_text.empty()) sentence_text = FoldSpaces(sentence.span.Of(text));
      c.text = sentence_text;
      out->push_back(std::move(c));
    }
  }
}

}  // namespace factdiff
