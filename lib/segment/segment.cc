#include "factdiff/segment.h"
#include "factdiff/strings.h"

#include <re2/re2.h>
#include <utf8proc.h>

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/utf8.h"

namespace factdiff {

namespace {

using nlohmann::json;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Decodes the code point at text[i]; returns its length (1 for an ill-formed byte, cp = -1).
size_t CodePointAt(std::string_view text, size_t i, int32_t* cp) {
  return DecodeUtf8(reinterpret_cast<const unsigned char*>(text.data()) + i, text.size() - i, cp);
}

bool IsUpperAt(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  int32_t cp;
  CodePointAt(text, i, &cp);
  if (cp < 0) return false;
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  utf8proc_category_t cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool IsLowerAt(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  int32_t cp;
  CodePointAt(text, i, &cp);
  if (cp < 0) return false;
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

// Returns the length of the closing quote or bracket at text[i], or 0.
size_t ClosingAt(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  // ’ U+2019, ” U+201D, » U+00BB
  if (text.compare(i, 3, "\xE2\x80\x99") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0) return 3;
  if (text.compare(i, 2, "\xC2\xBB") == 0) return 2;
  return 0;
}

// Returns the length of the opening quote or bracket at text[i], or 0.
size_t OpeningAt(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  char c = text[i];
  if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
  // ‘ U+2018, “ U+201C, « U+00AB
  if (text.compare(i, 3, "\xE2\x80\x98") == 0 || text.compare(i, 3, "\xE2\x80\x9C") == 0) return 3;
  if (text.compare(i, 2, "\xC2\xAB") == 0) return 2;
  return 0;
}

// Returns the length of the sentence terminator at text[i] (. ! ? or …), or 0.
size_t TerminatorAt(std::string_view text, size_t i) {
  char c = text[i];
  if (c == '.' || c == '!' || c == '?') return 1;
  if (c == '\xE2' && text.compare(i, 3, "\xE2\x80\xA6") == 0) return 3;
  return 0;
}

Span Trim(std::string_view text, Span s) {
  while (s.begin < s.end && IsSpace(text[s.begin])) ++s.begin;
  while (s.end > s.begin && IsSpace(text[s.end - 1])) --s.end;
  return s;
}

// Returns true iff the trimmed span ends with a terminator, possibly before closing quotes.
bool EndsWithTerminator(std::string_view text, Span s) {
  size_t e = s.end;
  for (;;) {
    if (e == s.begin) return false;
    char c = text[e - 1];
    if (c == '.' || c == '!' || c == '?') return true;
    if (e - s.begin >= 3 && text.compare(e - 3, 3, "\xE2\x80\xA6") == 0) return true;
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      --e;
    } else if (e - s.begin >= 3 && (text.compare(e - 3, 3, "\xE2\x80\x99") == 0 ||
                                    text.compare(e - 3, 3, "\xE2\x80\x9D") == 0)) {
      e -= 3;
    } else {
      return false;
    }
  }
}

Status ReadStringList(const RuleDocument& doc, const char* key,
                      std::unordered_set<std::string>* out, std::vector<std::string>* errors) {
  auto it = doc.json().find(key);
  if (it == doc.json().end()) return Status::Ok();
  if (!it->is_array()) {
    errors->push_back(
        doc.Error(fmt::format("/{}", key), fmt::format("\"{}\" must be an array of strings", key)));
    return Status::Ok();
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_string()) {
      errors->push_back(doc.Error(fmt::format("/{}/{}", key, i), "expected a string"));
      continue;
    }
    out->insert(v.get<std::string>());
  }
  return Status::Ok();
}

}  // namespace

Segmenter::Segmenter() = default;
Segmenter::~Segmenter() = default;

Result<std::shared_ptr<const Segmenter>> Segmenter::Create(const std::vector<RuleFile>& files) {
  std::shared_ptr<Segmenter> seg(new Segmenter());
  std::vector<std::string> errors;
  std::string alternation;
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok()) {
      errors.push_back(parsed.status().message());
      continue;
    }
    const RuleDocument& doc = *parsed;
    std::string kind = doc.kind();
    if (kind == "segmentation") {
      ReadStringList(doc, "titles", &seg->titles_, &errors);
      ReadStringList(doc, "abbreviations", &seg->abbreviations_, &errors);
      ReadStringList(doc, "openers", &seg->openers_, &errors);
      auto ex = doc.json().find("examples");
      if (ex != doc.json().end() && ex->is_array()) {
        for (size_t i = 0; i < ex->size(); ++i) {
          const json& e = (*ex)[i];
          std::string ptr = fmt::format("/examples/{}", i);
          if (!e.is_object() || !e.contains("text") || !e["text"].is_string() ||
              !e.contains("sentences") || !e["sentences"].is_array()) {
            errors.push_back(doc.Error(ptr, "an example needs \"text\" and \"sentences\""));
            continue;
          }
          Example example{file.path, ptr, e["text"].get<std::string>(), {}};
          for (const json& s : e["sentences"]) {
            if (s.is_string()) example.sentences.push_back(s.get<std::string>());
          }
          seg->examples_.push_back(std::move(example));
        }
      }
    } else if (kind == "boilerplate") {
      auto rules = doc.json().find("rules");
      if (rules == doc.json().end() || !rules->is_array()) {
        errors.push_back(doc.Error("/rules", "a boilerplate file needs a \"rules\" array"));
        continue;
      }
      for (size_t i = 0; i < rules->size(); ++i) {
        const json& r = (*rules)[i];
        std::string ptr = fmt::format("/rules/{}", i);
        if (!r.is_object()) {
          errors.push_back(doc.Error(ptr, "a rule must be an object"));
          continue;
        }
        BoilerplateRule rule;
        rule.file = file.path;
        rule.pointer = ptr;
        rule.id = r.value("id", "");
        if (rule.id.empty()) {
          errors.push_back(doc.Error(ptr, "rule has no \"id\""));
          continue;
        }
        if (!r.contains("pattern") || !r["pattern"].is_string()) {
          errors.push_back(doc.Error(ptr, fmt::format("rule \"{}\" has no \"pattern\"", rule.id)));
          continue;
        }
        rule.pattern = r["pattern"].get<std::string>();
        auto re = std::make_unique<re2::RE2>(rule.pattern, re2::RE2::Quiet);
        if (!re->ok()) {
          errors.push_back(doc.Error(
              ptr + "/pattern", fmt::format("rule \"{}\": bad pattern: {}", rule.id, re->error())));
          continue;
        }
        for (const char* key : {"examples", "counterexamples"}) {
          if (!r.contains(key)) continue;
          if (!r[key].is_array()) {
            errors.push_back(
                doc.Error(ptr + "/" + key, fmt::format("\"{}\" must be an array", key)));
            continue;
          }
          for (const json& s : r[key]) {
            if (s.is_string()) {
              (std::string_view(key) == "examples" ? rule.examples : rule.counterexamples)
                  .push_back(s.get<std::string>());
            }
          }
        }
        if (rule.examples.empty()) {
          errors.push_back(doc.Error(ptr, fmt::format("rule \"{}\" has no examples", rule.id)));
          continue;
        }
        if (!alternation.empty()) alternation += "|";
        alternation += "(?:" + rule.pattern + ")";
        seg->boilerplate_each_.push_back(std::move(re));
        seg->boilerplate_.push_back(std::move(rule));
      }
    }
  }
  if (!errors.empty()) {
    std::string all = Join(errors, "\n");
    return Status::Error(all);
  }
  if (!alternation.empty()) {
    seg->boilerplate_re_ = std::make_unique<re2::RE2>(alternation, re2::RE2::Quiet);
  }
  return std::shared_ptr<const Segmenter>(std::move(seg));
}

bool Segmenter::IsBoilerplate(std::string_view line) const {
  return boilerplate_re_ != nullptr && line.size() <= 300 &&
         re2::RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *boilerplate_re_);
}

std::string Segmenter::BoilerplateRuleFor(std::string_view line) const {
  Span s = Trim(line, Span{0, static_cast<uint32_t>(line.size())});
  line = s.Of(line);
  if (!IsBoilerplate(line)) return "";
  for (size_t i = 0; i < boilerplate_each_.size(); ++i) {
    if (re2::RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *boilerplate_each_[i])) {
      return boilerplate_[i].id;
    }
  }
  return "";
}

bool Segmenter::IsBoundary(std::string_view text, size_t term_begin, size_t term_end,
                           size_t next) const {
  // What follows must open a sentence: a capital or a digit, perhaps after an opening quote.
  size_t k = next;
  while (size_t n = OpeningAt(text, k)) k += n;
  bool upper = IsUpperAt(text, k);
  bool digit = k < text.size() && text[k] >= '0' && text[k] <= '9';
  if (!upper && !digit) return false;
  bool spaced = next > 0 && IsSpace(text[next - 1]);
  size_t term_len = term_end - term_begin;
  if (!spaced) {
    // "warning”.But" or "massacre...The": only a capital followed by a small letter, after a
    // word or a closing quote.
    if (!upper) return false;
    int32_t cp;
    size_t len = CodePointAt(text, k, &cp);
    if (!IsLowerAt(text, k + len)) return false;
    bool after_word =
        term_begin > 0 && (IsLowerAt(text, term_begin - 1) || ClosingAt(text, term_begin - 1) ||
                           (term_begin >= 3 && ClosingAt(text, term_begin - 3) == 3));
    if (!after_word && term_len == 1) return false;
  }
  if (term_len != 1 || text[term_begin] != '.') return true;  // ! ? … or a run of them

  // A full stop: look at the word before it ("U.S", "Gen", "P").
  size_t t0 = term_begin;
  while (t0 > 0) {
    char c = text[t0 - 1];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.') {
      --t0;
    } else {
      break;
    }
  }
  std::string_view word = text.substr(t0, term_begin - t0);
  if (word.empty()) return true;
  // The word after the boundary, for the opener test.
  size_t w1 = k;
  while (w1 < text.size() &&
         ((text[w1] >= 'A' && text[w1] <= 'Z') || (text[w1] >= 'a' && text[w1] <= 'z')))
    ++w1;
  bool opener = openers_.count(std::string(text.substr(k, w1 - k))) > 0;
  if (titles_.count(std::string(word)) > 0) return false;
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return opener;  // an initial
  if (abbreviations_.count(std::string(word)) > 0) return opener;
  // Dotted letters not in the list ("U.A.E", "e.g"): treat as an abbreviation.
  if (word.find('.') != std::string_view::npos) {
    bool dotted = true;
    for (size_t i = 0; i < word.size(); ++i) {
      bool letter = word[i] != '.';
      if (letter == (i % 2 == 1)) dotted = false;
    }
    if (dotted) return opener;
  }
  return true;
}

void Segmenter::SplitSentences(std::string_view text, Span para, uint32_t index,
                               Segmentation* out) const {
  size_t start = para.begin;
  size_t i = para.begin;
  auto emit = [&](size_t end) {
    Span s = Trim(text, Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    if (!s.empty()) out->sentences.push_back(Sentence{s, index});
  };
  while (i < para.end) {
    // Skip quickly to the next byte that can start a terminator: . ! ? or the lead byte of ….
    while (i < para.end) {
      char c = text[i];
      if (c == '.' || c == '!' || c == '?' || c == '\xE2') break;
      ++i;
    }
    if (i >= para.end) break;
    size_t tl = TerminatorAt(text, i);
    if (tl == 0) {
      ++i;
      continue;
    }
    size_t term_begin = i;
    size_t term_end = i + tl;
    while (term_end < para.end && (tl = TerminatorAt(text, term_end)) != 0) term_end += tl;
    size_t j = term_end;
    while (size_t n = ClosingAt(text, j)) {
      if (j + n > para.end) break;
      j += n;
    }
    size_t k = j;
    while (k < para.end && IsSpace(text[k])) ++k;
    if (k >= para.end) break;
    if (IsBoundary(text.substr(0, para.end), term_begin, term_end, k)) {
      emit(j);
      start = k;
    }
    i = j > term_end ? j : term_end;
  }
  emit(para.end);
}

void Segmenter::Segment(std::string_view text, Segmentation* out) const {
  out->paragraphs.clear();
  out->sentences.clear();
  auto add_paragraph = [&](Span span) {
    span = Trim(text, span);
    if (span.empty()) return;
    Paragraph p;
    p.span = span;
    p.first_sentence = static_cast<uint32_t>(out->sentences.size());
    uint32_t index = static_cast<uint32_t>(out->paragraphs.size());
    if (IsBoilerplate(span.Of(text))) {
      p.kind = ParagraphKind::kBoilerplate;
    } else {
      p.kind = EndsWithTerminator(text, span) ? ParagraphKind::kBody : ParagraphKind::kHeadline;
      SplitSentences(text, span, index, out);
    }
    p.sentence_count = static_cast<uint32_t>(out->sentences.size()) - p.first_sentence;
    out->paragraphs.push_back(p);
  };

  std::vector<Span> block;  // the lines of the current block
  auto flush_block = [&]() {
    if (block.empty()) return;
    bool wrapped = false;
    if (block.size() >= 2) {
      size_t open_ends = 0;
      bool all_mid_width = true;
      bool lower_continuation = false;
      for (size_t i = 0; i + 1 < block.size(); ++i) {
        Span s = Trim(text, block[i]);
        if (s.size() < 40 || s.size() > 120) all_mid_width = false;
        if (!EndsWithTerminator(text, s)) {
          ++open_ends;
          Span next = Trim(text, block[i + 1]);
          bool digit =
              next.begin < text.size() && text[next.begin] >= '0' && text[next.begin] <= '9';
          if (IsLowerAt(text, next.begin) || digit) lower_continuation = true;
        }
      }
      wrapped = all_mid_width && lower_continuation && open_ends * 2 >= block.size() - 1;
    }
    if (wrapped) {
      add_paragraph(Span{block.front().begin, block.back().end});
    } else {
      for (const Span& line : block) add_paragraph(line);
    }
    block.clear();
  };

  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    Span line{static_cast<uint32_t>(pos), static_cast<uint32_t>(end)};
    if (Trim(text, line).empty()) {
      flush_block();
    } else {
      block.push_back(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush_block();
}

}  // namespace factdiff
