// Methods of bytes (the common subset): the constructor, decode, hex, join,
// split/rsplit, strip/lstrip/rstrip, startswith/endswith, find/count,
// replace, upper/lower. register_bytes_methods<P>(t) adds them to
// t.types().bytes.
#pragma once

#include <string>
#include <string_view>

#include "runtime/methods_str.hpp"

namespace lockvm::rt::bytesm {

using strm::kw_args;
using strm::old_args;
using strm::pos_args;

inline BytesObject* as_bytes(const Value& v) { return static_cast<BytesObject*>(v.o); }
inline bool is_bytes(const Value& v) { return is_kind(v, Kind::Bytes); }

template <LockPolicy P>
bool self_ok(Thread<P>& t, const Value* args, size_t nargs, const char* meth) {
  return bi::check_self(t, args, nargs, "bytes", meth, {Kind::Bytes});
}

template <LockPolicy P>
Value bytes_list(Thread<P>& t, const strtext::Parts& parts) {
  Value lv = new_list(t);
  for (std::string_view p : parts) as_list(lv)->items.push_back(new_bytes(t, p));
  return lv;
}

// bytes(source=b'', encoding, errors); args[0] is the type.
template <LockPolicy P>
Value bytes_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 0) return raise(t, t.types().TypeError, "bytes.__new__(): not enough arguments");
  Value a[3];
  if (!kw_args(t, "bytes", args + 1, nargs - 1, kw, {"source", "encoding", "errors"}, a)) return Value();
  const Value& src = a[0];
  if (!a[1].is_null() || !a[2].is_null()) {
    if (!is_str(src))
      return raise(t, t.types().TypeError, a[1].is_null() ? "errors without a string argument"
                                                          : "encoding without a string argument");
    return strm::encode_text(t, "bytes", as_str(src)->view(), a[1], a[2]);
  }
  if (src.is_null()) return new_bytes(t, "");
  if (is_bytes(src)) return share<P>(src);
  if (is_str(src)) return raise(t, t.types().TypeError, "string argument without an encoding");
  if (is_integer_value(src)) {
    if (is_kind(src, Kind::BigInt))
      return raise(t, t.types().OverflowError, "cannot fit 'int' into an index-sized integer");
    int64_t n = as_int_like(src);
    if (n < 0) return raise(t, t.types().ValueError, "negative count");
    return new_bytes(t, std::string(static_cast<size_t>(n), '\0'));
  }
  if (src.tag == Tag::Float || src.is_none())
    return raisef(t, t.types().TypeError, "cannot convert '", type_name(t, src), "' object to bytes");
  Value it = get_iter(t, src);
  if (it.is_null()) {
    if (exception_matches(t, t.types().TypeError)) {
      clear_exception(t);
      return raisef(t, t.types().TypeError, "cannot convert '", type_name(t, src), "' object to bytes");
    }
    return it;
  }
  Ref<P> iter(it);
  std::string out;
  for (;;) {
    Value x = iter_next(t, *iter);
    if (x.is_null()) {
      if (!t.exc.is_null()) return Value();
      break;
    }
    Ref<P> keep(x);
    int64_t b;
    if (!to_int64(t, x, b)) return Value();
    if (b < 0 || b > 255) return raise(t, t.types().ValueError, "bytes must be in range(0, 256)");
    out += static_cast<char>(b);
  }
  return new_bytes(t, out);
}

template <LockPolicy P>
Value decode(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "decode")) return Value();
  Value a[2];
  if (!kw_args(t, "decode", args + 1, nargs - 1, kw, {"encoding", "errors"}, a)) return Value();
  return strm::decode_bytes(t, "decode", as_bytes(args[0])->view(), a[0], a[1]);
}

template <LockPolicy P>
Value hex(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "hex")) return Value();
  Value a[2];
  if (!kw_args(t, "hex", args + 1, nargs - 1, kw, {"sep", "bytes_per_sep"}, a)) return Value();
  std::string_view b = as_bytes(args[0])->view();
  if (a[0].is_null()) return new_str(t, strtext::hex(b, ""));
  std::string_view sep;
  if (is_str(a[0])) sep = as_str(a[0])->view();
  else if (is_bytes(a[0])) sep = as_bytes(a[0])->view();
  else return raise(t, t.types().TypeError, "sep must be str or bytes.");
  if (sep.size() != 1) return raise(t, t.types().ValueError, "sep must be length 1.");
  int64_t per = 1;
  if (!a[1].is_null() && !to_int64(t, a[1], per)) return Value();
  if (per == 0) return new_str(t, strtext::hex(b, ""));
  // Groups of |per| bytes, counted from the right (per > 0) or left (per < 0).
  size_t g = static_cast<size_t>(per < 0 ? -per : per);
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    bool boundary = per > 0 ? (i && (b.size() - i) % g == 0) : (i && i % g == 0);
    if (boundary) out += sep;
    out += strtext::hex(b.substr(i, 1), "");
  }
  return new_str(t, out);
}

template <LockPolicy P>
Value join(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "join")) return Value();
  if (!bi::arg_one(t, "bytes.join", nargs - 1, kw)) return Value();
  bi::Items<P> items;
  if (!bi::collect(t, args[1], items)) {
    if (exception_matches(t, t.types().TypeError)) {
      clear_exception(t);
      return raise(t, t.types().TypeError, "can only join an iterable");
    }
    return Value();
  }
  std::string_view sep = as_bytes(args[0])->view();
  std::string out;
  for (size_t i = 0; i < items.v.size(); ++i) {
    if (!is_bytes(items.v[i]))
      return raisef(t, t.types().TypeError, "sequence item ", i, ": expected a bytes-like object, ",
                    type_name(t, items.v[i]), " found");
    if (i) out += sep;
    out += as_bytes(items.v[i])->view();
  }
  return new_bytes(t, out);
}

template <LockPolicy P>
Value split_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  const char* name = right ? "rsplit" : "split";
  if (!self_ok(t, args, nargs, name)) return Value();
  Value a[2];
  if (!kw_args(t, name, args + 1, nargs - 1, kw, {"sep", "maxsplit"}, a)) return Value();
  int64_t maxsplit = -1;
  if (!a[1].is_null() && !bi::to_ssize(t, a[1], maxsplit)) return Value();
  std::string_view s = as_bytes(args[0])->view();
  if (a[0].is_null() || a[0].is_none())
    return bytes_list(t, right ? strtext::rsplit_whitespace(s, maxsplit) : strtext::split_whitespace(s, maxsplit));
  if (!is_bytes(a[0]))
    return raisef(t, t.types().TypeError, "a bytes-like object is required, not '", type_name(t, a[0]), "'");
  std::string_view sep = as_bytes(a[0])->view();
  if (sep.empty()) return raise(t, t.types().ValueError, "empty separator");
  return bytes_list(t, right ? strtext::rsplit_sep(s, sep, maxsplit) : strtext::split_sep(s, sep, maxsplit));
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
Value strip_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, int which) {
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!pos_args(t, "bytes", name, nargs - 1, kw, 0, 1)) return Value();
  std::string_view chars;
  const std::string_view* cp = nullptr;
  if (nargs > 1 && !args[1].is_none()) {
    if (!is_bytes(args[1]))
      return raisef(t, t.types().TypeError, "a bytes-like object is required, not '", type_name(t, args[1]), "'");
    chars = as_bytes(args[1])->view();
    cp = &chars;
  }
  return new_bytes(t, strtext::strip_bytes(as_bytes(args[0])->view(), cp, which));
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
Value tailmatch_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool at_end) {
  const char* name = at_end ? "endswith" : "startswith";
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!old_args(t, "bytes", name, nargs - 1, kw, 1, 3)) return Value();
  int64_t start = 0, end = std::numeric_limits<int64_t>::max();
  if (nargs > 2 && !strm::slice_arg(t, args[2], start)) return Value();
  if (nargs > 3 && !strm::slice_arg(t, args[3], end)) return Value();
  std::string_view s = as_bytes(args[0])->view();
  const Value& what = args[1];
  if (is_kind(what, Kind::Tuple)) {
    TupleObject* tup = as_tuple(what);
    for (uint64_t i = 0; i < tup->size; ++i) {
      if (!is_bytes(tup->items[i]))
        return raisef(t, t.types().TypeError, "a bytes-like object is required, not '", type_name(t, tup->items[i]), "'");
      if (strtext::tailmatch(s, true, as_bytes(tup->items[i])->view(), start, end, at_end)) return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  if (!is_bytes(what))
    return raisef(t, t.types().TypeError, name, " first arg must be bytes or a tuple of bytes, not ", type_name(t, what));
  return Value::boolean(strtext::tailmatch(s, true, as_bytes(what)->view(), start, end, at_end));
}

template <LockPolicy P>
Value startswith(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return tailmatch_impl(t, args, nargs, kw, false);
}
template <LockPolicy P>
Value endswith(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return tailmatch_impl(t, args, nargs, kw, true);
}

// find / count: the needle is bytes or an int in range(256).
template <LockPolicy P>
Value search_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, int mode) {
  if (!self_ok(t, args, nargs, name)) return Value();
  if (!old_args(t, "bytes", name, nargs - 1, kw, 1, 3)) return Value();
  std::string needle;
  if (is_bytes(args[1])) {
    needle.assign(as_bytes(args[1])->view());
  } else if (is_integer_value(args[1])) {
    int64_t b = is_kind(args[1], Kind::BigInt) ? -1 : as_int_like(args[1]);
    if (b < 0 || b > 255) return raise(t, t.types().ValueError, "byte must be in range(0, 256)");
    needle += static_cast<char>(b);
  } else {
    return raisef(t, t.types().TypeError, "argument should be integer or bytes-like object, not '",
                  type_name(t, args[1]), "'");
  }
  std::string_view s = as_bytes(args[0])->view();
  int64_t start, end;
  if (!strm::range_args(t, args, nargs - 1, 1, static_cast<int64_t>(s.size()), start, end)) return Value();
  if (mode == 2) return Value::integer(strtext::count(s, true, needle, start, end));
  int64_t r = strtext::find(s, true, needle, start, end, mode == 1);
  if (r < 0 && mode >= 3) return raise(t, t.types().ValueError, "subsection not found");
  return Value::integer(r);
}

template <LockPolicy P>
Value find(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return search_impl(t, args, nargs, kw, "find", 0);
}
template <LockPolicy P>
Value rfind(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return search_impl(t, args, nargs, kw, "rfind", 1);
}
template <LockPolicy P>
Value count(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return search_impl(t, args, nargs, kw, "count", 2);
}
template <LockPolicy P>
Value index(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return search_impl(t, args, nargs, kw, "index", 3);
}

template <LockPolicy P>
Value replace(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!self_ok(t, args, nargs, "replace")) return Value();
  if (!pos_args(t, "bytes", "replace", nargs - 1, kw, 2, 3)) return Value();
  for (int i = 1; i <= 2; ++i)
    if (!is_bytes(args[i]))
      return raisef(t, t.types().TypeError, "a bytes-like object is required, not '", type_name(t, args[i]), "'");
  int64_t n = -1;
  if (nargs > 3 && !bi::to_ssize(t, args[3], n)) return Value();
  std::string_view s = as_bytes(args[0])->view(), old = as_bytes(args[1])->view();
  if (old.empty()) {
    // Between every byte (strtext::replace steps by UTF-8 code points).
    std::string out;
    int64_t left = n < 0 ? strtext::kNoLimit : n;
    std::string_view with = as_bytes(args[2])->view();
    size_t i = 0;
    for (; i <= s.size() && left > 0; ++i, --left) {
      out += with;
      if (i < s.size()) out += s[i];
    }
    if (i < s.size()) out.append(s.substr(i));
    return new_bytes(t, out);
  }
  return new_bytes(t, strtext::replace(s, old, as_bytes(args[2])->view(), n));
}

template <LockPolicy P>
Value case_impl(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, bool up) {
  if (!self_ok(t, args, nargs, up ? "upper" : "lower")) return Value();
  if (!bi::arg_none(t, up ? "bytes.upper" : "bytes.lower", nargs - 1, kw)) return Value();
  std::string out(as_bytes(args[0])->view());
  for (char& c : out) {
    if (up && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!up && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return new_bytes(t, out);
}

template <LockPolicy P>
Value upper(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return case_impl(t, args, nargs, kw, true);
}
template <LockPolicy P>
Value lower(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return case_impl(t, args, nargs, kw, false);
}

}  // namespace lockvm::rt::bytesm

namespace lockvm::rt {

template <LockPolicy P>
void register_bytes_methods(Thread<P>& t) {
  TypeObject* b = t.types().bytes;
  add_method(t, b, "__new__", bytesm::bytes_new<P>);
  add_method(t, b, "decode", bytesm::decode<P>);
  add_method(t, b, "hex", bytesm::hex<P>);
  add_method(t, b, "join", bytesm::join<P>);
  add_method(t, b, "split", bytesm::split<P>);
  add_method(t, b, "rsplit", bytesm::rsplit<P>);
  add_method(t, b, "strip", bytesm::strip<P>);
  add_method(t, b, "lstrip", bytesm::lstrip<P>);
  add_method(t, b, "rstrip", bytesm::rstrip<P>);
  add_method(t, b, "startswith", bytesm::startswith<P>);
  add_method(t, b, "endswith", bytesm::endswith<P>);
  add_method(t, b, "find", bytesm::find<P>);
  add_method(t, b, "rfind", bytesm::rfind<P>);
  add_method(t, b, "count", bytesm::count<P>);
  add_method(t, b, "index", bytesm::index<P>);
  add_method(t, b, "replace", bytesm::replace<P>);
  add_method(t, b, "upper", bytesm::upper<P>);
  add_method(t, b, "lower", bytesm::lower<P>);
}

}  // namespace lockvm::rt
