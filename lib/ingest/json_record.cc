#include "ingest/json_record.h"

#include <cstring>

#include <nlohmann/json.hpp>

namespace factdiff {

namespace {

RecordField* FieldFor(RecordFields* out, std::string_view key) {
  switch (key.size()) {
    case 2:
      return key == "id" ? &out->id : nullptr;
    case 3:
      return key == "url" ? &out->url : nullptr;
    case 4:
      return key == "text" ? &out->text : key == "date" ? &out->date : nullptr;
    case 5:
      return key == "title" ? &out->title : nullptr;
    case 6:
      return key == "source" ? &out->source : nullptr;
    case 9:
      return key == "published" ? &out->published : nullptr;
    default:
      return nullptr;
  }
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ReadHex4(std::string_view s, size_t p, uint32_t* v) {
  if (p + 4 > s.size()) return false;
  *v = 0;
  for (size_t i = 0; i < 4; ++i) {
    int h = HexValue(s[p + i]);
    if (h < 0) return false;
    *v = (*v << 4) | static_cast<uint32_t>(h);
  }
  return true;
}

class FlatParser {
 public:
  explicit FlatParser(std::string_view s) : s_(s) {}

  bool Parse(RecordFields* out) {
    Ws();
    if (!Eat('{')) return false;
    Ws();
    if (Eat('}')) return AtEnd();
    std::string key;
    for (;;) {
      if (!String(&key)) return false;
      Ws();
      if (!Eat(':')) return false;
      Ws();
      RecordField* field = FieldFor(out, key);
      RecordField scratch;
      if (!Value(field != nullptr ? field : &scratch)) return false;
      Ws();
      if (Eat(',')) {
        Ws();
        continue;
      }
      if (Eat('}')) return AtEnd();
      return false;
    }
  }

 private:
  bool AtEnd() {
    Ws();
    return p_ == s_.size();
  }
  void Ws() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\r' || s_[p_] == '\n'))
      ++p_;
  }
  bool Eat(char c) {
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }

  bool String(std::string* out) {
    out->clear();
    if (!Eat('"')) return false;
    for (;;) {
      size_t start = p_;
      while (p_ < s_.size()) {
        unsigned char c = static_cast<unsigned char>(s_[p_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++p_;
      }
      out->append(s_.data() + start, p_ - start);
      if (p_ >= s_.size()) return false;
      char c = s_[p_];
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c != '\\') return false;  // a raw control character: let the full parser report it
      if (++p_ >= s_.size()) return false;
      char e = s_[p_++];
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t cp;
          if (!ReadHex4(s_, p_, &cp)) return false;
          p_ += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (p_ + 6 > s_.size() || s_[p_] != '\\' || s_[p_ + 1] != 'u' ||
                !ReadHex4(s_, p_ + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
              return false;
            }
            p_ += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          return false;
      }
    }
  }

  bool Value(RecordField* f) {
    if (p_ >= s_.size()) return false;
    char c = s_[p_];
    if (c == '"') {
      f->type = RecordField::Type::kString;
      return String(&f->value);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = p_;
      bool integer = true;
      if (s_[p_] == '-') ++p_;
      size_t digits = p_;
      while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
      if (p_ == digits || (s_[digits] == '0' && p_ - digits > 1)) return false;
      if (p_ < s_.size() && s_[p_] == '.') {
        integer = false;
        size_t frac = ++p_;
        while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
        if (p_ == frac) return false;
      }
      if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
        integer = false;
        ++p_;
        if (p_ < s_.size() && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
        size_t exp = p_;
        while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
        if (p_ == exp) return false;
      }
      f->type = integer ? RecordField::Type::kInteger : RecordField::Type::kNumber;
      f->value.assign(s_.data() + start, p_ - start);
      return true;
    }
    for (auto [word, type] :
         {std::pair<const char*, RecordField::Type>{"null", RecordField::Type::kNull},
          {"true", RecordField::Type::kBoolean},
          {"false", RecordField::Type::kBoolean}}) {
      size_t n = std::strlen(word);
      if (s_.compare(p_, n, word) == 0) {
        p_ += n;
        f->type = type;
        f->value.clear();
        return true;
      }
    }
    return false;  // arrays and objects: the full parser
  }

  std::string_view s_;
  size_t p_ = 0;
};

void FromJson(const nlohmann::json& j, RecordField* f) {
  using T = RecordField::Type;
  f->value.clear();
  switch (j.type()) {
    case nlohmann::json::value_t::string:
      f->type = T::kString;
      f->value = j.get<std::string>();
      break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      f->type = T::kInteger;
      f->value = j.dump();
      break;
    case nlohmann::json::value_t::number_float:
      f->type = T::kNumber;
      f->value = j.dump();
      break;
    case nlohmann::json::value_t::null:
      f->type = T::kNull;
      break;
    case nlohmann::json::value_t::boolean:
      f->type = T::kBoolean;
      break;
    case nlohmann::json::value_t::array:
      f->type = T::kArray;
      f->value = j.dump();
      break;
    default:
      f->type = T::kObject;
      f->value = j.dump();
      break;
  }
}

}  // namespace

const char* RecordField::TypeName() const {
  switch (type) {
    case Type::kString:
      return "string";
    case Type::kNumber:
    case Type::kInteger:
      return "number";
    case Type::kNull:
      return "null";
    case Type::kBoolean:
      return "boolean";
    case Type::kArray:
      return "array";
    case Type::kObject:
      return "object";
    case Type::kAbsent:
      break;
  }
  return "absent";
}

bool ParseFlatRecord(std::string_view line, RecordFields* out) {
  *out = RecordFields();
  return FlatParser(line).Parse(out);
}

std::string ParseRecord(std::string_view line, RecordFields* out, size_t* col) {
  if (ParseFlatRecord(line, out)) return "";
  *out = RecordFields();
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    size_t p = what.find(": ");
    *col = e.byte;
    return p == std::string::npos ? what : what.substr(p + 2);
  } catch (const nlohmann::json::exception& e) {
    // Not a syntax error but still no record: a number too large for a double ("1e999").
    std::string what = e.what();
    size_t p = what.find("] ");
    *col = 1;
    return p == std::string::npos ? what : what.substr(p + 2);
  }
  if (!record.is_object()) {
    *col = 1;
    std::string shown(line.substr(0, 40));
    if (line.size() > 40) shown += "...";
    return std::string("expected an object, found ") + record.type_name() + " \"" + shown + "\"";
  }
  for (auto it = record.begin(); it != record.end(); ++it) {
    if (RecordField* f = FieldFor(out, it.key())) FromJson(it.value(), f);
  }
  return "";
}

}  // namespace factdiff
