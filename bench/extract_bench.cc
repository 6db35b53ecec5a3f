// Extraction benchmark: reads JSON Lines archives and runs ingest, segmentation and extraction
// on one thread, reporting documents and MB of article text per second.
//   extract_bench [--repeat N] FILE.jsonl...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

using namespace factdiff;

namespace {
class NullSink : public DiagnosticSink {
 public:
  void Report(const Diagnostic&) override { ++count; }
  size_t count = 0;
};
}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else {
      inputs.push_back(argv[i]);
    }
  }
  auto files = LoadRuleFiles({});
  auto seg = Segmenter::Create(*files);
  if (!seg.ok()) {
    std::fprintf(stderr, "%s\n", seg.status().message().c_str());
    return 2;
  }
  auto extractor_or = Extractor::Create(*files);
  if (!extractor_or.ok()) {
    std::fprintf(stderr, "%s\n", extractor_or.status().message().c_str());
    return 2;
  }
  const Extractor& extractor = **extractor_or;
  double best = 1e30;
  uint64_t docs = 0, text_bytes = 0, claims_total = 0, sentences = 0;
  for (int r = 0; r < repeat; ++r) {
    NullSink sink;
    DocumentReader reader(inputs, IngestOptions(), &sink);
    Document doc;
    Segmentation s;
    std::vector<Claim> claims;
    docs = text_bytes = claims_total = sentences = 0;
    auto t0 = std::chrono::steady_clock::now();
    while (reader.Next(&doc)) {
      (*seg)->Segment(doc.text, &s);
      claims.clear();
      if (!getenv("NOEXTRACT")) extractor.Extract(doc, 0, s, &claims);
      ++docs;
      text_bytes += doc.raw_bytes;
      claims_total += claims.size();
      sentences += s.sentences.size();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (secs < best) best = secs;
  }
  std::printf("documents %llu, text %.2f MB, sentences %llu, claims %llu\n",
              (unsigned long long)docs, text_bytes / 1e6, (unsigned long long)sentences,
              (unsigned long long)claims_total);
  std::printf("best of %d: %.3f s, %.0f documents/s, %.1f MB/s of article text\n", repeat, best,
              docs / best, text_bytes / 1e6 / best);
  return 0;
}
