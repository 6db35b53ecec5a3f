// Copy detection with sampled shingles: each document keeps the hashes of about a quarter of its
// 8-word shingles; an inverted index from hash to documents counts what each document shares
// with the others, so no pair of documents is compared unless they share text.
#include <algorithm>
#include <unordered_map>

#include "factdiff/resolve.h"

namespace factdiff {

namespace {

constexpr size_t kShingle = 8;
constexpr uint64_t kSampleMask = 3;       // keep a hash when (hash & mask) == 0
constexpr double kCopyContainment = 0.5;  // share of a document's shingles found in another
constexpr size_t kMinShingles = 6;        // too little text to call it a copy
constexpr size_t kMaxPosting = 1000;      // a shingle in more documents is boilerplate

uint64_t Fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

void CopyDetector::AddDocument(uint32_t doc_index, std::string_view text, const Segmentation& seg) {
  Add(Prepare(doc_index, text, seg));
}

CopyDetector::Prepared CopyDetector::Prepare(uint32_t doc_index, std::string_view text,
                                             const Segmentation& seg) {
  std::vector<uint64_t> words;
  std::string word;
  auto flush = [&]() {
    if (!word.empty()) words.push_back(Fnv(word));
    word.clear();
  };
  for (const Sentence& s : seg.sentences) {
    for (char ch : s.span.Of(text)) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (std::isalnum(c) || c >= 0x80) {
        word.push_back(static_cast<char>(std::tolower(c)));
      } else {
        flush();
      }
    }
    flush();
  }
  Prepared doc{doc_index, {}, words.size()};
  for (size_t i = 0; i + kShingle <= words.size(); ++i) {
    uint64_t h = 0;
    for (size_t k = 0; k < kShingle; ++k) h = (h ^ words[i + k]) * 0x100000001b3ull + k;
    h ^= h >> 29;
    if ((h & kSampleMask) == 0) doc.shingles.push_back(h);
  }
  std::sort(doc.shingles.begin(), doc.shingles.end());
  doc.shingles.erase(std::unique(doc.shingles.begin(), doc.shingles.end()), doc.shingles.end());
  return doc;
}

std::vector<int32_t> CopyDetector::Find() const {
  std::unordered_map<uint64_t, std::vector<uint32_t>> index;  // hash -> positions in docs_
  for (uint32_t i = 0; i < docs_.size(); ++i) {
    for (uint64_t h : docs_[i].shingles) index[h].push_back(i);
  }
  uint32_t max_index = 0;
  for (const Prepared& d : docs_) max_index = std::max(max_index, d.index);
  std::vector<int32_t> copy_of(docs_.empty() ? 0 : max_index + 1, -1);
  // Shingles shared with each other document, counted in one reused array.
  std::vector<uint32_t> shared(docs_.size(), 0);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < docs_.size(); ++i) {
    const Prepared& a = docs_[i];
    if (a.shingles.size() < kMinShingles) continue;
    touched.clear();
    for (uint64_t h : a.shingles) {
      const std::vector<uint32_t>& posting = index.find(h)->second;
      if (posting.size() > kMaxPosting) continue;
      for (uint32_t j : posting) {
        if (j == i) continue;
        if (shared[j]++ == 0) touched.push_back(j);
      }
    }
    std::sort(touched.begin(), touched.end());
    double best = 0;
    int32_t best_doc = -1;
    for (uint32_t j : touched) {
      size_t n = shared[j];
      shared[j] = 0;
      const Prepared& b = docs_[j];
      // The copy is the shorter text; of two equal ones, the later.
      bool b_is_original = b.words > a.words || (b.words == a.words && b.index < a.index);
      if (!b_is_original) continue;
      double containment = static_cast<double>(n) / static_cast<double>(a.shingles.size());
      if (containment >= kCopyContainment &&
          (containment > best ||
           (containment == best && static_cast<int32_t>(b.index) < best_doc))) {
        best = containment;
        best_doc = static_cast<int32_t>(b.index);
      }
    }
    copy_of[a.index] = best_doc;
  }
  return copy_of;
}

}  // namespace factdiff
