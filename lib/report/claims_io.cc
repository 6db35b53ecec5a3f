#include "factdiff/claims_io.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace factdiff {

namespace {

using nlohmann::json;

json Bound(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
std::optional<double> Bound(const json& j) {
  return j.is_number() ? std::optional<double>(j.get<double>()) : std::nullopt;
}

json ClaimToJson(const Claim& c) {
  return json{{"measure", c.measure},
              {"value", c.value},
              {"low", Bound(c.low)},
              {"high", Bound(c.high)},
              {"figure_low", c.figure_low},
              {"figure_high", c.figure_high},
              {"hedge", c.hedge},
              {"bound", c.bound},
              {"unit", c.unit},
              {"resolved", c.resolved},
              {"resolution", c.resolution},
              {"reported", c.reported},
              {"reported_as", c.reported_as},
              {"subject", c.subject},
              {"role", c.role},
              {"part_of", c.part_of},
              {"attribution", c.attribution},
              {"person", c.person},
              {"title", c.title},
              {"detail", c.detail},
              {"rule", c.rule},
              {"span", {c.span.begin, c.span.end}},
              {"sentence_span", {c.sentence_span.begin, c.sentence_span.end}},
              {"sentence", c.sentence},
              {"line", c.line},
              {"col", c.col},
              {"text", c.text},
              {"text_span", {c.text_span.begin, c.text_span.end}}};
}

Span SpanOf(const json& j) { return Span{j.at(0).get<uint32_t>(), j.at(1).get<uint32_t>()}; }

Claim ClaimFromJson(const json& j) {
  Claim c;
  c.measure = j.at("measure");
  c.value = j.at("value");
  c.low = Bound(j.at("low"));
  c.high = Bound(j.at("high"));
  c.figure_low = j.at("figure_low");
  c.figure_high = j.at("figure_high");
  c.hedge = j.at("hedge");
  c.bound = j.at("bound");
  c.unit = j.at("unit");
  c.resolved = j.at("resolved");
  c.resolution = j.at("resolution");
  c.reported = j.at("reported");
  c.reported_as = j.at("reported_as");
  c.subject = j.at("subject");
  c.role = j.at("role");
  c.part_of = j.at("part_of");
  c.attribution = j.at("attribution");
  c.person = j.at("person");
  c.title = j.at("title");
  c.detail = j.at("detail");
  c.rule = j.at("rule");
  c.span = SpanOf(j.at("span"));
  c.sentence_span = SpanOf(j.at("sentence_span"));
  c.sentence = j.at("sentence");
  c.line = j.at("line");
  c.col = j.at("col");
  c.text = j.at("text");
  c.text_span = SpanOf(j.at("text_span"));
  return c;
}

json CuesToJson(const EventCues& c) {
  return json{{"place", c.place},
              {"free_place", c.free_place},
              {"venue_type", c.venue_type},
              {"kind", c.kind},
              {"year", c.year},
              {"month", c.month},
              {"day", c.day},
              {"relative", c.relative},
              {"magnitude", c.magnitude},
              {"org", c.org},
              {"aggregate", c.aggregate},
              {"main_event", c.main_event}};
}

EventCues CuesFromJson(const json& j) {
  EventCues c;
  c.place = j.at("place");
  c.free_place = j.at("free_place");
  c.venue_type = j.at("venue_type");
  c.kind = j.at("kind");
  c.year = j.at("year");
  c.month = j.at("month");
  c.day = j.at("day");
  c.relative = j.at("relative");
  c.magnitude = j.at("magnitude");
  c.org = j.at("org");
  c.aggregate = j.at("aggregate");
  c.main_event = j.at("main_event");
  return c;
}

}  // namespace

void WriteDocumentClaims(const DocumentClaims& d, std::ostream& out) {
  const DocumentInfo& i = d.info;
  json j;
  j["document"] = json{{"id", i.id},
                       {"path", i.path},
                       {"record_line", i.record_line},
                       {"title", i.title},
                       {"source", i.source},
                       {"url", i.url},
                       {"date", i.date},
                       {"date_source", i.date_source},
                       {"bytes", i.bytes},
                       {"sentences", i.sentences}};
  json claims = json::array();
  for (const Claim& c : d.claims) claims.push_back(ClaimToJson(c));
  j["claims"] = std::move(claims);
  json mentions = json::array();
  for (const EventLinker::Mention& m : d.mentions.mentions) {
    mentions.push_back(json{{"claim", m.claim}, {"cues", CuesToJson(m.cues)}});
  }
  j["mentions"] = std::move(mentions);
  j["shingles"] = d.shingles.shingles;
  j["words"] = d.shingles.words;
  out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
}

Result<DocumentClaims> ReadDocumentClaims(const std::string& line) {
  try {
    json j = json::parse(line);
    DocumentClaims d;
    const json& doc = j.at("document");
    d.info = DocumentInfo{doc.at("id"),
                          doc.at("path"),
                          doc.at("record_line"),
                          doc.at("title"),
                          doc.at("source"),
                          doc.at("url"),
                          doc.at("date"),
                          doc.at("date_source"),
                          doc.at("bytes"),
                          doc.at("sentences"),
                          -1,
                          ""};
    for (const json& c : j.at("claims")) d.claims.push_back(ClaimFromJson(c));
    for (const json& m : j.at("mentions")) {
      uint32_t claim = m.at("claim");
      if (claim >= d.claims.size())
        return Status::Error("a mention names a claim that is not there");
      d.mentions.mentions.push_back(EventLinker::Mention{CuesFromJson(m.at("cues")), 0, claim});
    }
    for (const Claim& c : d.claims) {
      if (c.part_of >= static_cast<int32_t>(d.claims.size()))
        return Status::Error("a claim's part_of names a claim that is not there");
    }
    d.shingles.shingles = j.at("shingles").get<std::vector<uint64_t>>();
    d.shingles.words = j.at("words");
    return d;
  } catch (const std::exception& e) {
    return Status::Error(e.what());
  }
}

}  // namespace factdiff
