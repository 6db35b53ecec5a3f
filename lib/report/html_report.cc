// The HTML report: one self-contained page. Everything from an article goes through HtmlEscape;
// the page's own script reads only the DOM and the address's fragment, and the page fetches
// nothing (its Content-Security-Policy forbids it).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "factdiff/dates.h"
#include "factdiff/report.h"
#include "factdiff/strings.h"

namespace factdiff {

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters other than newline and tab have no business in a page.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') continue;
        out.push_back(c);
    }
  }
  return out;
}

namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --bg: #f6f7f9;
  --conflict: #b3261e; --update: #0b6e99; --variant: #7d3c98; --agreement: #2e7d32; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); margin: 0; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.summary { color: var(--muted); margin: 0 0 12px; }
#filters { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; border: 0;
  padding: 10px 12px; margin: 0 0 16px; background: #fff; border-radius: 8px;
  box-shadow: 0 1px 2px rgba(0,0,0,.08); }
#filters label { white-space: nowrap; }
#shown { color: var(--muted); margin-left: auto; }
.finding { background: #fff; border-radius: 8px; border-left: 5px solid var(--line);
  box-shadow: 0 1px 2px rgba(0,0,0,.08); padding: 12px 16px; margin: 0 0 14px; }
.finding[hidden] { display: none; }
.kind-conflict { border-left-color: var(--conflict); }
.kind-update { border-left-color: var(--update); }
.kind-variant { border-left-color: var(--variant); }
.kind-agreement { border-left-color: var(--agreement); }
.finding h2 { font-size: 16px; margin: 0 0 4px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; color: #fff; border-radius: 4px; padding: 1px 6px; margin-right: 6px;
  vertical-align: 1px; }
.badge.conflict { background: var(--conflict); } .badge.update { background: var(--update); }
.badge.variant { background: var(--variant); } .badge.agreement { background: var(--agreement); }
.reason { margin: 0 0 10px; color: #333; }
.values { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; }
.value { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.value .figure { font-size: 18px; font-weight: 600; display: block; word-break: break-word; }
.value .figure.words { font-size: 15px; font-weight: 500; }
.value .meta { color: var(--muted); font-size: 13px; }
.value .sentence { font-size: 13px; margin-top: 6px; }
.value.superseded .figure { text-decoration: line-through; }
.copy { color: var(--muted); font-style: italic; }
.changes { margin: 10px 0 0; padding-left: 18px; font-size: 14px; }
del { background: #fde2e1; text-decoration: line-through; }
ins { background: #dff3e3; text-decoration: none; }
mark { background: #fff2a8; padding: 0 1px; }
mark.claim { background: #e8eefc; border-bottom: 2px solid #7b9be0; }
mark.claim.found { background: #fff2a8; border-bottom-color: #d4a800; }
mark:target { outline: 2px solid #d4a800; }
#documents h2 { font-size: 18px; margin: 28px 0 10px; }
.doc { background: #fff; border-radius: 8px; padding: 12px 16px; margin: 0 0 14px;
  box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.doc h3 { font-size: 15px; margin: 0 0 6px; }
.doc .text { white-space: pre-wrap; font-size: 14px; max-height: 420px; overflow: auto;
  border-top: 1px solid var(--line); padding-top: 8px; }
footer { max-width: 1100px; margin: 20px auto; padding: 0 20px; color: var(--muted);
  font-size: 13px; }
@media print {
  body { background: #fff; }
  #filters { display: none; }
  .finding, .doc { box-shadow: none; border: 1px solid var(--line); break-inside: avoid; }
  .doc .text { max-height: none; overflow: visible; }
}
)css";

// Applies the filters: the kinds ticked and the measure chosen; the address's fragment
// ("#kind=conflict,variant&measure=killed") sets them when the page opens.
constexpr const char* kScript = R"js(
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[name=kind]'));
  var measure = document.getElementById('measure');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var shown = document.getElementById('shown');
  function apply() {
    var kinds = {};
    boxes.forEach(function (b) { if (b.checked) kinds[b.value] = true; });
    var n = 0;
    cards.forEach(function (c) {
      var visible = kinds[c.dataset.kind] && (!measure.value || c.dataset.measure === measure.value);
      c.hidden = !visible;
      if (visible) n++;
    });
    shown.textContent = n + ' of ' + cards.length + ' findings shown';
    document.body.dataset.shown = String(n);
  }
  var fragment = window.location.hash.replace(/^#/, '');
  fragment.split('&').forEach(function (part) {
    var kv = part.split('=');
    if (kv[0] === 'kind' && kv[1]) {
      var wanted = kv[1].split(',');
      boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
    } else if (kv[0] === 'measure' && kv[1]) {
      measure.value = decodeURIComponent(kv[1]);
    }
  });
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  measure.addEventListener('change', apply);
  apply();
})();
)js";

// The claim's sentence with its value marked.
std::string SentenceHtml(const Claim& c) {
  Span v = c.text_span;
  if (v.empty() || v.end > c.text.size()) return HtmlEscape(c.text);
  std::string_view t = c.text;
  return HtmlEscape(t.substr(0, v.begin)) + "<mark>" + HtmlEscape(v.Of(t)) + "</mark>" +
         HtmlEscape(t.substr(v.end));
}

void WriteFinding(const ReportInput& in, const Finding& f, size_t index, std::ostream& out) {
  const char* kind = FindingKindName(f.kind);
  out << fmt::format(
      "<article class=\"finding kind-{0}\" id=\"f{1}\" data-kind=\"{0}\" data-measure=\"{2}\">\n"
      "<h2><span class=\"badge {0}\">{0}</span>{2} · {3}</h2>\n<p class=\"reason\">{4}</p>\n"
      "<div class=\"values\">\n",
      kind, index + 1, HtmlEscape(f.measure), HtmlEscape(f.event), HtmlEscape(f.reason));
  for (uint32_t ci : f.claims) {
    const Claim& c = in.claims[ci];
    const DocumentInfo& d = in.documents[c.doc];
    bool superseded = std::find(f.superseded.begin(), f.superseded.end(), ci) != f.superseded.end();
    std::string when;
    if (c.reported > 0) {
      when = " · " + (c.reported_as.empty() ? "reported " + FormatDay(c.reported)
                                            : c.reported_as + ", " + FormatDay(c.reported));
    } else if (!c.reported_as.empty()) {
      when = " · " + c.reported_as;
    }
    std::string where = fmt::format("{}:{}:{}", ShortName(d), c.line, c.col);
    std::string link = d.text.empty()
                           ? HtmlEscape(where)
                           : fmt::format("<a href=\"#c{}\">{}</a>", ci, HtmlEscape(where));
    std::string copy = d.copy_of >= 0 ? fmt::format(" <span class=\"copy\">copy of {}</span>",
                                                    HtmlEscape(ShortName(in.documents[d.copy_of])))
                                      : "";
    out << fmt::format(
        "<div class=\"value{}\" data-claim=\"c{}\"><span class=\"figure{}\">{}</span>"
        "<span class=\"meta\">{}{}{}</span>\n<div class=\"sentence\">{}</div></div>\n",
        superseded ? " superseded" : "", ci, c.unit == "text" ? " words" : "",
        HtmlEscape(ValueWithBounds(c)), link, HtmlEscape(when), copy, SentenceHtml(c));
  }
  out << "</div>\n";
  if (!f.changes.empty()) {
    out << "<ul class=\"changes\">\n";
    for (const WordChange& w : f.changes) {
      std::string a = HtmlEscape(ShortName(in.documents[in.claims[w.a].doc]));
      std::string b = HtmlEscape(ShortName(in.documents[in.claims[w.b].doc]));
      std::string words;
      if (!w.from.empty()) words += "<del>" + HtmlEscape(w.from) + "</del>";
      if (!w.from.empty() && !w.to.empty()) words += " → ";
      if (!w.to.empty()) words += "<ins>" + HtmlEscape(w.to) + "</ins>";
      out << fmt::format("<li>{}: {} ({} → {})</li>\n", HtmlEscape(w.kind), words, a, b);
    }
    out << "</ul>\n";
  }
  out << "</article>\n";
}

// Writes a document's text with every claim marked (claims that overlap one already marked are
// left out).
void WriteDocument(const ReportInput& in, size_t di, const std::vector<uint32_t>& claims,
                   const std::set<uint32_t>& in_findings, std::ostream& out) {
  const DocumentInfo& d = in.documents[di];
  out << fmt::format("<section class=\"doc\" id=\"d{}\">\n<h3>{}</h3>\n", di,
                     HtmlEscape(ShortName(d)));
  std::vector<std::string> meta;
  if (!d.title.empty()) meta.push_back(HtmlEscape(d.title));
  if (!d.source.empty()) meta.push_back(HtmlEscape(d.source));
  meta.push_back(d.date.empty() ? "undated" : HtmlEscape(d.date));
  if (d.copy_of >= 0) {
    meta.push_back(
        fmt::format("<span class=\"copy\">a copy of <a href=\"#d{}\">{}</a>: not a "
                    "separate source</span>",
                    d.copy_of, HtmlEscape(ShortName(in.documents[d.copy_of]))));
  }
  out << "<p class=\"meta\">" << Join(meta, " · ") << "</p>\n<div class=\"text\">";
  std::string_view text = d.text;
  uint32_t pos = 0;
  for (uint32_t ci : claims) {
    const Claim& c = in.claims[ci];
    if (c.span.begin < pos || c.span.end > text.size() || c.span.empty()) continue;
    out << HtmlEscape(text.substr(pos, c.span.begin - pos));
    out << fmt::format("<mark class=\"claim{}\" id=\"c{}\" title=\"{}\">{}</mark>",
                       in_findings.count(ci) ? " found" : "", ci,
                       HtmlEscape(c.measure + ": " + c.value), HtmlEscape(c.span.Of(text)));
    pos = c.span.end;
  }
  out << HtmlEscape(text.substr(std::min<size_t>(pos, text.size()))) << "</div>\n</section>\n";
}

}  // namespace

void WriteHtmlReport(const ReportInput& in, std::ostream& out) {
  size_t counts[4] = {0, 0, 0, 0};
  std::set<std::string> measures;
  std::set<uint32_t> in_findings;
  for (const Finding& f : in.findings) {
    ++counts[static_cast<int>(f.kind)];
    measures.insert(f.measure);
    in_findings.insert(f.claims.begin(), f.claims.end());
  }
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
         "<title>factdiff report</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n<header>\n<h1>factdiff report</h1>\n";
  const char* names[4] = {"conflict", "update", "variant", "agreement"};
  std::vector<std::string> parts;
  for (int k = 0; k < 4; ++k) {
    parts.push_back(fmt::format("<span class=\"n-{}\">{}</span> {}{}", names[k], counts[k],
                                names[k], counts[k] == 1 ? "" : "s"));
  }
  size_t copies = 0;
  for (const DocumentInfo& d : in.documents) copies += d.copy_of >= 0 ? 1 : 0;
  out << fmt::format("<p class=\"summary\">{} documents{}, {} claims: {}</p>\n</header>\n<main>\n",
                     in.documents.size(),
                     copies > 0 ? fmt::format(" ({} a copy of another)", copies) : "",
                     in.claims.size(), Join(parts, ", "));
  // Filters: agreements start unticked, as in the text report.
  out << "<fieldset id=\"filters\">\n";
  for (int k = 0; k < 4; ++k) {
    out << fmt::format(
        "<label><input type=\"checkbox\" name=\"kind\" value=\"{0}\"{1}> {0}s ({2})</label>\n",
        names[k], k == 3 ? "" : " checked", counts[k]);
  }
  out << "<label>measure <select id=\"measure\"><option value=\"\">all</option>";
  for (const std::string& m : measures) {
    out << fmt::format("<option value=\"{0}\">{0}</option>", HtmlEscape(m));
  }
  out << "</select></label>\n<span id=\"shown\"></span>\n</fieldset>\n<section id=\"findings\">\n";
  for (size_t i = 0; i < in.findings.size(); ++i) WriteFinding(in, in.findings[i], i, out);
  if (in.findings.empty()) out << "<p>The sources agree: nothing to report.</p>\n";
  out << "</section>\n";
  // The documents, with every claim marked.
  std::vector<std::vector<uint32_t>> by_doc(in.documents.size());
  for (uint32_t ci = 0; ci < in.claims.size(); ++ci) {
    if (in.claims[ci].doc < by_doc.size()) by_doc[in.claims[ci].doc].push_back(ci);
  }
  bool any_text = std::any_of(in.documents.begin(), in.documents.end(),
                              [](const DocumentInfo& d) { return !d.text.empty(); });
  if (any_text) {
    out << "<section id=\"documents\">\n<h2>Documents</h2>\n";
    for (size_t di = 0; di < in.documents.size(); ++di) {
      std::vector<uint32_t>& ids = by_doc[di];
      std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
        return std::make_pair(in.claims[a].span.begin, a) <
               std::make_pair(in.claims[b].span.begin, b);
      });
      WriteDocument(in, di, ids, in_findings, out);
    }
    out << "</section>\n";
  }
  out << "</main>\n<footer>factdiff · every value links to its place in its document</footer>\n"
         "<script>"
      << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace factdiff
