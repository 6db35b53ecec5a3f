// Fuzzes ingest of JSON Lines: the input is an archive (one or more records) read by the
// DocumentReader exactly as `factdiff audit` reads a file, through zlib, record parsing, UTF-8
// checks and normalisation. Every record must come out as a document or as a skip.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "factdiff/diagnostic.h"
#include "factdiff/ingest.h"

namespace {

class CountingSink : public factdiff::DiagnosticSink {
 public:
  void Report(const factdiff::Diagnostic& d) override {
    if (d.skipped) ++skipped;
  }
  uint64_t skipped = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static int fd = memfd_create("fuzz.jsonl", 0);
  if (fd < 0) std::abort();
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) {
    std::abort();
  }
  factdiff::IngestOptions options;
  options.jsonl = true;
  options.max_document_bytes = 1 << 16;  // small, so that the limits are reached too
  options.max_record_bytes = 1 << 17;
  CountingSink sink;
  factdiff::DocumentReader reader({"/proc/self/fd/" + std::to_string(fd)}, options, &sink);
  factdiff::Document doc;
  uint64_t documents = 0;
  while (reader.Next(&doc)) {
    ++documents;
    // Every offset of the text must map back into the input.
    if (!doc.text.empty() && doc.map.anchor_count() == 0) std::abort();
    for (size_t i = 0; i < doc.text.size(); i += 97) (void)doc.map.Locate(i);
  }
  if (documents != reader.documents_read() || sink.skipped != reader.skipped()) std::abort();
  return 0;
}
