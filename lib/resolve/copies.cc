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
  // Documents with the same shingles and the same length form one class: each shares exactly as
  // much with every other document, so what a class shares is counted once, not once per member
  // (an archive carrying one wire story a thousand times costs what one copy of it costs).
  std::vector<uint32_t> class_of(docs_.size());
  std::vector<std::vector<uint32_t>> members;  // positions in docs_, ascending
  {
    std::unordered_map<uint64_t, std::vector<uint32_t>> by_hash;  // content hash -> classes
    for (uint32_t i = 0; i < docs_.size(); ++i) {
      const Prepared& d = docs_[i];
      uint64_t h = Fnv(std::string_view(reinterpret_cast<const char*>(d.shingles.data()),
                                        d.shingles.size() * sizeof(uint64_t))) ^
                   d.words;
      std::vector<uint32_t>& classes = by_hash[h];
      uint32_t c = static_cast<uint32_t>(members.size());
      for (uint32_t k : classes) {
        const Prepared& first = docs_[members[k][0]];
        if (first.words == d.words && first.shingles == d.shingles) {
          c = k;
          break;
        }
      }
      if (c == members.size()) {
        classes.push_back(c);
        members.emplace_back();
      }
      members[c].push_back(i);
      class_of[i] = c;
    }
  }
  struct Posting {
    std::vector<uint32_t> classes;
    size_t documents = 0;
  };
  std::unordered_map<uint64_t, Posting> index;  // hash -> the classes holding it
  for (uint32_t c = 0; c < members.size(); ++c) {
    for (uint64_t h : docs_[members[c][0]].shingles) {
      Posting& p = index[h];
      p.classes.push_back(c);
      p.documents += members[c].size();
    }
  }
  // The smallest document index in each class: the original among equals.
  std::vector<uint32_t> first_index(members.size());
  for (uint32_t c = 0; c < members.size(); ++c) {
    first_index[c] = docs_[members[c][0]].index;
    for (uint32_t i : members[c]) first_index[c] = std::min(first_index[c], docs_[i].index);
  }
  uint32_t max_index = 0;
  for (const Prepared& d : docs_) max_index = std::max(max_index, d.index);
  std::vector<int32_t> copy_of(docs_.empty() ? 0 : max_index + 1, -1);
  // Shingles shared with each other class, counted in one reused array.
  std::vector<uint32_t> shared(members.size(), 0);
  std::vector<uint32_t> touched;
  std::vector<std::pair<double, uint32_t>> close;  // (containment, class) at or over the bar
  for (uint32_t a = 0; a < members.size(); ++a) {
    const Prepared& rep = docs_[members[a][0]];
    if (rep.shingles.size() < kMinShingles) continue;
    touched.clear();
    size_t own = 0;  // shingles shared with the other members of the class
    for (uint64_t h : rep.shingles) {
      const Posting& posting = index.find(h)->second;
      if (posting.documents > kMaxPosting) continue;  // boilerplate
      ++own;
      for (uint32_t b : posting.classes) {
        if (b != a && shared[b]++ == 0) touched.push_back(b);
      }
    }
    double total = static_cast<double>(rep.shingles.size());
    close.clear();
    for (uint32_t b : touched) {
      double containment = static_cast<double>(shared[b]) / total;
      shared[b] = 0;
      if (containment >= kCopyContainment) close.emplace_back(containment, b);
    }
    double own_containment = static_cast<double>(own) / total;
    for (uint32_t i : members[a]) {
      const Prepared& d = docs_[i];
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
      if (first_index[a] < d.index) consider(own_containment, first_index[a]);
      for (const auto& [containment, b] : close) {
        const Prepared& other = docs_[members[b][0]];
        if (other.words > d.words || (other.words == d.words && first_index[b] < d.index))
          consider(containment, first_index[b]);
      }
      copy_of[d.index] = best_doc;
    }
  }
  return copy_of;
}

}  // namespace factdiff
