// Methods of str: register_str_methods<P>(t) adds them to t.types().str.
//
// Each method is a NativeFn (args[0] is self) that checks its arguments
// with CPython's wording and hands the text work to runtime/str_text.hpp.
// str.format / format_map are in methods_str_format.hpp, bytes in
// methods_bytes.hpp (both included here, so this header is the one to
// include).
//
// Indexes are code points: find/index/count take and return code-point
// positions, converting to byte offsets only for non-ASCII strings.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/format_spec.hpp"
#include "runtime/methods_common.hpp"
#include "runtime/str_text.hpp"
#include "runtime/strings.hpp"

namespace lockvm::rt {

template <LockPolicy P> void register_str_methods(Thread<P>& t);
template <LockPolicy P> void register_bytes_methods(Thread<P>& t);

namespace strm {

template <LockPolicy P> Value format(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw);
template <LockPolicy P> Value format_map(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw);

// ---------------------------------------------------------------- argument helpers

inline StrObject* self_of(const Value* args) { return as_str(args[0]); }

template <LockPolicy P>
bool self_ok(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  return bi::check_self(t, args, nargs, "str", meth, {Kind::Str});
}

// Positional-only methods (argument clinic): "str.replace() takes no keyword
// arguments", "replace expected at least 2 arguments, got 1". n excludes self.
template <LockPolicy P>
bool pos_args(Thread<P>& t, const char* tname, const char* name, size_t n, TupleObject* kw, size_t min, size_t max) {
  if (kw && kw->size) {
    raisef(t, t.types().TypeError, tname, ".", name, "() takes no keyword arguments");
    return false;
  }
  return bi::arg_range(t, name, n, nullptr, min, max);
}

// find/count/index/startswith parse with the old-style "find() takes at
// least 1 argument (0 given)".
template <LockPolicy P>
bool old_args(Thread<P>& t, const char* tname, const char* name, size_t n, TupleObject* kw, size_t min, size_t max) {
  if (kw && kw->size) {
    raisef(t, t.types().TypeError, tname, ".", name, "() takes no keyword arguments");
    return false;
  }
  if (n < min || n > max) {
    size_t lim = n < min ? min : max;
    raisef(t, t.types().TypeError, name, "() takes ", n < min ? "at least " : "at most ", lim, " argument",
           bi::plural(lim), " (", n, " given)");
    return false;
  }
  return true;
}

// Methods with keyword arguments: names checked with the clinic's wording
// ("'x' is an invalid keyword argument for split()"), then bound.
// args/n exclude self; out[i] borrowed, Null when not given.
template <LockPolicy P>
bool kw_args(Thread<P>& t, const char* name, const Value* args, size_t n, TupleObject* kw,
             std::initializer_list<const char*> names, Value* out) {
  size_t nkw = kw ? kw->size : 0;
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view key = as_str(kw->items[k])->view();
    bool known = false;
    for (const char* nm : names) known |= key == nm;
    if (!known) {
      raisef(t, t.types().TypeError, "'", key, "' is an invalid keyword argument for ", name, "()");
      return false;
    }
  }
  return bind_args(t, name, args, n, kw, names, 0, out);
}

// start/end of find() & co: None, an int (bigints clamp) or __index__.
template <LockPolicy P>
bool slice_arg(Thread<P>& t, const Value& v, int64_t& out) {
  if (v.is_null() || v.is_none()) return true;  // keep the default
  if (is_kind(v, Kind::BigInt)) {
    out = as_bigint(v)->value < 0 ? std::numeric_limits<int64_t>::min() / 2 : std::numeric_limits<int64_t>::max() / 2;
    return true;
  }
  if (is_small_int(v)) {
    out = as_int_like(v);
    return true;
  }
  if (has_user_type(v) && !type_lookup<P>(v.o->type, t.names().__index__).is_null()) return to_int64(t, v, out);
  raise(t, t.types().TypeError, "slice indices must be integers or None or have an __index__ method");
  return false;
}

// Reads the optional start/end at args[i], args[i+1] (n = number of args
// excluding self) and clamps them to the string's length.
template <LockPolicy P>
bool range_args(Thread<P>& t, const Value* args, size_t n, size_t i, int64_t len, int64_t& start, int64_t& end) {
  start = 0;
  end = std::numeric_limits<int64_t>::max();
  if (n > i && !slice_arg(t, args[i + 1], start)) return false;
  if (n > i + 1 && !slice_arg(t, args[i + 2], end)) return false;
  strtext::adjust_indices(start, end, len);
  return true;
}

template <LockPolicy P>
bool want_str(Thread<P>& t, const Value& v, const char* what = nullptr) {
  if (is_str(v)) return true;
  if (what) raisef(t, t.types().TypeError, what, " must be str, not ", type_name(t, v));
  else raisef(t, t.types().TypeError, "must be str, not ", type_name(t, v));
  return false;
}

// A new str from text, or self again when the text is all of self.
template <LockPolicy P>
Value str_or_self(Thread<P>& t, StrObject* self, std::string_view text) {
  if (text.size() == self->size && text.data() == self->data) {
    incref<P>(self);
    return Value::object(self);
  }
  return new_str(t, text);
}

template <LockPolicy P>
Value str_list(Thread<P>& t, StrObject* self, const strtext::Parts& parts) {
  Value lv = new_list(t);
  ListObject* l = as_list(lv);
  l->items.reserve(parts.size());
  for (std::string_view p : parts) {
    Value s = str_or_self(t, self, p);
    if (s.is_null()) {
      decref<P>(lv);
      return s;
    }
    l->items.push_back(s);
  }
  return lv;
}

// Width/count arguments: ints and __index__ ("'str' object cannot be
// interpreted as an integer").
template <LockPolicy P>
bool int_arg(Thread<P>& t, const Value& v, int64_t& out) {
  return bi::to_ssize(t, v, out);
}

// ---------------------------------------------------------------- splitting

template <LockPolicy P>
Value split_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  const char* name = right ? "rsplit" : "split";
  if (!self_ok(t, args, nargs, name)) return Value();
  Value a[2];
  if (!kw_args(t, name, args + 1, nargs - 1, kw, {"sep", "maxsplit"}, a)) return Value();
  int64_t maxsplit = -1;
  if (!a[1].is_null() && !int_arg(t, a[1], maxsplit)) return Value();
  StrObject* s = self_of(args);
  if (a[0].is_null() || a[0].is_none())
    return str_list(t, s, right ? strtext::rsplit_whitespace(s->view(), maxsplit)
                                : strtext::split_whitespace(s->view(), maxsplit));
  if (!is_str(a[0])) return raisef(t, t.types().TypeError, "must be str or None, not ", type_name(t, a[0]));
  std::string_view sep = as_str(a[0])->view();
  if (sep.empty()) return raise(t, t.types().ValueError, "empty separator");
  return str_list(t, s, right ? strtext::rsplit_sep(s->view(), sep, maxsplit)
                              : strtext::split_sep(s->view(), sep, maxsplit));
}

template <LockPolicy P>
Value split(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return split_impl(t, args, nargs, kw, false);
}

template <LockPolicy P>
Value rsplit(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return split_impl(t, args, nargs, kw, true);
}

template <LockPolicy P>
Value splitlines(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "splitlines")) return Value();
  Value a[1];
  if (!kw_args(t, "splitlines", args + 1, nargs - 1, kw, {"keepends"}, a)) return Value();
  int64_t keep = 0;
  if (!a[0].is_null() && !to_int64(t, a[0], keep)) return Value();
  return str_list(t, self_of(args), strtext::splitlines(self_of(args)->view(), keep != 0));
}

template <LockPolicy P>
Value partition_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  const char* name = right ? "rpartition" : "partition";
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!bi::arg_one(t, right ? "str.rpartition" : "str.partition", nargs - 1, kw)) return Value();
  if (!want_str(t, args[1])) return Value();
  StrObject* s = self_of(args);
  std::string_view text = s->view(), sep = as_str(args[1])->view();
  if (sep.empty()) return raise(t, t.types().ValueError, "empty separator");
  size_t pos = right ? text.rfind(sep) : text.find(sep);
  Value items[3];
  if (pos == std::string_view::npos) {
    Value e = t.interp.empty_str;
    items[0] = right ? e : args[0];
    items[1] = e;
    items[2] = right ? args[0] : e;
    return new_tuple(t, items, 3);
  }
  Ref<P> a(new_str(t, text.substr(0, pos)));
  Ref<P> b(new_str(t, text.substr(pos + sep.size())));
  items[0] = *a;
  items[1] = args[1];
  items[2] = *b;
  return new_tuple(t, items, 3);
}

template <LockPolicy P>
Value partition(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return partition_impl(t, args, nargs, kw, false);
}

template <LockPolicy P>
Value rpartition(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return partition_impl(t, args, nargs, kw, true);
}

// ---------------------------------------------------------------- join

template <LockPolicy P>
Value join(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "join")) return Value();
  if (!bi::arg_one(t, "str.join", nargs - 1, kw)) return Value();
  const Value& iterable = args[1];
  bi::Items<P> items;
  if (is_kind(iterable, Kind::List) || is_kind(iterable, Kind::Tuple)) {
    if (!bi::collect(t, iterable, items)) return Value();
  } else {
    Value it = get_iter(t, iterable);
    if (it.is_null()) {
      if (exception_matches(t, t.types().TypeError)) {
        clear_exception(t);
        return raise(t, t.types().TypeError, "can only join an iterable");
      }
      return it;
    }
    Ref<P> iter(it);
    for (;;) {
      Value x = iter_next(t, *iter);
      if (x.is_null()) {
        if (!t.exc.is_null()) return Value();
        break;
      }
      items.v.push_back(x);
    }
  }
  StrObject* sep = self_of(args);
  size_t total = 0;
  for (size_t i = 0; i < items.v.size(); ++i) {
    if (!is_str(items.v[i]))
      return raisef(t, t.types().TypeError, "sequence item ", i, ": expected str instance, ",
                    type_name(t, items.v[i]), " found");
    total += as_str(items.v[i])->size + (i ? sep->size : 0);
  }
  if (items.v.size() == 1) return share<P>(items.v[0]);
  std::string out;
  out.reserve(total);
  for (size_t i = 0; i < items.v.size(); ++i) {
    if (i) out += sep->view();
    out += as_str(items.v[i])->view();
  }
  return new_str(t, out);
}

// ---------------------------------------------------------------- strip, replace

template <LockPolicy P>
Value strip_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, int which) {
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!pos_args(t, "str", name, nargs - 1, kw, 0, 1)) return Value();
  StrObject* s = self_of(args);
  std::string_view chars;
  const std::string_view* cp = nullptr;
  if (nargs > 1 && !args[1].is_none()) {
    if (!is_str(args[1])) return raisef(t, t.types().TypeError, name, " arg must be None or str");
    chars = as_str(args[1])->view();
    cp = &chars;
  }
  return str_or_self(t, s, strtext::strip(s->view(), cp, which));
}

template <LockPolicy P>
Value strip(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return strip_impl(t, args, nargs, kw, "strip", 3);
}
template <LockPolicy P>
Value lstrip(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return strip_impl(t, args, nargs, kw, "lstrip", 1);
}
template <LockPolicy P>
Value rstrip(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return strip_impl(t, args, nargs, kw, "rstrip", 2);
}

template <LockPolicy P>
Value replace(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "replace")) return Value();
  if (!pos_args(t, "str", "replace", nargs - 1, kw, 2, 3)) return Value();
  if (!want_str(t, args[1], "replace() argument 1") || !want_str(t, args[2], "replace() argument 2")) return Value();
  int64_t count = -1;
  if (nargs > 3 && !int_arg(t, args[3], count)) return Value();
  StrObject* s = self_of(args);
  std::string_view old = as_str(args[1])->view();
  if (count == 0 || (!old.empty() && s->view().find(old) == std::string_view::npos)) {
    incref<P>(s);
    return Value::object(s);
  }
  return new_str(t, strtext::replace(s->view(), old, as_str(args[2])->view(), count));
}

template <LockPolicy P>
Value removeaffix(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool suffix) {
  const char* name = suffix ? "removesuffix" : "removeprefix";
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!bi::arg_one(t, suffix ? "str.removesuffix" : "str.removeprefix", nargs - 1, kw)) return Value();
  if (!is_str(args[1])) return raisef(t, t.types().TypeError, name, "() argument must be str, not ", type_name(t, args[1]));
  StrObject* s = self_of(args);
  std::string_view text = s->view(), a = as_str(args[1])->view();
  if (!a.empty() && (suffix ? text.ends_with(a) : text.starts_with(a)))
    return new_str(t, suffix ? text.substr(0, text.size() - a.size()) : text.substr(a.size()));
  incref<P>(s);
  return Value::object(s);
}

template <LockPolicy P>
Value removeprefix(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return removeaffix(t, args, nargs, kw, false);
}
template <LockPolicy P>
Value removesuffix(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return removeaffix(t, args, nargs, kw, true);
}

// ---------------------------------------------------------------- searching

// find / rfind / index / rindex. raise: index() flavour.
template <LockPolicy P>
Value find_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, bool reverse,
                bool raise_missing) {
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!old_args(t, "str", name, nargs - 1, kw, 1, 3)) return Value();
  if (!want_str(t, args[1])) return Value();
  StrObject* s = self_of(args);
  int64_t start, end;
  if (!range_args(t, args, nargs - 1, 1, static_cast<int64_t>(s->length), start, end)) return Value();
  int64_t r = strtext::find(s->view(), s->ascii(), as_str(args[1])->view(), start, end, reverse);
  if (r < 0 && raise_missing) return raise(t, t.types().ValueError, "substring not found");
  return Value::integer(r);
}

template <LockPolicy P>
Value find(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return find_impl(t, args, nargs, kw, "find", false, false);
}
template <LockPolicy P>
Value rfind(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return find_impl(t, args, nargs, kw, "rfind", true, false);
}
template <LockPolicy P>
Value index(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return find_impl(t, args, nargs, kw, "index", false, true);
}
template <LockPolicy P>
Value rindex(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return find_impl(t, args, nargs, kw, "rindex", true, true);
}

template <LockPolicy P>
Value count(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "count")) return Value();
  if (!old_args(t, "str", "count", nargs - 1, kw, 1, 3)) return Value();
  if (!want_str(t, args[1])) return Value();
  StrObject* s = self_of(args);
  int64_t start, end;
  if (!range_args(t, args, nargs - 1, 1, static_cast<int64_t>(s->length), start, end)) return Value();
  return Value::integer(strtext::count(s->view(), s->ascii(), as_str(args[1])->view(), start, end));
}

template <LockPolicy P>
Value tailmatch_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool at_end) {
  const char* name = at_end ? "endswith" : "startswith";
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!old_args(t, "str", name, nargs - 1, kw, 1, 3)) return Value();
  StrObject* s = self_of(args);
  int64_t start = 0, end = std::numeric_limits<int64_t>::max();
  if (nargs > 2 && !slice_arg(t, args[2], start)) return Value();
  if (nargs > 3 && !slice_arg(t, args[3], end)) return Value();
  const Value& what = args[1];
  if (is_kind(what, Kind::Tuple)) {
    TupleObject* tup = as_tuple(what);
    for (uint64_t i = 0; i < tup->size; ++i) {
      if (!is_str(tup->items[i]))
        return raisef(t, t.types().TypeError, "tuple for ", name, " must only contain str, not ",
                      type_name(t, tup->items[i]));
      if (strtext::tailmatch(s->view(), s->ascii(), as_str(tup->items[i])->view(), start, end, at_end))
        return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  if (!is_str(what))
    return raisef(t, t.types().TypeError, name, " first arg must be str or a tuple of str, not ", type_name(t, what));
  return Value::boolean(strtext::tailmatch(s->view(), s->ascii(), as_str(what)->view(), start, end, at_end));
}

template <LockPolicy P>
Value startswith(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return tailmatch_impl(t, args, nargs, kw, false);
}
template <LockPolicy P>
Value endswith(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return tailmatch_impl(t, args, nargs, kw, true);
}

// ---------------------------------------------------------------- case and predicates

// A no-argument method: name is "str.upper"-style for the error messages.
#define LOCKVM_STR_NOARGS(fname, qual)                                                   \
  if (!self_ok(t, args, nargs, fname)) return Value();                                   \
  if (!bi::arg_none(t, qual, nargs - 1, kw)) return Value();                             \
  StrObject* s = self_of(args);

template <LockPolicy P>
Value upper(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_STR_NOARGS("upper", "str.upper")
  if (s->ascii()) {
    std::string out(s->view());
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return new_str(t, out);
  }
  return new_str(t, strtext::upper(s->view()));
}

template <LockPolicy P>
Value lower(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_STR_NOARGS("lower", "str.lower")
  if (s->ascii()) {
    std::string out(s->view());
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return new_str(t, out);
  }
  return new_str(t, strtext::lower(s->view()));
}

#define LOCKVM_STR_TEXT_METHOD(name)                                      \
  template <LockPolicy P>                                                 \
  Value name(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) { \
    LOCKVM_STR_NOARGS(#name, "str." #name)                                \
    return new_str(t, strtext::name(s->view()));                          \
  }
LOCKVM_STR_TEXT_METHOD(casefold)
LOCKVM_STR_TEXT_METHOD(title)
LOCKVM_STR_TEXT_METHOD(capitalize)
LOCKVM_STR_TEXT_METHOD(swapcase)
#undef LOCKVM_STR_TEXT_METHOD

#define LOCKVM_STR_PREDICATE(name)                                        \
  template <LockPolicy P>                                                 \
  Value name(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) { \
    LOCKVM_STR_NOARGS(#name, "str." #name)                                \
    return Value::boolean(strtext::name(s->view()));                      \
  }
LOCKVM_STR_PREDICATE(isalpha)
LOCKVM_STR_PREDICATE(isdecimal)
LOCKVM_STR_PREDICATE(isdigit)
LOCKVM_STR_PREDICATE(isnumeric)
LOCKVM_STR_PREDICATE(isspace)
LOCKVM_STR_PREDICATE(isalnum)
LOCKVM_STR_PREDICATE(isupper)
LOCKVM_STR_PREDICATE(islower)
LOCKVM_STR_PREDICATE(istitle)
LOCKVM_STR_PREDICATE(isidentifier)
LOCKVM_STR_PREDICATE(isprintable)
#undef LOCKVM_STR_PREDICATE

template <LockPolicy P>
Value isascii(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  LOCKVM_STR_NOARGS("isascii", "str.isascii")
  return Value::boolean(s->ascii() || s->size == 0);
}

#undef LOCKVM_STR_NOARGS

// ---------------------------------------------------------------- padding

// The fillchar argument of center/ljust/rjust.
template <LockPolicy P>
bool fill_arg(Thread<P>& t, const Value* args, size_t nargs, size_t i, char32_t& fill) {
  fill = ' ';
  if (nargs <= i) return true;
  const Value& v = args[i];
  if (!is_str(v)) {
    raisef(t, t.types().TypeError, "The fill character must be a unicode character, not ", type_name(t, v));
    return false;
  }
  if (as_str(v)->length != 1) {
    raise(t, t.types().TypeError, "The fill character must be exactly one character long");
    return false;
  }
  size_t k = 0;
  fill = unicode::decode(as_str(v)->view(), k);
  return true;
}

template <LockPolicy P>
Value justify_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, char how) {
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!pos_args(t, "str", name, nargs - 1, kw, 1, 2)) return Value();
  int64_t width;
  char32_t fill;
  if (!int_arg(t, args[1], width) || !fill_arg(t, args, nargs, 2, fill)) return Value();
  StrObject* s = self_of(args);
  int64_t len = static_cast<int64_t>(s->length);
  if (len >= width) {
    incref<P>(s);
    return Value::object(s);
  }
  return new_str(t, strtext::justify(s->view(), len, width, fill, how));
}

template <LockPolicy P>
Value center(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return justify_impl(t, args, nargs, kw, "center", 'c');
}
template <LockPolicy P>
Value ljust(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return justify_impl(t, args, nargs, kw, "ljust", 'l');
}
template <LockPolicy P>
Value rjust(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return justify_impl(t, args, nargs, kw, "rjust", 'r');
}

template <LockPolicy P>
Value zfill(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "zfill")) return Value();
  if (!bi::arg_one(t, "str.zfill", nargs - 1, kw)) return Value();
  int64_t width;
  if (!int_arg(t, args[1], width)) return Value();
  StrObject* s = self_of(args);
  int64_t len = static_cast<int64_t>(s->length);
  if (len >= width) {
    incref<P>(s);
    return Value::object(s);
  }
  return new_str(t, strtext::zfill(s->view(), len, width));
}

template <LockPolicy P>
Value expandtabs(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "expandtabs")) return Value();
  Value a[1];
  if (!kw_args(t, "expandtabs", args + 1, nargs - 1, kw, {"tabsize"}, a)) return Value();
  int64_t tabsize = 8;
  if (!a[0].is_null() && !int_arg(t, a[0], tabsize)) return Value();
  StrObject* s = self_of(args);
  if (s->view().find('\t') == std::string_view::npos) {
    incref<P>(s);
    return Value::object(s);
  }
  return new_str(t, strtext::expandtabs(s->view(), tabsize));
}

// ---------------------------------------------------------------- encode, translate

// The encoding/errors arguments of encode(), decode(), str() and bytes():
// str or Null (not given). fname names the function in the TypeError.
template <LockPolicy P>
bool codec_args(Thread<P>& t, const char* fname, const Value& enc_v, const Value& err_v, std::string& codec,
                std::string_view& errors) {
  std::string_view enc = "utf-8";
  errors = "strict";
  if (!enc_v.is_null()) {
    if (!is_str(enc_v)) {
      raisef(t, t.types().TypeError, fname, "() argument 'encoding' must be str, not ", type_name(t, enc_v));
      return false;
    }
    enc = as_str(enc_v)->view();
  }
  if (!err_v.is_null()) {
    if (!is_str(err_v)) {
      raisef(t, t.types().TypeError, fname, "() argument 'errors' must be str, not ", type_name(t, err_v));
      return false;
    }
    errors = as_str(err_v)->view();
  }
  codec = strtext::codec_name(enc);
  if (codec.empty()) {
    raisef(t, t.types().LookupError, "unknown encoding: ", enc);
    return false;
  }
  return true;
}

// Only strict, ignore and replace exist; another handler name is a
// LookupError once an error needs handling (as in CPython).
inline std::string_view codec_handler(std::string_view errors) {
  return (errors == "ignore" || errors == "replace") ? errors : std::string_view("strict");
}

template <LockPolicy P>
Value encode_text(Thread<P>& t, const char* fname, std::string_view text, const Value& enc_v, const Value& err_v) {
  std::string codec, out, err;
  std::string_view errors;
  if (!codec_args(t, fname, enc_v, err_v, codec, errors)) return Value();
  if (!strtext::encode(text, codec, codec_handler(errors), out, err)) {
    if (errors != "strict") return raisef(t, t.types().LookupError, "unknown error handler name '", errors, "'");
    return raise(t, t.types().UnicodeEncodeError, err);
  }
  return new_bytes(t, out);
}

template <LockPolicy P>
Value decode_bytes(Thread<P>& t, const char* fname, std::string_view data, const Value& enc_v, const Value& err_v) {
  std::string codec, out, err;
  std::string_view errors;
  if (!codec_args(t, fname, enc_v, err_v, codec, errors)) return Value();
  if (!strtext::decode(data, codec, codec_handler(errors), out, err)) {
    if (errors != "strict") return raisef(t, t.types().LookupError, "unknown error handler name '", errors, "'");
    return raise(t, t.types().UnicodeDecodeError, err);
  }
  return new_str(t, out);
}

template <LockPolicy P>
Value encode(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "encode")) return Value();
  Value a[2];
  if (!kw_args(t, "encode", args + 1, nargs - 1, kw, {"encoding", "errors"}, a)) return Value();
  return encode_text(t, "encode", self_of(args)->view(), a[0], a[1]);
}

template <LockPolicy P>
Value maketrans(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(t, t.types().TypeError, "str.maketrans() takes no keyword arguments");
  if (!bi::arg_range(t, "maketrans", nargs, nullptr, 1, 3)) return Value();
  Ref<P> result(new_dict(t));
  DictObject* d = as_dict(*result);
  if (nargs == 1) {
    if (!is_kind(args[0], Kind::Dict))
      return raise(t, t.types().TypeError, "if you give only one argument to maketrans it must be a dict");
    bi::Items<P> keys;
    if (!bi::collect(t, args[0], keys)) return Value();
    for (const Value& k : keys.v) {
      Value v = dict_get_ref(t, as_dict(args[0]), k);
      if (v.is_null()) {
        if (!t.exc.is_null()) return Value();
        continue;
      }
      Ref<P> keep(v);
      Value key;
      if (is_str(k)) {
        if (as_str(k)->length != 1)
          return raise(t, t.types().ValueError, "string keys in translate table must be of length 1");
        size_t i = 0;
        key = Value::integer(unicode::decode(as_str(k)->view(), i));
      } else if (is_integer_value(k)) {
        key = k;
      } else {
        return raise(t, t.types().TypeError, "keys in translate table must be strings or integers");
      }
      if (dict_set(t, d, key, *keep) < 0) return Value();
    }
    return result.release();
  }
  if (!is_str(args[1]))
    return raisef(t, t.types().TypeError, "maketrans() argument 2 must be str, not ", type_name(t, args[1]));
  if (nargs > 2 && !is_str(args[2]))
    return raisef(t, t.types().TypeError, "maketrans() argument 3 must be str, not ", type_name(t, args[2]));
  if (!is_str(args[0]))
    return raise(t, t.types().TypeError, "first maketrans argument must be a string if there is a second argument");
  StrObject *x = as_str(args[0]), *y = as_str(args[1]);
  if (x->length != y->length)
    return raise(t, t.types().ValueError, "the first two maketrans arguments must have equal length");
  std::string_view xs = x->view(), ys = y->view();
  for (size_t i = 0, j = 0; i < xs.size();) {
    char32_t a = unicode::decode(xs, i), b = unicode::decode(ys, j);
    if (dict_set(t, d, Value::integer(a), Value::integer(b)) < 0) return Value();
  }
  if (nargs > 2) {
    std::string_view zs = as_str(args[2])->view();
    for (size_t i = 0; i < zs.size();)
      if (dict_set(t, d, Value::integer(unicode::decode(zs, i)), Value::none()) < 0) return Value();
  }
  return result.release();
}

template <LockPolicy P>
Value translate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "translate")) return Value();
  if (!bi::arg_one(t, "str.translate", nargs - 1, kw)) return Value();
  std::string_view s = self_of(args)->view();
  const Value& table = args[1];
  // code point -> replacement text (nullopt-like: keep) per distinct char.
  struct Mapped {
    bool keep;
    std::string text;
  };
  std::unordered_map<char32_t, Mapped> cache;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t at = i;
    char32_t c = unicode::decode(s, i);
    auto it = cache.find(c);
    if (it == cache.end()) {
      Mapped m{true, {}};
      Value r = getitem(t, table, Value::integer(c));
      if (r.is_null()) {
        if (!exception_matches(t, t.types().LookupError)) return Value();
        clear_exception(t);
      } else {
        Ref<P> keep(r);
        m.keep = false;
        if (r.is_none()) {
        } else if (is_str(r)) {
          m.text.assign(as_str(r)->view());
        } else if (is_integer_value(r)) {
          if (is_kind(r, Kind::BigInt) || as_int_like(r) < 0 || as_int_like(r) > 0x10FFFF)
            return raise(t, t.types().ValueError, "character mapping must be in range(0x110000)");
          unicode::append_utf8(m.text, static_cast<char32_t>(as_int_like(r)));
        } else {
          return raise(t, t.types().TypeError, "character mapping must return integer, None or str");
        }
      }
      it = cache.emplace(c, std::move(m)).first;
    }
    if (it->second.keep) out.append(s.substr(at, i - at));
    else out += it->second.text;
  }
  return new_str(t, out);
}

// ---------------------------------------------------------------- dunders and the constructor

template <LockPolicy P>
Value dunder_len(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "__len__") || !bi::arg_none(t, "str.__len__", nargs - 1, kw)) return Value();
  return Value::integer(static_cast<int64_t>(self_of(args)->length));
}

template <LockPolicy P>
Value dunder_contains(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "__contains__") || !bi::arg_one(t, "str.__contains__", nargs - 1, kw)) return Value();
  int r = contains(t, args[0], args[1]);
  return r < 0 ? Value() : Value::boolean(r);
}

template <LockPolicy P>
Value dunder_getitem(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "__getitem__") || !bi::arg_one(t, "str.__getitem__", nargs - 1, kw)) return Value();
  return getitem(t, args[0], args[1]);
}

template <LockPolicy P>
Value dunder_iter(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "__iter__") || !bi::arg_none(t, "str.__iter__", nargs - 1, kw)) return Value();
  return get_iter(t, args[0]);
}

template <LockPolicy P>
Value dunder_format(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "__format__") || !bi::arg_one(t, "str.__format__", nargs - 1, kw)) return Value();
  if (!is_str(args[1]))
    return raisef(t, t.types().TypeError, "__format__() argument must be str, not ", type_name(t, args[1]));
  return format_builtin(t, args[0], as_str(args[1])->view());
}

template <LockPolicy P>
Value dunder_mod(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "__mod__") || !bi::arg_one(t, "str.__mod__", nargs - 1, kw)) return Value();
  return str_percent(t, self_of(args), args[1]);
}

// str(object='') / str(bytes, encoding='utf-8', errors='strict');
// args[0] is the type being constructed.
template <LockPolicy P>
Value str_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 0) return raise(t, t.types().TypeError, "str.__new__(): not enough arguments");
  Value a[3];
  if (!kw_args(t, "str", args + 1, nargs - 1, kw, {"object", "encoding", "errors"}, a)) return Value();
  if (a[1].is_null() && a[2].is_null()) {
    if (a[0].is_null()) return share<P>(t.interp.empty_str);
    return to_str(t, a[0]);
  }
  if (a[0].is_null()) return share<P>(t.interp.empty_str);
  if (is_str(a[0])) return raise(t, t.types().TypeError, "decoding str is not supported");
  if (!is_kind(a[0], Kind::Bytes))
    return raisef(t, t.types().TypeError, "decoding to str: need a bytes-like object, ", type_name(t, a[0]), " found");
  return decode_bytes(t, "str", static_cast<BytesObject*>(a[0].o)->view(), a[1], a[2]);
}

// A native stored as a staticmethod (str.maketrans): never bound to self.
template <LockPolicy P>
void add_staticmethod(Thread<P>& t, TypeObject* type, const char* name, NativeFn<P> fn) {
  Value f = new_native(t, name, fn);
  auto* w = alloc_object<P, WrapperObject>(t.types().staticmethod, Kind::StaticMethod);
  w->func = f;  // owns the reference
  Value wv = Value::object(w);
  dict_set(t, type->dict, Value::object(intern(t.interp, name)), wv);
  decref<P>(wv);
}

}  // namespace strm

template <LockPolicy P>
void register_str_methods(Thread<P>& t) {
  TypeObject* str = t.types().str;
  add_method(t, str, "__new__", strm::str_new<P>);
  add_method(t, str, "split", strm::split<P>);
  add_method(t, str, "rsplit", strm::rsplit<P>);
  add_method(t, str, "splitlines", strm::splitlines<P>);
  add_method(t, str, "partition", strm::partition<P>);
  add_method(t, str, "rpartition", strm::rpartition<P>);
  add_method(t, str, "join", strm::join<P>);
  add_method(t, str, "strip", strm::strip<P>);
  add_method(t, str, "lstrip", strm::lstrip<P>);
  add_method(t, str, "rstrip", strm::rstrip<P>);
  add_method(t, str, "replace", strm::replace<P>);
  add_method(t, str, "removeprefix", strm::removeprefix<P>);
  add_method(t, str, "removesuffix", strm::removesuffix<P>);
  add_method(t, str, "find", strm::find<P>);
  add_method(t, str, "rfind", strm::rfind<P>);
  add_method(t, str, "index", strm::index<P>);
  add_method(t, str, "rindex", strm::rindex<P>);
  add_method(t, str, "count", strm::count<P>);
  add_method(t, str, "startswith", strm::startswith<P>);
  add_method(t, str, "endswith", strm::endswith<P>);
  add_method(t, str, "upper", strm::upper<P>);
  add_method(t, str, "lower", strm::lower<P>);
  add_method(t, str, "casefold", strm::casefold<P>);
  add_method(t, str, "title", strm::title<P>);
  add_method(t, str, "capitalize", strm::capitalize<P>);
  add_method(t, str, "swapcase", strm::swapcase<P>);
  add_method(t, str, "isalpha", strm::isalpha<P>);
  add_method(t, str, "isdecimal", strm::isdecimal<P>);
  add_method(t, str, "isdigit", strm::isdigit<P>);
  add_method(t, str, "isnumeric", strm::isnumeric<P>);
  add_method(t, str, "isspace", strm::isspace<P>);
  add_method(t, str, "isalnum", strm::isalnum<P>);
  add_method(t, str, "isupper", strm::isupper<P>);
  add_method(t, str, "islower", strm::islower<P>);
  add_method(t, str, "istitle", strm::istitle<P>);
  add_method(t, str, "isidentifier", strm::isidentifier<P>);
  add_method(t, str, "isprintable", strm::isprintable<P>);
  add_method(t, str, "isascii", strm::isascii<P>);
  add_method(t, str, "center", strm::center<P>);
  add_method(t, str, "ljust", strm::ljust<P>);
  add_method(t, str, "rjust", strm::rjust<P>);
  add_method(t, str, "zfill", strm::zfill<P>);
  add_method(t, str, "expandtabs", strm::expandtabs<P>);
  add_method(t, str, "format", strm::format<P>);
  add_method(t, str, "format_map", strm::format_map<P>);
  add_method(t, str, "encode", strm::encode<P>);
  add_method(t, str, "translate", strm::translate<P>);
  strm::add_staticmethod(t, str, "maketrans", strm::maketrans<P>);
  add_method(t, str, "__len__", strm::dunder_len<P>);
  add_method(t, str, "__contains__", strm::dunder_contains<P>);
  add_method(t, str, "__getitem__", strm::dunder_getitem<P>);
  add_method(t, str, "__iter__", strm::dunder_iter<P>);
  add_method(t, str, "__format__", strm::dunder_format<P>);
  add_method(t, str, "__mod__", strm::dunder_mod<P>);
}

}  // namespace lockvm::rt

#include "runtime/methods_bytes.hpp"
#include "runtime/methods_str_format.hpp"
