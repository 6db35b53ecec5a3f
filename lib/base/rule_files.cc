#include "factdiff/rule_files.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "factdiff/embedded.h"

namespace factdiff {

namespace fs = std::filesystem;

namespace {

Status ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(fmt::format("{}: error: cannot read rule file", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return Status::Ok();
}

// Appends the *.json files under `path` (or `path` itself if it is a file) to `*out`, named
// relative to `path`.
Status CollectJsonFiles(const std::string& path, std::vector<RuleFile>* out) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    RuleFile f{fs::path(path).filename().string(), path, ""};
    if (Status s = ReadFile(path, &f.text); !s.ok()) return s;
    out->push_back(std::move(f));
    return Status::Ok();
  }
  if (!fs::is_directory(path, ec)) {
    return Status::Error(fmt::format("{}: error: no such rule file or folder", path));
  }
  std::vector<std::string> names;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".json") {
      names.push_back(fs::relative(it->path(), path, ec).generic_string());
    }
  }
  if (ec)
    return Status::Error(fmt::format("{}: error: cannot read folder: {}", path, ec.message()));
  std::sort(names.begin(), names.end());
  std::string prefix = path.back() == '/' ? path : path + "/";
  for (const std::string& name : names) {
    RuleFile f{name, prefix + name, ""};
    if (Status s = ReadFile(f.path, &f.text); !s.ok()) return s;
    out->push_back(std::move(f));
  }
  return Status::Ok();
}

size_t SkipWs(std::string_view t, size_t p) {
  while (p < t.size() && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r')) ++p;
  return p;
}

// Returns the position just past the JSON string starting at t[p] == '"', and its raw content
// (escapes left as written) in *content.
size_t SkipString(std::string_view t, size_t p, std::string* content) {
  size_t q = p + 1;
  while (q < t.size() && t[q] != '"') {
    if (t[q] == '\\') ++q;
    ++q;
  }
  if (content != nullptr) *content = std::string(t.substr(p + 1, std::min(q, t.size()) - p - 1));
  return std::min(q + 1, t.size());
}

// Returns the position just past the JSON value starting at t[p].
size_t SkipValue(std::string_view t, size_t p) {
  if (p >= t.size()) return p;
  if (t[p] == '"') return SkipString(t, p, nullptr);
  if (t[p] == '{' || t[p] == '[') {
    int depth = 0;
    while (p < t.size()) {
      char c = t[p];
      if (c == '"') {
        p = SkipString(t, p, nullptr);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return p + 1;
      }
      ++p;
    }
    return p;
  }
  while (p < t.size() && t[p] != ',' && t[p] != '}' && t[p] != ']' && t[p] != ' ' && t[p] != '\n')
    ++p;
  return p;
}

std::string UnescapePointerToken(std::string_view tok) {
  std::string out;
  for (size_t i = 0; i < tok.size(); ++i) {
    if (tok[i] == '~' && i + 1 < tok.size()) {
      out.push_back(tok[i + 1] == '1' ? '/' : '~');
      ++i;
    } else {
      out.push_back(tok[i]);
    }
  }
  return out;
}

}  // namespace

Result<std::vector<RuleFile>> ReadRuleFiles(const std::vector<std::string>& paths) {
  std::vector<RuleFile> files;
  for (const std::string& p : paths) {
    if (Status s = CollectJsonFiles(p, &files); !s.ok()) return s;
  }
  return files;
}

std::vector<RuleFile> OverlayRuleFiles(std::vector<RuleFile> base, std::vector<RuleFile> extra) {
  for (RuleFile& f : extra) {
    auto same =
        std::find_if(base.begin(), base.end(), [&](const RuleFile& b) { return b.name == f.name; });
    if (same == base.end() && f.name.find('/') == std::string::npos) {
      same = std::find_if(base.begin(), base.end(), [&](const RuleFile& b) {
        return fs::path(b.name).filename().string() == f.name;
      });
    }
    if (same != base.end()) {
      *same = std::move(f);
    } else {
      base.push_back(std::move(f));
    }
  }
  return base;
}

Result<std::vector<RuleFile>> LoadRuleFiles(const std::vector<std::string>& dirs) {
  std::map<std::string, RuleFile> by_name;
  for (const EmbeddedFile& e : EmbeddedRuleFiles()) {
    std::string name(e.name);
    by_name[name] = RuleFile{name, "<builtin>/" + name, std::string(e.data)};
  }
  for (const std::string& dir : dirs) {
    std::vector<RuleFile> extra;
    if (Status s = CollectJsonFiles(dir, &extra); !s.ok()) return s;
    for (RuleFile& f : extra) by_name[f.name] = std::move(f);
  }
  std::vector<RuleFile> files;
  for (auto& [name, f] : by_name) files.push_back(std::move(f));
  return files;
}

std::pair<uint32_t, uint32_t> LineAndColumn(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<uint32_t>(offset - line_start + 1)};
}

size_t LocateJsonPointer(std::string_view t, std::string_view pointer) {
  size_t p = SkipWs(t, 0);
  while (!pointer.empty() && pointer[0] == '/') {
    pointer.remove_prefix(1);
    size_t slash = pointer.find('/');
    std::string tok = UnescapePointerToken(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    if (p >= t.size()) return p;
    if (t[p] == '{') {
      size_t q = SkipWs(t, p + 1);
      bool found = false;
      while (q < t.size() && t[q] == '"') {
        std::string key;
        q = SkipWs(t, SkipString(t, q, &key));
        if (q < t.size() && t[q] == ':') q = SkipWs(t, q + 1);
        if (key == tok) {
          found = true;
          break;
        }
        q = SkipWs(t, SkipValue(t, q));
        if (q < t.size() && t[q] == ',') q = SkipWs(t, q + 1);
      }
      if (!found) return p;
      p = q;
    } else if (t[p] == '[') {
      size_t index = 0;
      auto [ptr, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), index);
      if (ec != std::errc()) return p;
      size_t q = SkipWs(t, p + 1);
      for (size_t i = 0; i < index && q < t.size() && t[q] != ']'; ++i) {
        q = SkipWs(t, SkipValue(t, q));
        if (q < t.size() && t[q] == ',') q = SkipWs(t, q + 1);
      }
      if (q >= t.size() || t[q] == ']') return p;
      p = q;
    } else {
      return p;
    }
  }
  return p;
}

Result<RuleDocument> RuleDocument::Parse(const RuleFile& file) {
  RuleDocument doc;
  doc.file_ = &file;
  try {
    doc.json_ = std::make_shared<const nlohmann::json>(nlohmann::json::parse(file.text));
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    size_t colon = what.find(": ");
    auto [line, col] = LineAndColumn(file.text, e.byte > 0 ? e.byte - 1 : 0);
    return Status::Error(fmt::format("{}:{}:{}: error: invalid JSON: {}", file.path, line, col,
                                     colon == std::string::npos ? what : what.substr(colon + 2)));
  }
  if (!doc.json_->is_object()) {
    return Status::Error(
        fmt::format("{}:1:1: error: a rule file must hold a JSON object", file.path));
  }
  return doc;
}

std::string RuleDocument::kind() const {
  auto it = json_->find("kind");
  return it != json_->end() && it->is_string() ? it->get<std::string>() : "";
}

std::string RuleDocument::Error(std::string_view pointer, std::string_view message) const {
  auto [line, col] = LineAndColumn(file_->text, LocateJsonPointer(file_->text, pointer));
  return fmt::format("{}:{}:{}: error: {}", file_->path, line, col, message);
}

}  // namespace factdiff
