// What the fuzz harnesses share: the default rule set, compiled once per process, and the way
// the pipeline turns raw bytes into a normalised, segmented document.
#ifndef FACTDIFF_TESTS_FUZZ_FUZZ_ENGINE_H_
#define FACTDIFF_TESTS_FUZZ_FUZZ_ENGINE_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "factdiff/dates.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/numbers.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

namespace factdiff::fuzz {

struct Engine {
  std::vector<RuleFile> files;
  std::shared_ptr<const Segmenter> segmenter;
  std::shared_ptr<const NumberGrammar> numbers;
  std::shared_ptr<const DateGrammar> dates;
  std::shared_ptr<const Extractor> extractor;
};

// Returns the value of `r`, or aborts with its message: the default rules must always build.
template <typename T>
T OrDie(Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "fuzz: the default rules do not build: %s\n",
                 r.status().message().c_str());
    std::abort();
  }
  return std::move(*r);
}

// Returns the stages built from the default rule files.
inline const Engine& Defaults() {
  static const Engine* engine = [] {
    auto* e = new Engine;
    e->files = OrDie(LoadRuleFiles({}));
    e->segmenter = OrDie(Segmenter::Create(e->files));
    e->numbers = OrDie(NumberGrammar::Create(e->files));
    e->dates = OrDie(DateGrammar::Create(e->files));
    e->extractor = OrDie(Extractor::Create(e->files));
    return e;
  }();
  return *engine;
}

// Fills `*doc` with `raw` normalised as ingest does, and segments it into `*seg`.
inline void MakeDocument(std::string_view raw, Document* doc, Segmentation* seg) {
  doc->id = doc->path = "fuzz.txt";
  doc->raw_bytes = raw.size();
  NormalizeText(raw, 1, &doc->text, &doc->map, &doc->stats);
  Defaults().segmenter->Segment(doc->text, seg);
}

}  // namespace factdiff::fuzz

// Builds the engine before the first input, and reads a sample with it (RE2 builds its
// automata on first use), so that neither is taken for a slow input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace factdiff;
  const fuzz::Engine& e = fuzz::Defaults();
  Document doc;
  Segmentation seg;
  fuzz::MakeDocument(
      "MOSCOW, March 23, 2024 - Gunmen killed at least 115 people on Friday, officials said.\n\n"
      "\"We will find them,\" said Gen. Erik Kurilla, the head of Central Command. Nearly 100 "
      "were injured and 11 detained, nine years after the group was founded in 2015.\n",
      &doc, &seg);
  doc.date = "2024-03-23";
  std::vector<Claim> claims;
  e.extractor->Extract(doc, 0, seg, &claims);
  return 0;
}

#endif  // FACTDIFF_TESTS_FUZZ_FUZZ_ENGINE_H_
