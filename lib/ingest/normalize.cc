// Text normalisation and the source map. One pass over the bytes: ASCII is copied as is, line
// ends are unified, and each word (run of bytes between ASCII spaces) that holds a character NFC
// could change is passed through utf8proc. NFC never composes across an ASCII space, so
// normalising word by word gives the same text as normalising the whole, and lets the source
// map stay exact to the word.
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "factdiff/ingest.h"
#include "ingest/utf8.h"

namespace factdiff {

SourceMap::Position SourceMap::Locate(uint32_t offset) const {
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), offset,
                             [](uint32_t off, const Anchor& a) { return off < a.norm; });
  if (it == anchors_.begin()) return Position{anchors_.empty() ? 0u : anchors_[0].line, 1};
  const Anchor& a = *(it - 1);
  uint32_t col = a.col + (offset - a.norm);
  if (it != anchors_.end() && it->line == a.line && col >= it->col) {
    // Inside a character that normalisation made longer: clamp to its start.
    col = it->col > a.col ? it->col - 1 : a.col;
  }
  return Position{a.line, col + 1};
}

size_t DecodeUtf8(const unsigned char* s, size_t n, int32_t* cp) {
  unsigned char b0 = s[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  int32_t c;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    *cp = -1;
    return 1;
  }
  for (size_t i = 1; i < len; ++i) {
    if (i >= n || s[i] < lo || s[i] > hi) {
      *cp = -1;
      return i;
    }
    c = (c << 6) | (s[i] & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  *cp = c;
  return len;
}

uint64_t FixUtf8(std::string_view in, std::string* out, uint64_t* first_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size();
  size_t i = 0;
  // Fast scan for the first problem.
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t cp;
    size_t len = DecodeUtf8(s + i, n - i, &cp);
    if (cp < 0) break;
    i += len;
  }
  if (i == n) return 0;
  *first_offset = i;
  out->assign(in.data(), i);
  uint64_t count = 0;
  while (i < n) {
    int32_t cp;
    size_t len = s[i] < 0x80 ? (cp = s[i], 1) : DecodeUtf8(s + i, n - i, &cp);
    if (cp < 0) {
      out->append("\xEF\xBF\xBD", 3);
      ++count;
    } else {
      out->append(in.data() + i, len);
    }
    i += len;
  }
  return count;
}

void SourceMap::AddAnchor(uint32_t norm, uint32_t line, uint32_t col) {
  if (!anchors_.empty() && anchors_.back().norm == norm) {
    anchors_.back() = Anchor{norm, line, col};
    return;
  }
  anchors_.push_back(Anchor{norm, line, col});
}

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

bool IsUnicodeSpace(int32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85;
}

// Invisible format characters dropped from the text.
bool IsDropped(int32_t cp) { return cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF; }

// Returns true iff NFC could change a word holding `cp` (conservatively).
bool MayChangeUnderNfc(int32_t cp) {
  if (cp < 0x300) return false;
  if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
      (cp >= 0x20A0 && cp <= 0x20C0) || cp == 0xFFFD) {
    return false;
  }
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
      (cp >= 0xD7B0 && cp <= 0xD7FF)) {
    return true;  // Hangul jamo compose algorithmically
  }
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  if (p->combining_class != 0) return true;
  if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) return true;   // a second
  if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) return true;  // canonical
  return false;
}

class Normalizer {
 public:
  Normalizer(std::string_view raw, uint32_t first_line, std::string* out, SourceMap* map,
             NormalizeStats* stats)
      : raw_(reinterpret_cast<const unsigned char*>(raw.data())),
        n_(raw.size()),
        out_(out),
        base_(out->size()),
        map_(map),
        stats_(stats),
        line_(first_line) {}

  void Run() {
    out_->reserve(out_->size() + n_ + n_ / 16);
    map_->AddAnchor(0, line_, 0);
    size_t i = 0;
    // A byte-order mark at the very start is not text.
    if (n_ >= 3 && std::memcmp(raw_, "\xEF\xBB\xBF", 3) == 0) {
      i = 3;
      Anchor(3);
    }
    while (i < n_) {
      unsigned char b = raw_[i];
      if (b >= 0x20 && b < 0x7F) {
        size_t j = i + 1;
        while (j < n_ && raw_[j] >= 0x20 && raw_[j] < 0x7F) ++j;
        // Words end at ASCII spaces; a pending word needing NFC is flushed at the first one.
        if (word_needs_nfc_) {
          const void* sp = std::memchr(raw_ + i, ' ', j - i);
          if (sp != nullptr) {
            size_t k = static_cast<const unsigned char*>(sp) - raw_;
            out_->append(reinterpret_cast<const char*>(raw_ + i), k - i);
            FlushWord(k);
            i = k;
            continue;
          }
        }
        out_->append(reinterpret_cast<const char*>(raw_ + i), j - i);
        if (!word_needs_nfc_) word_start_ = LastSpaceOrWordStart(i, j);
        i = j;
        continue;
      }
      if (b == '\n' || b == '\r') {
        FlushWord(i);
        size_t next = i + 1;
        if (b == '\r' && next < n_ && raw_[next] == '\n') ++next;
        out_->push_back('\n');
        ++line_;
        line_start_ = next;
        map_->AddAnchor(Norm(), line_, 0);
        word_start_ = Norm();
        i = next;
        continue;
      }
      if (b == '\t') {
        FlushWord(i);
        out_->push_back('\t');
        word_start_ = Norm();
        ++i;
        continue;
      }
      if (b < 0x20 || b == 0x7F) {
        FlushWord(i);
        out_->push_back(' ');
        ++stats_->control_chars;
        word_start_ = Norm();
        ++i;
        continue;
      }
      int32_t cp;
      size_t len = DecodeUtf8(raw_ + i, n_ - i, &cp);
      if (cp < 0) {
        FlushWord(i);
        if (stats_->invalid_sequences++ == 0) {
          stats_->first_invalid_offset = i;
          stats_->first_invalid_byte = b;
          stats_->first_invalid_norm = Norm();
        }
        out_->append(kReplacement, 3);
        Anchor(i + len);
        word_start_ = Norm();
        i += len;
        continue;
      }
      if (IsUnicodeSpace(cp) || (cp >= 0x80 && cp < 0xA0)) {
        FlushWord(i);
        if (cp >= 0x80 && cp < 0xA0 && cp != 0x85) ++stats_->control_chars;
        out_->push_back(' ');
        Anchor(i + len);
        word_start_ = Norm();
        i += len;
        continue;
      }
      if (IsDropped(cp)) {
        FlushWord(i);
        Anchor(i + len);
        word_start_ = Norm();
        i += len;
        continue;
      }
      if (!word_needs_nfc_ && MayChangeUnderNfc(cp)) word_needs_nfc_ = true;
      out_->append(reinterpret_cast<const char*>(raw_ + i), len);
      i += len;
    }
    FlushWord(n_);
  }

 private:
  uint32_t Norm() const { return static_cast<uint32_t>(out_->size() - base_); }

  // Anchors the current output position to raw offset `raw_pos` on the current line.
  void Anchor(size_t raw_pos) { map_->AddAnchor(Norm(), line_, raw_pos - line_start_); }

  // Returns the output offset where the word containing the end of raw_[i, j) begins.
  uint32_t LastSpaceOrWordStart(size_t i, size_t j) const {
    for (size_t k = j; k > i; --k) {
      if (raw_[k - 1] == ' ') return Norm() - static_cast<uint32_t>(j - k);
    }
    return word_start_;
  }

  // Applies NFC to the pending word, which ends at raw offset `raw_end`.
  void FlushWord(size_t raw_end) {
    if (!word_needs_nfc_) return;
    word_needs_nfc_ = false;
    const uint8_t* src = reinterpret_cast<const uint8_t*>(out_->data() + base_ + word_start_);
    utf8proc_ssize_t src_len = Norm() - word_start_;
    utf8proc_uint8_t* dst = nullptr;
    utf8proc_ssize_t len = utf8proc_map(
        src, src_len, &dst, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (len >= 0 && (len != src_len || std::memcmp(dst, src, len) != 0)) {
      out_->resize(base_ + word_start_);
      out_->append(reinterpret_cast<const char*>(dst), len);
      Anchor(raw_end);
    }
    std::free(dst);
    word_start_ = Norm();
  }

  const unsigned char* raw_;
  size_t n_;
  std::string* out_;
  size_t base_;
  SourceMap* map_;
  NormalizeStats* stats_;
  uint32_t line_;
  size_t line_start_ = 0;    // raw offset of the current line's first byte
  uint32_t word_start_ = 0;  // output offset of the current word
  bool word_needs_nfc_ = false;
};

}  // namespace

void NormalizeText(std::string_view raw, uint32_t first_line, std::string* out, SourceMap* map,
                   NormalizeStats* stats) {
  Normalizer(raw, first_line, out, map, stats).Run();
}

std::string NormalizeField(std::string_view raw) {
  std::string text;
  SourceMap map;
  NormalizeStats stats;
  NormalizeText(raw, 1, &text, &map, &stats);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace factdiff
