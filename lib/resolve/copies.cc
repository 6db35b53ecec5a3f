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
  // ASCII letters folded to lower case, digits, and every byte of a multibyte character make
  // words (the "C" locale's isalnum and tolower, without a call per byte).
  for (const Sentence& s : seg.sentences) {
    for (char ch : s.span.Of(text)) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (c >= 'A' && c <= 'Z') {
        word.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
        word.push_back(ch);
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

void CopyDetector::Add(Prepared prepared) {
  uint64_t h = Fnv(std::string_view(reinterpret_cast<const char*>(prepared.shingles.data()),
                                    prepared.shingles.size() * sizeof(uint64_t))) ^
               prepared.words;
  std::vector<uint32_t>& candidates = class_by_hash_[h];
  for (uint32_t c : candidates) {
    Class& k = classes_[c];
    if (k.words == prepared.words && k.shingles == prepared.shingles) {
      k.members.push_back(prepared.index);
      return;
    }
  }
  candidates.push_back(static_cast<uint32_t>(classes_.size()));
  classes_.push_back(Class{std::move(prepared.shingles), prepared.words, {prepared.index}});
}

std::vector<int32_t> CopyDetector::Find() const {
  // Each member of a class shares exactly as much with every other document, so what a class
  // shares is counted once, not once per member.
  struct Posting {
    std::vector<uint32_t> classes;
    size_t documents = 0;
  };
  std::unordered_map<uint64_t, Posting> index;  // hash -> the classes holding it
  uint32_t max_index = 0;
  for (uint32_t c = 0; c < classes_.size(); ++c) {
    for (uint64_t h : classes_[c].shingles) {
      Posting& p = index[h];
      p.classes.push_back(c);
      p.documents += classes_[c].members.size();
    }
    for (uint32_t d : classes_[c].members) max_index = std::max(max_index, d);
  }
  // The smallest document index in each class: the original among equals.
  std::vector<uint32_t> first_index(classes_.size());
  for (uint32_t c = 0; c < classes_.size(); ++c) {
    first_index[c] = *std::min_element(classes_[c].members.begin(), classes_[c].members.end());
  }
  std::vector<int32_t> copy_of(classes_.empty() ? 0 : max_index + 1, -1);
  // Shingles shared with each other class, counted in one reused array.
  std::vector<uint32_t> shared(classes_.size(), 0);
  std::vector<uint32_t> touched;
  std::vector<std::pair<double, uint32_t>> close;  // (containment, class) at or over the bar
  for (uint32_t a = 0; a < classes_.size(); ++a) {
    const Class& k = classes_[a];
    if (k.shingles.size() < kMinShingles) continue;
    touched.clear();
    size_t own = 0;  // shingles shared with the other members of the class
    for (uint64_t h : k.shingles) {
      const Posting& posting = index.find(h)->second;
      if (posting.documents > kMaxPosting) continue;  // boilerplate
      ++own;
      for (uint32_t b : posting.classes) {
        if (b != a && shared[b]++ == 0) touched.push_back(b);
      }
    }
    double total = static_cast<double>(k.shingles.size());
    close.clear();
    for (uint32_t b : touched) {
      double containment = static_cast<double>(shared[b]) / total;
      shared[b] = 0;
      if (containment >= kCopyContainment) close.emplace_back(containment, b);
    }
    double own_containment = static_cast<double>(own) / total;
    for (uint32_t d : k.members) {
      // The copy is the shorter text; of two equal ones, the later. The best original shares
      // the most; of those, the first.
      double best = 0;
      int32_t best_doc = -1;
      auto consider = [&](double containment, uint32_t original) {
        if (containment >= kCopyContainment &&
            (containment > best ||
             (containment == best && static_cast<int32_t>(original) < best_doc))) {
          best = containment;
          best_doc = static_cast<int32_t>(original);
        }
      };
      if (first_index[a] < d) consider(own_containment, first_index[a]);
      for (const auto& [containment, b] : close) {
        const Class& other = classes_[b];
        if (other.words > k.words || (other.words == k.words && first_index[b] < d))
          consider(containment, first_index[b]);
      }
      copy_of[d] = best_doc;
    }
  }
  return copy_of;
}

}  // namespace factdiff
