// str.format and str.format_map: a port of CPython 3.11's
// Objects/stringlib/unicode_format.h (MarkupIterator, parse_field,
// field_name_split, FieldNameIterator, auto-numbering), so the error
// messages and their order match. Each replacement field is rendered with
// rt::format (builtin types or a user __format__).
#pragma once

#include <string>
#include <string_view>

#include "runtime/methods_str.hpp"

namespace lockvm::rt::strm {

// Where replacement fields get their objects: positional args (none for
// format_map) and keyword args (kwnames + values) or a mapping.
template <LockPolicy P>
struct FormatSource {
  const Value* pos = nullptr;
  size_t npos = 0;
  bool has_pos = true;
  TupleObject* kwnames = nullptr;  // str.format(**kw)
  const Value* kwvalues = nullptr;
  Value mapping;                   // format_map(mapping), borrowed
};

struct AutoNumber {
  enum State { Init, Auto, Manual } state = Init;
  int64_t next = 0;
};

// get_integer: -1 when s is empty or not all ASCII digits; -2 on overflow.
inline int64_t field_integer(std::string_view s) {
  if (s.empty()) return -1;
  int64_t acc = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    int d = c - '0';
    if (acc > (std::numeric_limits<int64_t>::max() - d) / 10) return -2;
    acc = acc * 10 + d;
  }
  return acc;
}

template <LockPolicy P>
bool format_fail(Thread<P>& t, const char* msg) {
  raise(t, t.types().ValueError, msg);
  return false;
}

// The object a field name designates ("0", "name", "0.attr[key][1]").
template <LockPolicy P>
Value format_field_object(Thread<P>& t, std::string_view name, const FormatSource<P>& src, AutoNumber& an) {
  size_t i = 0;
  while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
  std::string_view first = name.substr(0, i), rest = name.substr(i);
  int64_t idx = field_integer(first);
  if (idx == -2) return format_fail(t, "Too many decimal digits in format string"), Value();
  bool empty = first.empty();
  if (empty || idx != -1) {
    if (an.state == AutoNumber::Init) an.state = empty ? AutoNumber::Auto : AutoNumber::Manual;
    if (an.state == AutoNumber::Manual && empty)
      return format_fail(t, "cannot switch from manual field specification to automatic field numbering"), Value();
    if (an.state == AutoNumber::Auto && !empty)
      return format_fail(t, "cannot switch from automatic field numbering to manual field specification"), Value();
    if (empty) idx = an.next++;
  }
  Ref<P> obj;
  if (idx == -1) {
    Ref<P> key(new_str(t, first));
    if (!src.mapping.is_null()) {
      obj = Ref<P>(getitem(t, src.mapping, *key));
      if (obj.is_null()) return Value();
    } else {
      size_t nkw = src.kwnames ? src.kwnames->size : 0;
      for (size_t k = 0; k < nkw; ++k)
        if (as_str(src.kwnames->items[k])->view() == first) {
          obj = Ref<P>::borrow(src.kwvalues[k]);
          break;
        }
      if (obj.is_null()) return bi::raise_key_error(t, *key);
    }
  } else {
    if (!src.has_pos) return format_fail(t, "Format string contains positional fields"), Value();
    if (static_cast<uint64_t>(idx) >= src.npos)
      return raisef(t, t.types().IndexError, "Replacement index ", idx, " out of range for positional args tuple");
    obj = Ref<P>::borrow(src.pos[idx]);
  }
  // .attr and [key] parts.
  size_t p = 0;
  while (p < rest.size()) {
    char c = rest[p++];
    std::string_view part;
    bool attr = c == '.';
    if (attr) {
      size_t q = p;
      while (q < rest.size() && rest[q] != '.' && rest[q] != '[') ++q;
      part = rest.substr(p, q - p);
      p = q;
    } else if (c == '[') {
      size_t q = rest.find(']', p);
      if (q == std::string_view::npos) return format_fail(t, "Missing ']' in format string"), Value();
      part = rest.substr(p, q - p);
      p = q + 1;
    } else {
      return format_fail(t, "Only '.' or '[' may follow ']' in format field specifier"), Value();
    }
    if (part.empty()) return format_fail(t, "Empty attribute in format string"), Value();
    Value next;
    if (attr) {
      next = getattr(t, *obj, intern(t.interp, part));
    } else {
      int64_t k = field_integer(part);
      if (k == -2) return format_fail(t, "Too many decimal digits in format string"), Value();
      if (k >= 0) {
        next = getitem(t, *obj, Value::integer(k));
      } else {
        Ref<P> key(new_str(t, part));
        next = getitem(t, *obj, *key);
      }
    }
    if (next.is_null()) return next;
    obj = Ref<P>(next);
  }
  return obj.release();
}

// build_string: expands `s` into out. depth starts at 2 (a field's spec may
// hold fields, whose specs may not).
template <LockPolicy P>
bool format_build(Thread<P>& t, std::string_view s, const FormatSource<P>& src, int depth, AutoNumber& an,
                  std::string& out) {
  if (depth <= 0) return format_fail(t, "Max string recursion exceeded");
  size_t i = 0, n = s.size();
  while (i < n) {
    size_t j = s.find_first_of("{}", i);
    if (j == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    char c = s[j];
    bool at_end = j + 1 >= n;
    if (c == '}' && (at_end || s[j + 1] != '}')) return format_fail(t, "Single '}' encountered in format string");
    if (c == '{' && at_end) return format_fail(t, "Single '{' encountered in format string");
    out.append(s.substr(i, j - i));
    if (s[j + 1] == c) {  // {{ or }}
      out += c;
      i = j + 2;
      continue;
    }
    // parse_field: name [!conversion] [:spec] }
    size_t p = j + 1, name_start = p;
    char last = 0;
    while (p < n) {
      last = s[p++];
      if (last == '{') return format_fail(t, "unexpected '{' in field name");
      if (last == '[') {
        while (p < n && s[p] != ']') ++p;
        continue;
      }
      if (last == '}' || last == ':' || last == '!') break;
    }
    std::string_view name = s.substr(name_start, p - 1 - name_start);
    char32_t conversion = 0;
    std::string_view spec;
    bool spec_needs_expanding = false;
    if (last == '!' || last == ':') {
      bool done = false;
      if (last == '!') {
        if (p >= n) return format_fail(t, "end of string while looking for conversion specifier");
        conversion = unicode::decode(s, p);
        if (p < n) {
          char c2 = s[p++];
          if (c2 == '}') done = true;
          else if (c2 != ':') return format_fail(t, "expected ':' after conversion specifier");
        }
      }
      if (!done) {
        size_t spec_start = p;
        int count = 1;
        while (p < n) {
          char c3 = s[p++];
          if (c3 == '{') {
            spec_needs_expanding = true;
            ++count;
          } else if (c3 == '}' && --count == 0) {
            done = true;
            break;
          }
        }
        if (!done) return format_fail(t, "unmatched '{' in format spec");
        spec = s.substr(spec_start, p - 1 - spec_start);
      }
    } else if (last != '}') {
      return format_fail(t, "expected '}' before end of string");
    }
    i = p;

    Value objv = format_field_object(t, name, src, an);
    if (objv.is_null()) return false;
    Ref<P> obj(objv);
    if (conversion) {
      Value conv;
      if (conversion == 'r' || conversion == 'a') {
        conv = repr(t, *obj);
        if (!conv.is_null() && conversion == 'a') {
          Value esc = new_str(t, fmt::ascii_escape(as_str(conv)->view()));
          decref<P>(conv);
          conv = esc;
        }
      } else if (conversion == 's') {
        conv = to_str(t, *obj);
      } else {
        return raisef(t, t.types().ValueError, "Unknown conversion specifier ", fmt::code_text(conversion)), false;
      }
      if (conv.is_null()) return false;
      obj = Ref<P>(conv);
    }
    std::string expanded;
    if (spec_needs_expanding) {
      if (!format_build(t, spec, src, depth - 1, an, expanded)) return false;
      spec = expanded;
    }
    if (is_str(*obj) && spec.empty()) {
      out += as_str(*obj)->view();
      continue;
    }
    Value r = rt::format(t, *obj, spec);
    if (r.is_null()) return false;
    out += as_str(r)->view();
    decref<P>(r);
  }
  return true;
}

template <LockPolicy P>
Value format(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "format")) return Value();
  FormatSource<P> src;
  src.pos = args + 1;
  src.npos = nargs - 1;
  src.kwnames = kw;
  src.kwvalues = args + nargs;
  AutoNumber an;
  std::string out;
  StrObject* s = self_of(args);
  if (!format_build(t, s->view(), src, 2, an, out)) return Value();
  return new_str(t, out);
}

template <LockPolicy P>
Value format_map(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "format_map")) return Value();
  if (!bi::arg_one(t, "str.format_map", nargs - 1, kw)) return Value();
  FormatSource<P> src;
  src.has_pos = false;
  src.mapping = args[1];
  AutoNumber an;
  std::string out;
  if (!format_build(t, self_of(args)->view(), src, 2, an, out)) return Value();
  return new_str(t, out);
}

}  // namespace lockvm::rt::strm
