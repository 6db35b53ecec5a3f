#include "extract/tokens.h"

#include <utf8proc.h>

#include "ingest/utf8.h"

namespace factdiff {

namespace {

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

bool IsDash(int32_t cp) { return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212; }

bool IsLetterCp(int32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(static_cast<unsigned char>(cp));
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

}  // namespace

void Tokenize(std::string_view text, Span span, std::vector<Token>* out) {
  out->clear();
  out->reserve(span.size() / 4 + 8);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = span.begin;
  size_t end = span.end;
  bool space = false;
  while (i < end) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    t.space_before = space;
    space = false;
    if (IsDigit(c)) {
      size_t j = i;
      while (j < end && IsDigit(s[j])) ++j;
      // Thousands separators: ",ddd" not followed by another digit.
      while (j + 3 < end && s[j] == ',' && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) &&
             IsDigit(s[j + 3]) && (j + 4 >= end || !IsDigit(s[j + 4]))) {
        j += 4;
      }
      if (j + 1 < end && s[j] == '.' && IsDigit(s[j + 1])) {
        ++j;
        while (j < end && IsDigit(s[j])) ++j;
      }
      t.type = Token::Type::kNumber;
      t.end = static_cast<uint32_t>(j);
      t.norm.assign(text.data() + i, j - i);
      out->push_back(std::move(t));
      i = j;
      continue;
    }
    int32_t cp;
    size_t len = c < 0x80 ? (cp = c, 1) : DecodeUtf8(s + i, end - i, &cp);
    if (cp >= 0 && IsLetterCp(cp)) {
      size_t j = i;
      std::string norm;
      while (j < end) {
        int32_t cj;
        size_t lj = s[j] < 0x80 ? (cj = s[j], 1) : DecodeUtf8(s + j, end - j, &cj);
        if (cj >= 0 && IsLetterCp(cj)) {
          if (cj < 0x80) {
            norm.push_back(static_cast<char>(cj >= 'A' && cj <= 'Z' ? cj - 'A' + 'a' : cj));
          } else {
            norm.append(text.data() + j, lj);
          }
          j += lj;
          continue;
        }
        // An apostrophe between letters stays in the word: "Kabul's", "o'clock".
        if (cj == '\'' || cj == 0x2019) {
          size_t k = j + lj;
          int32_t ck = -1;
          if (k < end) {
            if (s[k] < 0x80) {
              ck = s[k];
            } else {
              DecodeUtf8(s + k, end - k, &ck);
            }
          }
          if (ck >= 0 && IsLetterCp(ck)) {
            norm.push_back('\'');
            j = k;
            continue;
          }
        }
        break;
      }
      t.type = Token::Type::kWord;
      t.end = static_cast<uint32_t>(j);
      t.norm = std::move(norm);
      out->push_back(std::move(t));
      i = j;
      continue;
    }
    t.type = Token::Type::kPunct;
    t.end = static_cast<uint32_t>(i + len);
    if (cp >= 0 && IsDash(cp)) {
      t.norm.assign(1, '-');
    } else if (cp == 0x2019 || cp == 0x2018) {
      t.norm.assign(1, '\'');
    } else {
      t.norm.assign(text.data() + i, len);
    }
    out->push_back(std::move(t));
    i += len;
  }
}

Phrase ParsePhrase(std::string_view words) {
  std::vector<Token> tokens;
  Tokenize(words, Span{0, static_cast<uint32_t>(words.size())}, &tokens);
  Phrase p;
  for (Token& t : tokens) p.push_back(std::move(t.norm));
  return p;
}

bool MatchesAt(const std::vector<Token>& tokens, size_t i, const Phrase& phrase) {
  if (phrase.empty() || i + phrase.size() > tokens.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k) {
    if (tokens[i + k].norm != phrase[k]) return false;
  }
  return true;
}

bool MatchesBefore(const std::vector<Token>& tokens, size_t end, const Phrase& phrase) {
  if (phrase.empty() || phrase.size() > end) return false;
  return MatchesAt(tokens, end - phrase.size(), phrase);
}

}  // namespace factdiff
