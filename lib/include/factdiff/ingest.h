// Ingest: the first stage. Turns inputs (text files, directories, JSON Lines archives, plain or
// gzip-compressed, and standard input) into Documents one at a time, never holding more than
// the current document (or JSON Lines record) in memory.
//
// Ingest owns the text every later stage reads: it checks UTF-8 (invalid bytes become U+FFFD,
// with a warning), unifies line ends, turns control characters and Unicode spaces into ASCII
// spaces, drops invisible format characters, and applies NFC. Typographic quotes and dashes are
// kept as written. Each Document carries a SourceMap, so any byte offset in its normalised text
// maps back to a line and column of the original input.
#ifndef FACTDIFF_INGEST_H_
#define FACTDIFF_INGEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "factdiff/diagnostic.h"

namespace factdiff {

// Maps byte offsets of a normalised text back to the original input.
class SourceMap {
 public:
  struct Position {
    uint32_t line = 0;  // 1-based
    uint32_t col = 0;   // 1-based, in bytes of the original line
    friend bool operator==(const Position&, const Position&) = default;
  };

  // Returns the position in the original input of byte `offset` of the normalised text. An
  // offset inside a character that normalisation rewrote maps to that character's start.
  // Requires at least one anchor.
  Position Locate(uint32_t offset) const;

  // Records that normalised byte `norm` corresponds to original line `line` (1-based), byte
  // column `col` (0-based), and that the bytes after it correspond one to one until the next
  // anchor. Anchors must be added in increasing order of `norm`.
  void AddAnchor(uint32_t norm, uint32_t line, uint32_t col);

  void Clear() { anchors_.clear(); }
  size_t anchor_count() const { return anchors_.size(); }

 private:
  struct Anchor {
    uint32_t norm;
    uint32_t line;
    uint32_t col;
  };
  std::vector<Anchor> anchors_;
};

// What normalisation found in a text.
struct NormalizeStats {
  uint64_t invalid_sequences = 0;     // ill-formed UTF-8 sequences replaced by U+FFFD
  uint64_t first_invalid_offset = 0;  // byte offset of the first one in the raw text
  uint32_t first_invalid_byte = 0;    // its first byte
  uint64_t first_invalid_norm = 0;    // its offset in the normalised text
  uint64_t control_chars = 0;         // control characters turned into spaces
};

// Normalises `raw`, whose first byte is at original line `first_line` (1-based), column 1, and
// appends the result to `*out`, recording anchors in `*map` (offsets relative to the start of
// `*out` as it was on entry). See the file comment for what normalisation does.
void NormalizeText(std::string_view raw, uint32_t first_line, std::string* out, SourceMap* map,
                   NormalizeStats* stats);

// Returns `raw` with invalid UTF-8 replaced by U+FFFD, line ends and spaces unified to single
// ASCII spaces, NFC applied, and surrounding whitespace trimmed: for short metadata values.
std::string NormalizeField(std::string_view raw);

struct Document {
  std::string id;            // the path as given, or the JSON Lines "id"
  std::string path;          // the input file ("-" for standard input)
  uint64_t record_line = 0;  // the JSON Lines record's line in `path`; 0 for a text file
  std::string title, source, url, date;  // metadata, "" when absent
  std::string text;                      // normalised body text
  SourceMap map;                         // offsets of `text` -> original line and column
  uint64_t raw_bytes = 0;                // size of the body as read, before normalisation
  NormalizeStats stats;
};

struct IngestOptions {
  // Read every file and standard input as JSON Lines, whatever its name.
  bool jsonl = false;
  // Documents (a text file's body or a record's text) larger than this are skipped.
  uint64_t max_document_bytes = 16u << 20;
  // JSON Lines records longer than this are skipped without being held in memory.
  uint64_t max_record_bytes = 64u << 20;
  // Documents with a line longer than this are skipped: no article has a megabyte paragraph, and
  // later stages work a paragraph or a sentence at a time.
  uint64_t max_line_bytes = 1u << 20;
  // A document whose ill-formed UTF-8 sequences exceed this share of its bytes is skipped as
  // "not UTF-8" rather than filled with U+FFFD.
  double max_invalid_share = 0.10;
};

// Returns true iff `path` names a JSON Lines archive by its extension (.jsonl, .ndjson, and
// either with .gz).
bool IsJsonLinesPath(std::string_view path);

// Reads documents from a list of inputs, in order: a directory's files are read recursively in
// sorted order of their paths; "-" is standard input.
class DocumentReader {
 public:
  DocumentReader(std::vector<std::string> inputs, IngestOptions options, DiagnosticSink* sink);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Reads the next document into `*doc` and returns true, or returns false when every input is
  // exhausted. Problems go to the sink; a skipped document or input is reported there with
  // `skipped` set and a reason, and reading goes on with the next one.
  bool Next(Document* doc);

  // Number of documents returned by Next() so far.
  uint64_t documents_read() const { return documents_read_; }
  // Number of documents (or whole inputs) skipped so far.
  uint64_t skipped() const { return skipped_; }
  // Bytes of input read so far (after decompression).
  uint64_t bytes_read() const;
  // Bytes of the input files as stored (compressed or not) read so far, a text file counting
  // whole once it is started: the progress against TotalInputBytes().
  uint64_t input_position() const;

 private:
  class JsonLinesInput;

  void Skip(Diagnostic d);
  bool ReadTextFile(const std::string& path, Document* doc);
  bool FinishDocument(const std::string& path, uint64_t base_line_offset, Document* doc);
  void ExpandDirectory(const std::string& path);

  std::vector<std::string> pending_;  // inputs still to read, last one first
  IngestOptions options_;
  DiagnosticSink* sink_;
  std::unique_ptr<JsonLinesInput> jsonl_;
  std::unordered_set<std::string> seen_ids_;
  uint64_t documents_read_ = 0;
  uint64_t skipped_ = 0;
  uint64_t text_bytes_read_ = 0;
  uint64_t inputs_done_ = 0;  // stored bytes of the inputs finished (text files: started)
};

// Returns the stored size of `inputs` (files, and the files under folders), or 0 when it
// cannot be known (standard input among them).
uint64_t TotalInputBytes(const std::vector<std::string>& inputs);

}  // namespace factdiff

#endif  // FACTDIFF_INGEST_H_
