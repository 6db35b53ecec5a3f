// factdiff audit: reads an archive, groups its articles into stories, compares the articles of
// each story, and writes the results to a folder. See audit.h.
#include "audit.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "factdiff/atomic_file.h"
#include "factdiff/claims_io.h"
#include "factdiff/dates.h"
#include "factdiff/report.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

using ojson = nlohmann::ordered_json;

struct Item {
  Document doc;
  Segmentation seg;
  DocumentDate date;
  std::vector<Claim> claims;
  EventLinker::Prepared mentions;
  CopyDetector::Prepared shingles;
  size_t too_many_claims = 0;  // the number of claims when over the limit (then skipped)
};

// One story's documents, claims and events, indexed afresh, ready for Compare and the reports.
struct StoryInput {
  ReportInput report;
  std::vector<std::string> names;
  std::vector<int32_t> copy_of;
};

// `text_of(ci)` is claim ci's sentence (kept out of the claims while they wait).
StoryInput Slice(const std::vector<DocumentInfo>& documents, const std::vector<Claim>& claims,
                 const std::vector<Event>& events,
                 const std::vector<std::vector<uint32_t>>& claims_of,
                 const std::vector<uint32_t>& docs,
                 const std::function<std::string(uint32_t)>& text_of) {
  StoryInput s;
  std::map<uint32_t, int32_t> local_doc;
  for (uint32_t d : docs) local_doc[d] = static_cast<int32_t>(local_doc.size());
  for (uint32_t d : docs) {
    DocumentInfo info = documents[d];
    auto it =
        info.copy_of >= 0 ? local_doc.find(static_cast<uint32_t>(info.copy_of)) : local_doc.end();
    info.copy_of = it == local_doc.end() ? -1 : it->second;
    s.copy_of.push_back(info.copy_of);
    s.names.push_back(ShortName(info));
    s.report.documents.push_back(std::move(info));
  }
  std::map<int32_t, int32_t> local_event;
  std::map<uint32_t, int32_t> local_claim;
  for (uint32_t d : docs) {
    for (uint32_t ci : claims_of[d]) {
      local_claim[ci] = static_cast<int32_t>(s.report.claims.size());
      Claim c = claims[ci];
      c.text = text_of(ci);
      c.doc = static_cast<uint32_t>(local_doc[d]);
      if (c.event >= 0) {
        auto [it, added] =
            local_event.try_emplace(c.event, static_cast<int32_t>(s.report.events.size()));
        if (added) s.report.events.push_back(events[c.event]);
        c.event = it->second;
      }
      s.report.claims.push_back(std::move(c));
    }
  }
  for (Claim& c : s.report.claims) {
    auto it =
        c.part_of >= 0 ? local_claim.find(static_cast<uint32_t>(c.part_of)) : local_claim.end();
    c.part_of = it == local_claim.end() ? -1 : it->second;
  }
  return s;
}

// A pipeline on `jobs` threads, the calling one among them, with no thread of its own for the
// input: under one lock, next(&item) hands out the next item (false when there is none left);
// work(item, t) then runs on thread t (0 <= t < jobs) outside the lock; take(item) runs on the
// items in the order they were handed out, one call at a time, outside the lock, on whichever
// thread finds the next one ready. At most `ahead` items are between next and take, which bounds
// the memory in flight.
template <typename T>
void InOrder(size_t jobs, size_t ahead, const std::function<bool(T*)>& next,
             const std::function<void(T&, size_t)>& work, const std::function<void(T&)>& take) {
  std::mutex mu;
  std::condition_variable changed;
  uint64_t handed = 0, taken = 0;
  std::map<uint64_t, T> ready;  // worked on, waiting for their turn
  bool exhausted = false, taking = false;
  auto run = [&](size_t t) {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      if (!taking && !ready.empty() && ready.begin()->first == taken) {
        taking = true;
        std::vector<T> out;
        while (!ready.empty() && ready.begin()->first == taken) {
          out.push_back(std::move(ready.begin()->second));
          ready.erase(ready.begin());
          ++taken;
        }
        changed.notify_all();
        lock.unlock();
        for (T& item : out) take(item);
        out.clear();
        lock.lock();
        taking = false;
        changed.notify_all();
        continue;
      }
      if (exhausted || handed - taken >= ahead) {
        if (exhausted && taken == handed && !taking) break;
        changed.wait(lock);
        continue;
      }
      T item;
      if (!next(&item)) {
        exhausted = true;
        changed.notify_all();
        continue;
      }
      uint64_t number = handed++;
      lock.unlock();
      work(item, t);
      lock.lock();
      ready.emplace(number, std::move(item));
      changed.notify_all();
    }
    changed.notify_all();
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < jobs; ++t) threads.emplace_back(run, t);
  run(0);
  for (std::thread& t : threads) t.join();
}

// Passes diagnostics on to another sink, one at a time.
class LockingSink : public DiagnosticSink {
 public:
  explicit LockingSink(DiagnosticSink* to) : to_(to) {}
  void Report(const Diagnostic& d) override {
    std::lock_guard<std::mutex> lock(mu_);
    to_->Report(d);
  }

 private:
  std::mutex mu_;
  DiagnosticSink* to_;
};

// Writes `content` into `dir`/`name` atomically; prints why and returns false on failure.
bool Write(const std::string& dir, const std::string& name, const std::string& content) {
  Status s = WriteFileAtomically(dir + "/" + name, content);
  if (!s.ok()) std::cerr << s.message() << "\n";
  return s.ok();
}

// Strings kept in an unnamed temporary file (in $TMPDIR, else /tmp) rather than in memory: the
// claims' sentences, which only the comparison of a story with several articles reads. Appends
// are buffered and come from one thread; reads (pread) may come from many, after Finish(). When
// no temporary file can be made, ok() is false and the caller keeps the strings itself.
class SpillFile {
 public:
  SpillFile() {
    const char* dir = std::getenv("TMPDIR");
    std::string path =
        std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/factdiff-claims-XXXXXX";
    fd_ = mkstemp(path.data());
    // Without a temporary file the strings simply stay in memory (ok() is false).
    if (fd_ >= 0) unlink(path.c_str());  // gone from the folder now, from the disk when closed
  }
  ~SpillFile() {
    if (fd_ >= 0) close(fd_);
  }
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends `text`; returns where it starts.
  uint64_t Append(std::string_view text) {
    uint64_t at = size_;
    buffer_.append(text);
    size_ += text.size();
    if (buffer_.size() >= (1u << 20)) Flush();
    return at;
  }
  // Writes out what is buffered; returns false (and says why in error()) when that fails.
  bool Finish() {
    Flush();
    return error_.empty();
  }
  // Returns the `length` bytes at `at`, written before Finish().
  std::string Read(uint64_t at, size_t length) const {
    std::string out(length, '\0');
    size_t done = 0;
    while (fd_ >= 0 && done < length) {
      ssize_t n = pread(fd_, out.data() + done, length - done, static_cast<off_t>(at + done));
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    out.resize(done);
    return out;
  }
  bool ok() const { return fd_ >= 0 && error_.empty(); }
  uint64_t size() const { return size_; }
  const std::string& error() const { return error_; }

 private:
  void Flush() {
    for (size_t done = 0; fd_ >= 0 && error_.empty() && done < buffer_.size();) {
      ssize_t n = write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = fmt::format("cannot write a temporary file: {}", std::strerror(errno));
        break;
      }
      done += static_cast<size_t>(n);
    }
    buffer_.clear();
  }

  int fd_ = -1;
  uint64_t size_ = 0;
  std::string buffer_;
  std::string error_;
};

// Everything gathered over the documents, in input order, for linking and comparison.
struct Gathered {
  explicit Gathered(std::shared_ptr<const EventResolver> resolver) : linker(resolver) {}
  std::vector<DocumentInfo> documents;
  std::vector<Claim> claims;
  EventLinker linker;
  CopyDetector copies;
  uint64_t text_bytes = 0;
  SpillFile spill;
  std::vector<uint64_t> text_at;  // where each claim's sentence starts in `spill`, when there

  // Returns claim `ci`'s sentence, from the spill file when it is there.
  std::string Text(uint32_t ci) const {
    if (ci >= text_at.size()) return claims[ci].text;
    uint64_t end = ci + 1 < text_at.size() ? text_at[ci + 1] : spill.size();
    return spill.Read(text_at[ci], end - text_at[ci]);
  }

  // Adds a document whose claims, mentions and shingles are indexed within it.
  void Add(DocumentClaims d) {
    uint32_t index = static_cast<uint32_t>(documents.size());
    uint32_t base = static_cast<uint32_t>(claims.size());
    for (Claim& c : d.claims) {
      c.doc = index;
      if (c.part_of >= 0) c.part_of += static_cast<int32_t>(base);
      // The sentence goes to the spill file when there is one: it is most of a claim's memory.
      if (spill.ok()) {
        text_at.push_back(spill.Append(c.text));
        std::string().swap(c.text);
      }
      claims.push_back(std::move(c));
    }
    for (EventLinker::Mention& m : d.mentions.mentions) {
      m.doc = index;
      m.claim += base;
    }
    linker.Add(std::move(d.mentions));
    d.shingles.index = index;
    copies.Add(std::move(d.shingles));
    text_bytes += d.info.bytes;
    documents.push_back(std::move(d.info));
  }

  // Reserves room for what `input_bytes` of archive may hold, so that the claims (most of the
  // audit's memory) are not moved into a buffer twice their size when they outgrow it, with both
  // alive for a moment. Room reserved and never written costs address space, not memory: the
  // system gives a page only when it is first written.
  void Reserve(uint64_t input_bytes) {
    constexpr uint64_t kMaxReserve = uint64_t{1} << 26;
    claims.reserve(std::min(input_bytes / 256, kMaxReserve));      // about 1 per 500 bytes seen
    documents.reserve(std::min(input_bytes / 1024, kMaxReserve));  // about 1 per 2 KB seen
    text_at.reserve(std::min(input_bytes / 256, kMaxReserve));
  }
};

// Seconds spent in each phase, printed to standard error by --timings.
struct Timings {
  std::vector<std::pair<std::string, double>> phases;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  // Adds the time since the last mark (or construction) to `phase`.
  void Mark(const std::string& phase) {
    auto now = std::chrono::steady_clock::now();
    double s = std::chrono::duration<double>(now - last).count();
    last = now;
    for (auto& [name, total] : phases) {
      if (name == phase) {
        total += s;
        return;
      }
    }
    phases.emplace_back(phase, s);
  }
};

// Returns a duration as a progress line shows it: "45 s", "3 min 05 s", "2 h 10 min".
std::string Duration(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, s % 3600 / 60);
}

// Reads and extracts every input on `jobs` threads and hands each document to `emit` in input
// order, its claims indexed within it. There is no reader thread (InOrder): each thread in turn
// reads a chunk of documents, extracts it (a compiled engine per thread: RE2 objects shared
// between threads contend on their caches' locks), and whichever thread finds the next chunk in
// input order ready hands it on. So one job is one thread doing everything, and reading overlaps
// extraction as soon as there are two; at most kAhead chunks are in flight, which bounds the
// memory of the text.
constexpr size_t kChunk = 16;  // documents read at a time
constexpr size_t kAhead = 64;  // chunks read but not yet handed on, at most

void ExtractAll(const std::vector<std::string>& inputs, bool jsonl, const Limits& limits,
                size_t jobs, bool progress, const Engine& engine, DiagnosticSink* sink,
                Timings* timings, const std::function<void(DocumentClaims)>& emit) {
  // Thread t > 0 compiles its own engine when it first gets work, while thread 0 is already
  // extracting with the one given (the rules compiled once already, so this cannot fail; if it
  // did, the thread would share the given engine, which gives the same claims, only slower).
  std::vector<Engine> engines(jobs);
  std::vector<std::unique_ptr<EventLinker>> linkers(jobs);
  engines[0] = engine;
  linkers[0] = std::make_unique<EventLinker>(engine.resolver);
  auto engine_of = [&](size_t t) -> const Engine& {
    if (linkers[t] == nullptr) {
      if (!BuildEngine(engine.files, &engines[t])) engines[t] = engine;
      linkers[t] = std::make_unique<EventLinker>(engines[t].resolver);
    }
    return engines[t];
  };
  // The reader reports to the sink under the pipeline's lock, the thread handing on without it:
  // one lock for both.
  LockingSink locked(sink);
  DocumentReader reader(inputs, limits.Ingest(jsonl), &locked);
  const uint64_t total_input = progress ? TotalInputBytes(inputs) : 0;
  auto started = std::chrono::steady_clock::now();
  auto last_progress = started;
  uint64_t documents = 0, skipped = 0, text_bytes = 0;
  timings->Mark("engines");

  auto extract = [&](size_t t, Item& it) {
    it.date = DecideDocumentDate(it.doc.date, "", it.doc.text);
    it.doc.date = it.date.text;
    const Engine& own = engine_of(t);
    own.segmenter->Segment(it.doc.text, &it.seg);
    own.extractor->Extract(it.doc, 0, it.seg, &it.claims);
    if (it.claims.size() > limits.max_claims) {
      it.too_many_claims = it.claims.size();
      it.claims = {};
      return;
    }
    it.mentions = linkers[t]->Prepare(it.doc, it.seg, 0, it.claims, 0, 0);
    it.shingles = CopyDetector::Prepare(0, it.doc.text, it.seg);
  };
  auto hand_on = [&](Item& it) {
    if (it.too_many_claims > 0) {
      locked.Report(TooManyClaims(it.doc, it.too_many_claims, limits));
      ++skipped;
      return;
    }
    ++documents;
    text_bytes += it.doc.raw_bytes;
    emit(DocumentClaims{
        DocumentInfo{it.doc.id, it.doc.path, it.doc.record_line, it.doc.title, it.doc.source,
                     it.doc.url, it.doc.date, it.date.source, it.doc.raw_bytes,
                     static_cast<uint32_t>(it.seg.sentences.size()), -1, ""},
        std::move(it.claims), std::move(it.mentions), std::move(it.shingles)});
  };
  auto show_progress = [&](uint64_t at, uint64_t reader_skipped) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_progress < std::chrono::milliseconds(200)) return;
    last_progress = now;
    double seconds = std::chrono::duration<double>(now - started).count();
    // Time left from how much of the stored input is read (compressed bytes for gzip).
    std::string left;
    if (total_input > 0 && at > 0 && seconds > 0) {
      double share = std::min(1.0, static_cast<double>(at) / static_cast<double>(total_input));
      left =
          fmt::format(", {:.0f}%, {} left", 100 * share, Duration(seconds * (1 - share) / share));
    }
    std::cerr << fmt::format("\r{} articles, {:.1f} MB, {:.1f} MB/s, {} skipped{}   ", documents,
                             text_bytes / 1e6, seconds > 0 ? text_bytes / 1e6 / seconds : 0.0,
                             reader_skipped + skipped, left);
  };
  // A chunk of articles, and how far the reader was when it read them.
  struct Chunk {
    std::vector<Item> items;
    uint64_t at = 0, reader_skipped = 0;
  };
  bool read_all = false;
  InOrder<Chunk>(
      jobs, kAhead,
      [&](Chunk* chunk) {
        while (!read_all && chunk->items.size() < kChunk) {
          Item item;
          if (!reader.Next(&item.doc)) {
            read_all = true;
            break;
          }
          chunk->items.push_back(std::move(item));
        }
        chunk->at = progress ? reader.input_position() : 0;
        chunk->reader_skipped = reader.skipped();
        return !chunk->items.empty();
      },
      [&](Chunk& chunk, size_t t) {
        for (Item& it : chunk.items) extract(t, it);
      },
      [&](Chunk& chunk) {
        for (Item& it : chunk.items) hand_on(it);
        if (progress) show_progress(chunk.at, chunk.reader_skipped);
      });
  timings->Mark("read and extract");
  if (progress) {
    last_progress = {};
    show_progress(reader.input_position(), reader.skipped());
    std::cerr << "\n";
  }
}

// Links, groups into stories, compares and writes the results to `out`.
int Report(const Engine& engine, Gathered& g, const std::vector<Diagnostic>& diagnostics,
           const std::string& out_dir, bool quiet, size_t jobs,
           std::chrono::steady_clock::time_point started, Timings* timings) {
  AuditOptions opt;
  opt.out = out_dir;
  opt.quiet = quiet;
  std::vector<DocumentInfo>& documents = g.documents;
  std::vector<Claim>& claims = g.claims;
  EventLinker& linker = g.linker;
  CopyDetector& copies = g.copies;
  uint64_t text_bytes = g.text_bytes;
  if (!g.spill.Finish()) {
    std::cerr << "factdiff: error: " << g.spill.error() << "\n";
    return kExitError;
  }
  std::error_code ec;
  std::filesystem::create_directories(opt.out + "/stories", ec);
  if (ec) {
    std::cerr << fmt::format("factdiff: error: cannot create {}: {}\n", opt.out, ec.message());
    return kExitError;
  }
  // Copies are found from the shingles alone, beside the linking when there are two jobs.
  std::vector<int32_t> copy_of;
  std::thread copy_finder;
  if (jobs > 1) copy_finder = std::thread([&] { copy_of = copies.Find(); });
  std::vector<Event> events = linker.Link(&claims);
  LinkPeople(engine.extractor->people(), &claims, &events);
  if (jobs > 1) {
    copy_finder.join();
  } else {
    copy_of = copies.Find();
  }
  copies = CopyDetector();  // the shingles are not needed any more
  timings->Mark("link events and people, find copies");
  for (size_t i = 0; i < documents.size() && i < copy_of.size(); ++i) {
    documents[i].copy_of = copy_of[i];
  }
  // Stories: the documents whose own figures are about one event; a document with none is a
  // story of its own. In order of their first document.
  std::vector<int32_t> main = linker.MainEvents(claims, documents.size());
  std::vector<std::vector<uint32_t>> stories;
  std::map<int32_t, size_t> story_of_event;
  for (uint32_t d = 0; d < documents.size(); ++d) {
    if (main[d] >= 0) {
      auto [it, added] = story_of_event.try_emplace(main[d], stories.size());
      if (added) stories.emplace_back();
      stories[it->second].push_back(d);
    } else {
      stories.push_back({d});
    }
  }
  std::vector<std::vector<uint32_t>> claims_of(documents.size());
  for (uint32_t ci = 0; ci < claims.size(); ++ci) claims_of[claims[ci].doc].push_back(ci);
  timings->Mark("stories");

  // Compare within each story, the stories in parallel; each story's page is written as it is
  // made, its findings and its line of stories.jsonl in story order as soon as it is its turn.
  AtomicFile findings_file(opt.out + "/findings.jsonl");
  AtomicFile stories_file(opt.out + "/stories.jsonl");
  struct Compared {
    size_t counts[4] = {0, 0, 0, 0};
    std::string findings;  // JSON Lines
    bool ok = true;
  };
  struct Ranked {
    size_t counts[4] = {0, 0, 0, 0};
    size_t story;
    std::string label;
    size_t articles;
  };
  std::vector<Ranked> ranked;
  size_t totals[4] = {0, 0, 0, 0};
  size_t several = 0;
  bool ok = true;
  auto compare = [&](size_t si) {
    Compared out;
    const std::vector<uint32_t>& docs = stories[si];
    if (docs.size() < 2) return out;
    std::string id = fmt::format("s{}", si + 1);
    StoryInput s =
        Slice(documents, claims, events, claims_of, docs, [&](uint32_t ci) { return g.Text(ci); });
    s.report.findings =
        Compare(CompareInput{&s.report.claims, &s.report.events, &s.names, &s.copy_of,
                             engine.subjects.get(), &engine.extractor->people()});
    for (const Finding& f : s.report.findings) ++out.counts[static_cast<int>(f.kind)];
    std::ostringstream findings;
    WriteFindingsJsonLines(s.report, id, findings);
    out.findings = findings.str();
    if (!s.report.findings.empty()) {
      std::ostringstream page;
      WriteHtmlReport(s.report, page);
      out.ok = Write(opt.out, "stories/" + id + ".html", page.str());
    }
    return out;
  };
  auto take = [&](size_t si, Compared& c) {
    const std::vector<uint32_t>& docs = stories[si];
    int32_t event = main[docs[0]];
    std::string label = event >= 0 ? events[event].label
                        : !documents[docs[0]].title.empty()
                            ? documents[docs[0]].title
                            : "no figures to place (" + ShortName(documents[docs[0]]) + ")";
    Ranked r{{0, 0, 0, 0}, si, label, docs.size()};
    if (docs.size() >= 2) {
      ++several;
      for (int k = 0; k < 4; ++k) r.counts[k] = c.counts[k];
      findings_file.out() << c.findings;
      ok = c.ok && ok;
      if (r.counts[0] + r.counts[1] + r.counts[2] + r.counts[3] > 0) ranked.push_back(r);
    }
    for (int k = 0; k < 4; ++k) totals[k] += r.counts[k];
    ojson j;
    j["id"] = fmt::format("s{}", si + 1);
    j["label"] = label;
    if (event >= 0) j["event"] = events[event].id;
    ojson articles = ojson::array();
    for (uint32_t d : docs) articles.push_back(documents[d].id);
    j["articles"] = std::move(articles);
    j["findings"] = r.counts[0] + r.counts[1] + r.counts[2] + r.counts[3];
    j["conflicts"] = r.counts[0];
    stories_file.out() << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  };
  struct Story {
    size_t index = 0;
    Compared compared;
  };
  size_t next_story = 0;
  InOrder<Story>(
      jobs, 8 * jobs,
      [&](Story* story) {
        story->index = next_story;
        return next_story++ < stories.size();
      },
      [&](Story& story, size_t) { story.compared = compare(story.index); },
      [&](Story& story) { take(story.index, story.compared); });
  timings->Mark("compare stories");
  for (AtomicFile* f : {&findings_file, &stories_file}) {
    Status s = f->Commit();
    if (!s.ok()) {
      std::cerr << s.message() << "\n";
      ok = false;
    }
  }
  std::ostringstream skipped_out;
  std::map<std::string, size_t> skipped_by_reason;
  // In input order: by input (as first met), then line; a document skipped after extraction
  // (too many claims) is reported after its batch was read.
  std::vector<const Diagnostic*> skips;
  std::map<std::string, size_t> input_order;
  for (const Diagnostic& d : diagnostics) {
    if (!d.skipped) continue;
    input_order.emplace(d.path, input_order.size());
    skips.push_back(&d);
  }
  std::stable_sort(skips.begin(), skips.end(), [&](const Diagnostic* a, const Diagnostic* b) {
    return std::pair(input_order[a->path], a->line) < std::pair(input_order[b->path], b->line);
  });
  for (const Diagnostic* skip : skips) {
    const Diagnostic& d = *skip;
    ++skipped_by_reason[d.reason];
    ojson j;
    j["path"] = d.path;
    if (d.line > 0) j["line"] = d.line;
    if (!d.doc_id.empty()) j["id"] = d.doc_id;
    j["reason"] = d.reason;
    j["message"] = d.message;
    skipped_out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  ojson summary;
  summary["schema_version"] = kJsonSchemaVersion;
  summary["articles"] = documents.size();
  size_t skipped = 0;
  for (const auto& [reason, n] : skipped_by_reason) skipped += n;
  summary["skipped"] = skipped;
  summary["skipped_by_reason"] = skipped_by_reason;
  summary["stories"] = stories.size();
  summary["stories_with_several_articles"] = several;
  summary["claims"] = claims.size();
  const char* names[4] = {"conflict", "update", "variant", "agreement"};
  ojson by_kind;
  for (int k = 0; k < 4; ++k) by_kind[names[k]] = totals[k];
  summary["findings"] = by_kind;

  // The index: stories with findings, most conflicts first (then updates, variants, articles).
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::make_tuple(a.counts[0], a.counts[1], a.counts[2], a.articles) >
           std::make_tuple(b.counts[0], b.counts[1], b.counts[2], b.articles);
  });
  std::ostringstream index;
  index << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n<title>factdiff audit</title>\n<style>\n"
           "body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:20px auto;"
           "padding:0 20px;color:#1d1d1f}table{border-collapse:collapse;width:100%}"
           "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d9dce1}"
           "td.n{text-align:right}.muted{color:#5f6368}\n</style>\n</head>\n<body>\n"
           "<h1>factdiff audit</h1>\n";
  index << fmt::format(
      "<p class=\"muted\">{} articles read, {} skipped; {} stories, {} with several articles; "
      "{} conflicts, {} updates, {} variants, {} agreements</p>\n",
      documents.size(), skipped, stories.size(), several, totals[0], totals[1], totals[2],
      totals[3]);
  index << "<table>\n<tr><th>story</th><th>articles</th><th>conflicts</th><th>updates</th>"
           "<th>variants</th><th>agreements</th></tr>\n";
  for (const Ranked& r : ranked) {
    index << fmt::format(
        "<tr><td><a href=\"stories/s{0}.html\">{1}</a></td><td class=\"n\">{2}</td>"
        "<td class=\"n\">{3}</td><td class=\"n\">{4}</td><td class=\"n\">{5}</td>"
        "<td class=\"n\">{6}</td></tr>\n",
        r.story + 1, HtmlEscape(r.label), r.articles, r.counts[0], r.counts[1], r.counts[2],
        r.counts[3]);
  }
  index << "</table>\n</body>\n</html>\n";

  ok = Write(opt.out, "skipped.jsonl", skipped_out.str()) && ok;
  ok = Write(opt.out, "index.html", index.str()) && ok;
  // The summary last: its presence says the rest is complete.
  ok = Write(opt.out, "summary.json", summary.dump(2) + "\n") && ok;
  timings->Mark("write");
  if (!ok) return kExitError;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!opt.quiet) {
    std::cerr << fmt::format(
        "factdiff audit: {} articles ({:.1f} MB) in {:.1f} s, {} skipped; {} stories, {} with "
        "several articles; {} conflicts; wrote {}\n",
        documents.size(), text_bytes / 1e6, seconds, skipped, stories.size(), several, totals[0],
        opt.out);
  }
  return totals[0] + totals[1] + totals[2] > 0 ? kExitDiffer : kExitAgree;
}

// Prints the phases' times when asked to, and returns `status`.
int PrintTimings(const AuditOptions& opt, const Timings& timings, int status) {
  if (!opt.timings) return status;
  double total = 0;
  for (const auto& [phase, seconds] : timings.phases) total += seconds;
  for (const auto& [phase, seconds] : timings.phases) {
    std::cerr << fmt::format("{:>28}: {:7.2f} s  {:5.1f}%\n", phase, seconds,
                             total > 0 ? 100 * seconds / total : 0.0);
  }
  std::cerr << fmt::format("{:>28}: {:7.2f} s\n", "total", total);
  return status;
}

}  // namespace

int RunAudit(const AuditOptions& opt) {
  Timings timings;
  Engine engine;
  if (!LoadEngine(opt.rule_dirs, &engine)) return kExitError;
  timings.Mark("load rules");
  auto started = std::chrono::steady_clock::now();
  size_t jobs = opt.jobs > 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  PrintingSink sink;
  Gathered g(engine.resolver);
  g.Reserve(TotalInputBytes(opt.inputs));
  ExtractAll(opt.inputs, opt.jsonl, opt.limits, jobs, !opt.quiet && isatty(STDERR_FILENO), engine,
             &sink, &timings, [&](DocumentClaims d) { g.Add(std::move(d)); });
  int status = Report(engine, g, sink.items, opt.out, opt.quiet, jobs, started, &timings);
  return PrintTimings(opt, timings, status);
}

int RunExtractJsonLines(const AuditOptions& opt) {
  Engine engine;
  if (!LoadEngine(opt.rule_dirs, &engine)) return kExitError;
  size_t jobs = opt.jobs > 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  PrintingSink sink;
  Timings timings;
  ExtractAll(opt.inputs, opt.jsonl, opt.limits, jobs, false, engine, &sink, &timings,
             [&](DocumentClaims d) { WriteDocumentClaims(d, std::cout); });
  std::cout.flush();
  return kExitAgree;
}

int RunCompare(const AuditOptions& opt) {
  Timings timings;
  Engine engine;
  if (!LoadEngine(opt.rule_dirs, &engine)) return kExitError;
  timings.Mark("load rules");
  auto started = std::chrono::steady_clock::now();
  PrintingSink sink;
  // Documents in order of their ids, whatever the order of the files and of their lines.
  std::vector<DocumentClaims> all;
  for (const std::string& path : opt.inputs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      Diagnostic d(Severity::kError, path, 0, 0, "cannot open the claims file; skipped");
      d.skipped = true;
      d.reason = "unreadable";
      sink.Report(d);
      continue;
    }
    std::string line;
    uint64_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty()) continue;
      Result<DocumentClaims> d = ReadDocumentClaims(line);
      if (!d.ok()) {
        Diagnostic bad(Severity::kError, path, n, 0,
                       "malformed claims record: " + d.status().message() + "; skipped");
        bad.skipped = true;
        bad.reason = "malformed";
        sink.Report(bad);
        continue;
      }
      all.push_back(std::move(*d));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const DocumentClaims& a, const DocumentClaims& b) {
    return a.info.id < b.info.id;
  });
  Gathered g(engine.resolver);
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0 && all[i].info.id == all[i - 1].info.id) {
      Diagnostic dup(
          Severity::kError, all[i].info.path, all[i].info.record_line, 0,
          fmt::format("duplicate id \"{}\" in the claims files; skipped", all[i].info.id));
      dup.skipped = true;
      dup.reason = "duplicate-id";
      dup.doc_id = all[i].info.id;
      sink.Report(dup);
      continue;
    }
    g.Add(std::move(all[i]));
  }
  timings.Mark("read claims");
  size_t jobs = opt.jobs > 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  int status = Report(engine, g, sink.items, opt.out, opt.quiet, jobs, started, &timings);
  return PrintTimings(opt, timings, status);
}

}  // namespace factdiff
