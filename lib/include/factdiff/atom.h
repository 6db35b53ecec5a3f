// Atom: an immutable string kept once for the whole process (interned). Claims repeat a few
// measures, hedges, bounds, rule ids, titles and names millions of times over an archive; as
// atoms each costs a pointer (a quarter of a std::string) and no allocation of its own.
// Atoms never go away: use them for values that repeat, not for free text.
#ifndef FACTDIFF_ATOM_H_
#define FACTDIFF_ATOM_H_

#include <compare>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace factdiff {

class Atom {
 public:
  Atom() : s_(Empty()) {}
  Atom(std::string_view s) : s_(s.empty() ? Empty() : Intern(s)) {}  // NOLINT: implicit
  Atom(const std::string& s) : Atom(std::string_view(s)) {}          // NOLINT: implicit
  Atom(const char* s) : Atom(std::string_view(s)) {}                 // NOLINT: implicit

  const std::string& str() const { return *s_; }
  operator const std::string&() const { return *s_; }  // NOLINT: implicit
  operator std::string_view() const { return *s_; }    // NOLINT: implicit

  bool empty() const { return s_->empty(); }
  size_t size() const { return s_->size(); }
  const char* c_str() const { return s_->c_str(); }
  const char* data() const { return s_->data(); }
  char operator[](size_t i) const { return (*s_)[i]; }
  std::string::const_iterator begin() const { return s_->begin(); }
  std::string::const_iterator end() const { return s_->end(); }
  size_t find(std::string_view what, size_t from = 0) const { return s_->find(what, from); }
  size_t find(char what, size_t from = 0) const { return s_->find(what, from); }
  std::string substr(size_t from, size_t n = std::string::npos) const {
    return s_->substr(from, n);
  }

  // Equal atoms are the same pointer.
  friend bool operator==(const Atom& a, const Atom& b) { return a.s_ == b.s_; }
  friend bool operator==(const Atom& a, const char* b) { return *a.s_ == b; }
  friend bool operator==(const Atom& a, const std::string& b) { return *a.s_ == b; }
  friend bool operator==(const Atom& a, std::string_view b) { return *a.s_ == b; }
  friend std::strong_ordering operator<=>(const Atom& a, const Atom& b) {
    return a.s_ == b.s_ ? std::strong_ordering::equal : *a.s_ <=> *b.s_;
  }
  friend std::string operator+(const Atom& a, std::string_view b) {
    std::string out(*a.s_);
    out.append(b);
    return out;
  }
  friend std::string operator+(std::string_view a, const Atom& b) {
    std::string out(a);
    out.append(*b.s_);
    return out;
  }
  friend std::ostream& operator<<(std::ostream& out, const Atom& a) { return out << *a.s_; }

 private:
  // Returns the one stored copy of `s` (thread-safe).
  static const std::string* Intern(std::string_view s);
  static const std::string* Empty();

  const std::string* s_;
};

// For nlohmann::json (found by argument-dependent lookup).
template <typename Json>
void to_json(Json& j, const Atom& a) {
  j = a.str();
}
template <typename Json>
void from_json(const Json& j, Atom& a) {
  a = Atom(j.template get<std::string>());
}

}  // namespace factdiff

template <>
struct fmt::formatter<factdiff::Atom> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const factdiff::Atom& a, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(std::string_view(a.str()), ctx);
  }
};

#endif  // FACTDIFF_ATOM_H_
