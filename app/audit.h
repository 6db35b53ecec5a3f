// factdiff audit: reads an archive (JSON Lines, gzip-compressed or not; folders of text files;
// standard input), extracts claims in parallel, groups the articles into stories (the articles
// whose own figures are about one event, see EventLinker::MainEvents), compares the articles of
// each story, and writes to a folder: findings.jsonl (one finding a line, with its story),
// stories.jsonl (every story: label, articles, findings), skipped.jsonl (every article not read,
// with why), index.html (stories with findings, most conflicts first, each linking to its
// report in stories/), and summary.json, last. Every file is written whole under a temporary
// name and then renamed. Output is the same whatever the number of jobs.
#ifndef FACTDIFF_APP_AUDIT_H_
#define FACTDIFF_APP_AUDIT_H_

#include <string>
#include <vector>

#include "common.h"

namespace factdiff {

struct AuditOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> rule_dirs;
  std::string out;
  size_t jobs = 0;  // 0: one per core
  bool quiet = false;
  bool jsonl = false;
  bool timings = false;  // print the time each phase took to standard error
  Limits limits;
};

// Runs the audit; returns 0 when no story has a discrepancy, 1 when some has, 2 on error.
int RunAudit(const AuditOptions& options);

// `factdiff extract --format jsonl`: writes each document's claims, event mentions and copy
// shingles as one line of the claims format (claims_io.h) on standard output, in input order.
int RunExtractJsonLines(const AuditOptions& options);

// `factdiff compare FILE... --out DIR`: reads claims files (any number, in any order; the
// documents are taken in order of their ids) and writes what `audit` writes.
int RunCompare(const AuditOptions& options);

}  // namespace factdiff

#endif  // FACTDIFF_APP_AUDIT_H_
