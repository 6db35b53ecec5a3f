#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "factdiff/report.h"

namespace factdiff {
namespace {

// Two documents disagreeing on a toll, one agreement, and article text with control characters.
ReportInput Sample(const std::string& sentence_a) {
  ReportInput in;
  in.documents.push_back(
      DocumentInfo{"a.txt", "a.txt", 0, "", "", "", "2024-03-23", "metadata", 100, 1, -1, ""});
  in.documents.push_back(DocumentInfo{"b.txt", "b.txt", 0, "", "", "", "", "none", 100, 1, 0, ""});
  auto claim = [](uint32_t doc, const std::string& value, double v, const std::string& text) {
    Claim c;
    c.doc = doc;
    c.measure = "killed";
    c.value = value;
    c.low = c.high = v;
    c.line = 3;
    c.col = 7;
    c.text = text;
    size_t at = text.find(value);
    c.text_span = Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + value.size())};
    return c;
  };
  in.claims.push_back(claim(0, "40", 40, sentence_a));
  in.claims.push_back(claim(1, "45", 45, "Gunmen killed 45 people."));
  in.claims.push_back(claim(0, "12", 12, "Twelve were hurt: 12."));
  in.claims.push_back(claim(1, "12", 12, "12 were hurt."));
  Finding conflict;
  conflict.kind = FindingKind::kConflict;
  conflict.measure = "killed";
  conflict.event = "attack, Krasnogorsk";
  conflict.reason = "\"40\" (a.txt) and \"45\" (b.txt) cannot both be the number killed";
  conflict.claims = {0, 1};
  conflict.sources = 1;
  Finding agreement;
  agreement.kind = FindingKind::kAgreement;
  agreement.measure = "injured";
  agreement.event = "attack, Krasnogorsk";
  agreement.reason = "2 independent sources state the same figure";
  agreement.claims = {2, 3};
  in.findings = {conflict, agreement};
  return in;
}

std::string Text(const ReportInput& in, TextOptions opt) {
  std::ostringstream out;
  WriteTextReport(in, out, opt);
  return out.str();
}

TEST_CASE("The text report: plain, coloured, with agreements, and trimmed", "[report]") {
  ReportInput in = Sample("Gunmen killed 40 people.");
  CHECK(Text(in, TextOptions{}) ==
        "conflict killed, attack, Krasnogorsk: \"40\" (a.txt) and \"45\" (b.txt) cannot both be "
        "the number killed\n"
        "  a.txt:3:7: 40\n"
        "      Gunmen killed 40 people.\n"
        "  b.txt:3:7: 45 (copy of a.txt)\n"
        "      Gunmen killed 45 people.\n"
        "\n"
        "undated: b.txt (no date in metadata or text): their relative dates, such as \"Friday\", "
        "are left unresolved; give --date FILE=YYYY-MM-DD to resolve them\n"
        "2 documents read, 4 claims: 1 conflict, 0 updates, 0 variants, 1 agreement "
        "(--agreements lists them)\n");

  TextOptions color;
  color.color = true;
  std::string c = Text(in, color);
  CHECK(c.find("\x1b[1;31mconflict\x1b[0m \x1b[1mkilled, attack, Krasnogorsk\x1b[0m: ") == 0);
  CHECK(c.find("      Gunmen killed \x1b[1;33m40\x1b[0m people.\n") != std::string::npos);

  TextOptions all;
  all.agreements = true;
  std::string a = Text(in, all);
  CHECK(a.find("agreement injured, attack, Krasnogorsk: 2 independent sources state the same "
               "figure\n") != std::string::npos);
  CHECK(a.find("1 agreement\n") != std::string::npos);

  // A long sentence is trimmed around its value.
  std::string filler(200, 'x');
  ReportInput long_in =
      Sample("Before " + filler + " the gunmen killed 40 people, " + filler + " after.");
  TextOptions narrow;
  narrow.width = 40;
  std::string t = Text(long_in, narrow);
  INFO(t);
  CHECK(t.find("      … the gunmen killed 40 people, xxxxxxxxxx…\n") != std::string::npos);
}

TEST_CASE("The text report drops control characters from article text", "[report]") {
  // An article that would clear the screen and turn the terminal red.
  ReportInput in = Sample("Gunmen \x1b[2J\x1b[31mkilled 40 people.\x07\xc2\x9b");
  std::string t = Text(in, TextOptions{});
  CHECK(t.find('\x1b') == std::string::npos);
  CHECK(t.find('\x07') == std::string::npos);
  CHECK(t.find("\xc2\x9b") == std::string::npos);
  CHECK(t.find("      Gunmen [2J[31mkilled 40 people.\n") != std::string::npos);
}

TEST_CASE("HtmlEscape escapes markup and attribute quotes and drops control characters",
          "[report]") {
  struct Row {
    std::string in, out;
  };
  const std::vector<Row> rows = {
      {"plain text", "plain text"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"><img src=x onerror='y'>", "&quot;&gt;&lt;img src=x onerror=&#39;y&#39;&gt;"},
      {"AT&T", "AT&amp;T"},
      {"a\x01"
       "b\nc",
       "ab\nc"},
      {"“quoted” — Dorić", "“quoted” — Dorić"},
  };
  for (const Row& r : rows) {
    INFO(r.in);
    CHECK(HtmlEscape(r.in) == r.out);
  }
}

TEST_CASE("The HTML report is one page with its own script only, and marks every claim",
          "[report]") {
  ReportInput in = Sample("Gunmen killed 40 people <script>alert(1)</script>.");
  in.documents[0].text = "Title line\n\nGunmen killed 40 people <script>alert(1)</script>.";
  in.claims[0].span = Span{26, 28};
  std::ostringstream out;
  WriteHtmlReport(in, out);
  std::string html = out.str();
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  size_t scripts = 0;
  for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
    ++scripts;
  CHECK(scripts == 1);
  CHECK(html.find("<link") == std::string::npos);  // nothing fetched
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<article class=\"finding kind-conflict\" id=\"f1\" data-kind=\"conflict\" "
                  "data-measure=\"killed\">") != std::string::npos);
  CHECK(html.find("<mark class=\"claim found\" id=\"c0\" title=\"killed: 40\">40</mark>") !=
        std::string::npos);
  CHECK(html.find("<a href=\"#c0\">a.txt:3:7</a>") != std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("copy of a.txt") != std::string::npos);
}

}  // namespace
}  // namespace factdiff
