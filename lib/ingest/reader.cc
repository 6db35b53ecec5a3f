// DocumentReader: inputs -> Documents, streaming. Every file is opened through zlib's gzFile,
// which reads gzip-compressed and plain files alike, so "archive.jsonl.gz" needs no special
// path. A JSON Lines archive is read one record (line) at a time with a bounded buffer.
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "factdiff/ingest.h"
#include "factdiff/status.h"
#include "ingest/json_record.h"
#include "ingest/utf8.h"

namespace factdiff {

namespace {

constexpr size_t kBinaryProbeBytes = 8000;   // like git: a NUL byte here means binary
constexpr size_t kFirstReadChunk = 1 << 16;  // a small file costs little...
constexpr size_t kReadChunk = 1 << 20;       // ...and a large one is read a megabyte at a time

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool LooksBinary(std::string_view head) {
  return std::memchr(head.data(), '\0', std::min(head.size(), kBinaryProbeBytes)) != nullptr;
}

// A gzFile (plain or compressed) read in chunks.
class ByteStream {
 public:
  ~ByteStream() { Close(); }

  // Opens `path` ("-" for standard input).
  Status Open(const std::string& path) {
    path_ = path;
    if (path == "-") {
      int fd = dup(STDIN_FILENO);
      file_ = fd >= 0 ? gzdopen(fd, "rb") : nullptr;
    } else {
      std::error_code ec;
      if (std::filesystem::is_directory(path, ec)) {
        return Status::Error("is a directory");
      }
      file_ = gzopen(path.c_str(), "rb");
    }
    if (file_ == nullptr) {
      return Status::Error(
          fmt::format("cannot open: {}", errno != 0 ? std::strerror(errno) : "out of memory"));
    }
    gzbuffer(file_, 1 << 18);
    return Status::Ok();
  }

  void Close() {
    if (file_ != nullptr) gzclose(file_);
    file_ = nullptr;
  }

  // Reads up to kReadChunk more bytes (fewer for the first reads) into the buffer. Returns false at
  // the end or on error.
  bool Fill() {
    if (eof_) return false;
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    // Into a scratch chunk, then appended: growing buf_ by resize() would zero what gzread
    // is about to overwrite.
    if (chunk_ == nullptr) chunk_.reset(new char[kReadChunk]);  // not zeroed, unlike make_unique
    size_t want = std::min(kReadChunk, kFirstReadChunk << std::min<size_t>(fills_++, 4));
    int got = gzread(file_, chunk_.get(), static_cast<unsigned>(want));
    if (got <= 0) {
      eof_ = true;
      int errnum = Z_OK;
      const char* msg = gzerror(file_, &errnum);
      if (got < 0 || errnum != Z_OK) {
        error_ = errnum == Z_ERRNO ? std::strerror(errno) : msg;
        truncated_ = errnum == Z_BUF_ERROR;
      }
      return false;
    }
    buf_.append(chunk_.get(), got);
    bytes_ += got;
    return true;
  }

  // Reads the whole stream, up to `limit` bytes, into `*out`. Returns false iff it was longer.
  bool ReadAll(uint64_t limit, std::string* out) {
    while (buf_.size() - pos_ <= limit && Fill()) {
    }
    if (buf_.size() - pos_ > limit) return false;
    out->assign(buf_, pos_, std::string::npos);
    buf_.clear();
    pos_ = 0;
    return true;
  }

  // Reads the next line (without its '\n') into `*line`. Returns false at the end of input.
  // A line longer than `limit` is consumed but not stored: `*too_long` is set and `*length`
  // tells its length.
  bool ReadLine(uint64_t limit, std::string* line, bool* too_long, uint64_t* length) {
    line->clear();
    *too_long = false;
    *length = 0;
    for (;;) {
      const char* start = buf_.data() + pos_;
      size_t avail = buf_.size() - pos_;
      const void* nl = avail > 0 ? std::memchr(start, '\n', avail) : nullptr;
      size_t take = nl ? static_cast<const char*>(nl) - start : avail;
      *length += take;
      if (!*too_long) {
        if (line->size() + take > limit) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(start, take);
        }
      }
      if (nl != nullptr) {
        pos_ += take + 1;
        return true;
      }
      pos_ += take;
      if (!Fill()) return *length > 0 || *too_long;
    }
  }

  // The first bytes of the stream, for the binary check (reads them if needed).
  std::string_view Head() {
    while (buf_.size() - pos_ < kBinaryProbeBytes && Fill()) {
    }
    return std::string_view(buf_).substr(pos_, kBinaryProbeBytes);
  }

  uint64_t bytes() const { return bytes_; }
  // Bytes of the file as stored (compressed or not) read so far, read-ahead included.
  uint64_t Offset() const {
    z_off_t at = file_ != nullptr ? gzoffset(file_) : 0;
    return at > 0 ? static_cast<uint64_t>(at) : 0;
  }
  const std::string& error() const { return error_; }
  bool truncated() const { return truncated_; }

 private:
  std::string path_;
  gzFile file_ = nullptr;
  std::string buf_;
  std::unique_ptr<char[]> chunk_;  // kReadChunk bytes, left uninitialised
  size_t fills_ = 0;
  size_t pos_ = 0;
  bool eof_ = false;
  bool truncated_ = false;
  std::string error_;
  uint64_t bytes_ = 0;
};

// Returns `s` shortened to at most `max` bytes (on a character boundary) with "..." added.
std::string Excerpt(std::string_view s, size_t max = 40) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

// Parses a text file's header block: leading "Key: value" lines (Title, Source, URL, Date,
// Published) ended by a blank line. Returns the number of bytes the block (with its blank line)
// takes, and the number of lines, or 0 when the text has no header block.
size_t ParseHeaderBlock(std::string_view raw, Document* doc, uint32_t* lines) {
  size_t pos = 0;
  uint32_t n = 0;
  Document meta;
  if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) return 0;
    std::string_view line = raw.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (n == 0) return 0;
      *doc = std::move(meta);
      *lines = n + 1;
      return end + 1;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return 0;
    std::string key(line.substr(0, colon));
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::string value = NormalizeField(line.substr(colon + 1));
    if (key == "title") {
      meta.title = value;
    } else if (key == "source") {
      meta.source = value;
    } else if (key == "url") {
      meta.url = value;
    } else if (key == "date" || key == "published") {
      meta.date = value;
    } else {
      return 0;
    }
    ++n;
    pos = end + 1;
  }
  return 0;
}

}  // namespace

bool IsJsonLinesPath(std::string_view path) {
  if (EndsWith(path, ".gz")) path.remove_suffix(3);
  return EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson");
}

// One JSON Lines archive being read.
class DocumentReader::JsonLinesInput {
 public:
  std::string path;
  ByteStream stream;
  uint64_t line = 0;
};

DocumentReader::DocumentReader(std::vector<std::string> inputs, IngestOptions options,
                               DiagnosticSink* sink)
    : pending_(inputs.rbegin(), inputs.rend()), options_(options), sink_(sink) {}

DocumentReader::~DocumentReader() = default;

uint64_t DocumentReader::bytes_read() const {
  return text_bytes_read_ + (jsonl_ ? jsonl_->stream.bytes() : 0);
}

uint64_t DocumentReader::input_position() const {
  return inputs_done_ + (jsonl_ ? jsonl_->stream.Offset() : 0);
}

uint64_t TotalInputBytes(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const std::string& input : inputs) {
    if (input == "-") return 0;
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(input, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
      }
    } else {
      uint64_t size = std::filesystem::file_size(input, ec);
      if (!ec) total += size;
    }
  }
  return total;
}

namespace {

// Returns the 1-based number of the first line of `text` longer than `limit` bytes (line ends
// not counted) and sets *length to its length, or returns 0 when there is none.
uint64_t FirstLongLine(std::string_view text, uint64_t limit, uint64_t* length) {
  if (text.size() <= limit) return 0;
  uint64_t line = 1;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    size_t n = end - begin;
    if (n > 0 && text[end - 1] == '\r') --n;
    if (n > limit) {
      *length = n;
      return line;
    }
    ++line;
    begin = end + 1;
  }
  return 0;
}

}  // namespace

void DocumentReader::Skip(Diagnostic d) {
  d.skipped = true;
  d.severity = Severity::kError;
  ++skipped_;
  sink_->Report(d);
}

void DocumentReader::ExpandDirectory(const std::string& path) {
  std::vector<std::string> files;
  std::error_code ec;
  auto it = std::filesystem::recursive_directory_iterator(
      path, std::filesystem::directory_options::skip_permission_denied, ec);
  std::string prefix = path;
  if (!prefix.empty() && prefix.back() != '/') prefix.push_back('/');
  for (auto end = std::filesystem::recursive_directory_iterator(); !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {  // hidden files and folders are not articles
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) {
      std::string rel = std::filesystem::relative(it->path(), path, ec).generic_string();
      files.push_back(prefix + rel);
    }
  }
  if (ec) {
    sink_->Report(Diagnostic{Severity::kError, path, 0, 0,
                             fmt::format("cannot read directory: {}", ec.message())});
  }
  std::sort(files.begin(), files.end());
  pending_.insert(pending_.end(), files.rbegin(), files.rend());
}

bool DocumentReader::FinishDocument(const std::string& path, uint64_t line_hint, Document* doc) {
  const NormalizeStats& st = doc->stats;
  if (st.invalid_sequences > 0) {
    bool too_many = static_cast<double>(st.invalid_sequences) >
                        options_.max_invalid_share * static_cast<double>(doc->raw_bytes) &&
                    st.invalid_sequences >= 8;
    // In a JSON Lines archive the position is the record's line and the byte in it.
    SourceMap::Position pos =
        doc->record_line > 0
            ? SourceMap::Position{static_cast<uint32_t>(line_hint),
                                  static_cast<uint32_t>(st.first_invalid_offset + 1)}
            : doc->map.Locate(static_cast<uint32_t>(st.first_invalid_norm));
    Diagnostic d{Severity::kWarning, path, pos.line, pos.col, ""};
    if (too_many) {
      d.message = fmt::format(
          "not UTF-8: {} of {} bytes are ill-formed (first 0x{:02X} at byte offset {}); "
          "document \"{}\" skipped",
          st.invalid_sequences, doc->raw_bytes, st.first_invalid_byte, st.first_invalid_offset,
          doc->id);
      d.doc_id = doc->id;
      d.reason = "not-utf8";
      Skip(d);
      return false;
    }
    d.message =
        fmt::format("invalid UTF-8 byte 0x{:02X} at byte offset {} replaced by U+FFFD{}",
                    st.first_invalid_byte, st.first_invalid_offset,
                    st.invalid_sequences > 1
                        ? fmt::format(" ({} ill-formed sequences in all)", st.invalid_sequences)
                        : "");
    d.doc_id = doc->id;
    sink_->Report(d);
  }
  if (doc->text.find_first_not_of(" \t\n") == std::string::npos) {
    Diagnostic d{Severity::kError, path, line_hint, 0,
                 doc->record_line > 0
                     ? fmt::format("record \"{}\" has an empty text; skipped", doc->id)
                     : "empty file; skipped"};
    d.doc_id = doc->id;
    d.reason = "empty";
    Skip(d);
    return false;
  }
  if (auto [it, inserted] = seen_ids_.insert(doc->id); !inserted) {
    Diagnostic d{Severity::kError, path, line_hint, 0,
                 fmt::format("duplicate id \"{}\": an earlier document has it; skipped", doc->id)};
    d.doc_id = doc->id;
    d.reason = "duplicate-id";
    Skip(d);
    return false;
  }
  ++documents_read_;
  return true;
}

bool DocumentReader::ReadTextFile(const std::string& path, Document* doc) {
  if (path != "-") {
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(path, ec);
    if (!ec) inputs_done_ += size;
  }
  ByteStream in;
  if (Status s = in.Open(path); !s.ok()) {
    Diagnostic d{Severity::kError, path, 0, 0, s.message()};
    d.doc_id = path;
    d.reason = "unreadable";
    Skip(d);
    return false;
  }
  if (LooksBinary(in.Head())) {
    Diagnostic d{Severity::kError, path, 0, 0,
                 "binary file (NUL byte in its first 8000 bytes); skipped"};
    d.doc_id = path;
    d.reason = "binary";
    Skip(d);
    return false;
  }
  std::string raw;
  // Leave room for a header block on top of the largest body allowed.
  if (!in.ReadAll(options_.max_document_bytes + 4096, &raw)) {
    text_bytes_read_ += in.bytes();
    Diagnostic d{Severity::kError, path, 0, 0,
                 fmt::format("file larger than the {}-byte limit for a document; skipped",
                             options_.max_document_bytes)};
    d.doc_id = path;
    d.reason = "too-large";
    Skip(d);
    return false;
  }
  text_bytes_read_ += in.bytes();
  if (!in.error().empty()) {
    sink_->Report(Diagnostic{Severity::kWarning, path, 0, 0,
                             fmt::format("read error: {}{}", in.error(),
                                         in.truncated() ? " (truncated gzip stream)" : "")});
  }
  *doc = Document();
  uint32_t header_lines = 0;
  size_t header_bytes = ParseHeaderBlock(raw, doc, &header_lines);
  std::string_view body = std::string_view(raw).substr(header_bytes);
  if (body.size() > options_.max_document_bytes) {
    Diagnostic d{Severity::kError, path, 0, 0,
                 fmt::format("file larger than the {}-byte limit for a document; skipped",
                             options_.max_document_bytes)};
    d.doc_id = path;
    d.reason = "too-large";
    Skip(d);
    return false;
  }
  uint64_t long_length = 0;
  if (uint64_t long_line = FirstLongLine(body, options_.max_line_bytes, &long_length)) {
    Diagnostic d{Severity::kError, path, header_lines + long_line, 0,
                 fmt::format("line of {} bytes is over the {}-byte limit for a line; skipped",
                             long_length, options_.max_line_bytes)};
    d.doc_id = path;
    d.reason = "line-too-long";
    Skip(d);
    return false;
  }
  doc->id = path;
  doc->path = path;
  doc->raw_bytes = body.size();
  NormalizeText(body, header_lines + 1, &doc->text, &doc->map, &doc->stats);
  doc->stats.first_invalid_offset += header_bytes;
  return FinishDocument(path, 0, doc);
}

bool DocumentReader::Next(Document* doc) {
  for (;;) {
    if (jsonl_) {
      JsonLinesInput& in = *jsonl_;
      std::string line;
      bool too_long = false;
      uint64_t length = 0;
      if (!in.stream.ReadLine(options_.max_record_bytes, &line, &too_long, &length)) {
        if (!in.stream.error().empty()) {
          Diagnostic d{Severity::kError, in.path, in.line + 1, 0,
                       in.stream.truncated()
                           ? "truncated gzip stream (unexpected end of file); records after line " +
                                 std::to_string(in.line) + " are lost"
                           : "read error: " + in.stream.error()};
          d.reason = in.stream.truncated() ? "truncated" : "unreadable";
          // The records lost cannot be named; the loss itself is accounted for as one skip.
          Skip(d);
        }
        text_bytes_read_ += in.stream.bytes();
        inputs_done_ += in.stream.Offset();
        jsonl_.reset();
        continue;
      }
      ++in.line;
      Diagnostic where{Severity::kError, in.path, in.line, 0, ""};
      if (too_long) {
        where.message = fmt::format(
            "record is {} bytes, over the {}-byte limit for a JSON Lines record; skipped", length,
            options_.max_record_bytes);
        where.reason = "too-large";
        Skip(where);
        continue;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
      std::string fixed;
      uint64_t first_bad = 0;
      uint64_t bad = FixUtf8(line, &fixed, &first_bad);
      if (bad > 0) line.swap(fixed);
      RecordFields rec;
      size_t error_col = 0;
      std::string error = ParseRecord(line, &rec, &error_col);
      if (!error.empty()) {
        where.col = error_col;
        where.message = fmt::format("malformed JSON Lines record: {}; skipped", error);
        where.reason = "malformed";
        Skip(where);
        continue;
      }
      *doc = Document();
      using T = RecordField::Type;
      if ((rec.id.type == T::kString || rec.id.type == T::kInteger) && !rec.id.value.empty()) {
        doc->id = rec.id.value;
      }
      if (doc->id.empty()) {
        where.col = 1;
        where.message = rec.id.type == T::kAbsent
                            ? "record has no \"id\"; skipped"
                            : fmt::format(
                                  "record's \"id\" must be a non-empty string or an integer, "
                                  "found {} {}; skipped",
                                  rec.id.TypeName(), Excerpt(rec.id.value));
        where.reason = "missing-field";
        Skip(where);
        continue;
      }
      if (rec.text.type != T::kString) {
        where.col = 1;
        where.doc_id = doc->id;
        where.message =
            rec.text.type == T::kAbsent
                ? fmt::format("record \"{}\" has no \"text\"; skipped", doc->id)
                : fmt::format("record \"{}\": \"text\" must be a string, found {}; skipped",
                              doc->id, rec.text.TypeName());
        where.reason = "missing-field";
        Skip(where);
        continue;
      }
      const std::string& raw = rec.text.value;
      if (raw.size() > options_.max_document_bytes) {
        where.doc_id = doc->id;
        where.message = fmt::format(
            "record \"{}\": text of {} bytes is over the {}-byte limit for a document; skipped",
            doc->id, raw.size(), options_.max_document_bytes);
        where.reason = "too-large";
        Skip(where);
        continue;
      }
      uint64_t long_length = 0;
      if (uint64_t long_line = FirstLongLine(raw, options_.max_line_bytes, &long_length)) {
        where.doc_id = doc->id;
        where.message = fmt::format(
            "record \"{}\": line {} of its text is {} bytes, over the {}-byte limit for a line; "
            "skipped",
            doc->id, long_line, long_length, options_.max_line_bytes);
        where.reason = "line-too-long";
        Skip(where);
        continue;
      }
      auto field = [&](const char* key, const RecordField& f, std::string* out) {
        switch (f.type) {
          case T::kAbsent:
          case T::kNull:
            return;
          case T::kString:
            *out = NormalizeField(f.value);
            return;
          case T::kNumber:
          case T::kInteger:
            *out = f.value;
            return;
          default:
            sink_->Report(
                Diagnostic{Severity::kWarning, in.path, in.line, 0,
                           fmt::format("record \"{}\": \"{}\" is {}, not a string; ignored",
                                       doc->id, key, f.TypeName())});
        }
      };
      field("title", rec.title, &doc->title);
      field("source", rec.source, &doc->source);
      field("url", rec.url, &doc->url);
      field("date", rec.date, &doc->date);
      if (doc->date.empty()) field("published", rec.published, &doc->date);
      doc->path = in.path;
      doc->record_line = in.line;
      doc->raw_bytes = raw.size();
      NormalizeText(raw, 1, &doc->text, &doc->map, &doc->stats);
      if (bad > 0) {
        // After the swap, `fixed` holds the line as read.
        doc->stats.invalid_sequences = bad;
        doc->stats.first_invalid_offset = first_bad;
        doc->stats.first_invalid_byte = static_cast<unsigned char>(fixed[first_bad]);
      }
      if (!FinishDocument(in.path, in.line, doc)) continue;
      return true;
    }
    if (pending_.empty()) return false;
    std::string path = std::move(pending_.back());
    pending_.pop_back();
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec)) {
      ExpandDirectory(path);
      continue;
    }
    if (options_.jsonl || IsJsonLinesPath(path)) {
      auto in = std::make_unique<JsonLinesInput>();
      in->path = path;
      if (Status s = in->stream.Open(path); !s.ok()) {
        Diagnostic d{Severity::kError, path, 0, 0, s.message()};
        d.reason = "unreadable";
        Skip(d);
        continue;
      }
      if (LooksBinary(in->stream.Head())) {
        Diagnostic d{Severity::kError, path, 0, 0,
                     "binary file (NUL byte in its first 8000 bytes), not JSON Lines; skipped"};
        d.reason = "binary";
        Skip(d);
        continue;
      }
      jsonl_ = std::move(in);
      continue;
    }
    if (ReadTextFile(path, doc)) return true;
  }
}

}  // namespace factdiff
