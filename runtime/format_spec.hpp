// format(value, spec) for int, bool, float and str (the format-spec
// mini-language) and printf-style `str % args`, for Values. The text work is
// in runtime/format_text.hpp (namespace fmt, no VM types); this file fetches
// arguments, converts them (str(), repr(), int(), float()) and raises.
#pragma once

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/errors.hpp"
#include "runtime/format_text.hpp"
#include "runtime/numbers.hpp"
#include "runtime/strings.hpp"
#include "runtime/unicode.hpp"

namespace lockvm::rt {

// ============================================================== templates

// Raises err (unless the exception is already pending) and returns Null.
template <LockPolicy P>
Value raise_fmt_error(Thread<P>& t, const fmt::Error& err) {
  switch (err.kind) {
    case fmt::Err::Pending: return Value();
    case fmt::Err::Overflow: return raise(t, t.types().OverflowError, err.msg);
    case fmt::Err::Type: return raise(t, t.types().TypeError, err.msg);
    default: return raise(t, t.types().ValueError, err.msg);
  }
}

template <LockPolicy P>
Value format_builtin(Thread<P>& t, const Value& v, std::string_view spec) {
  std::string out;
  fmt::Error err;
  bool ok;
  if (v.tag == Tag::Float) {
    ok = fmt::format_float(v.f, spec, type_name(t, v), out, err);
  } else if (v.tag == Tag::Int || v.tag == Tag::Bool) {
    if (v.tag == Tag::Bool && spec.empty()) return new_str(t, v.b ? "True" : "False");
    fmt::IntRef r;
    r.small = v.tag == Tag::Bool ? (v.b ? 1 : 0) : v.i;
    ok = fmt::format_int(r, spec, type_name(t, v), out, err);
  } else if (is_kind(v, Kind::BigInt)) {
    fmt::IntRef r;
    r.big = &as_bigint(v)->value;
    ok = fmt::format_int(r, spec, type_name(t, v), out, err);
  } else if (is_str(v)) {
    if (spec.empty()) return share<P>(v);
    ok = fmt::format_str(as_str(v)->view(), spec, type_name(t, v), out, err);
  } else {
    return raisef(t, t.types().TypeError, "unsupported format string passed to ", type_name(t, v), ".__format__");
  }
  if (!ok) return raise_fmt_error(t, err);
  return new_str(t, out);
}

// ---------------------------------------------------------------- str % args

template <LockPolicy P>
bool percent_is_mapping(Thread<P>& t, const Value& v) {
  if (v.tag != Tag::Obj) return false;
  switch (v.o->kind) {
    case Kind::Dict: case Kind::List: case Kind::Bytes: case Kind::Range: return true;
    case Kind::Instance: case Kind::Exception: return !type_lookup<P>(v.o->type, t.names().__getitem__).is_null();
    default: return false;
  }
}

// The arguments of `fmt % args` for fmt::percent_format.
template <LockPolicy P>
struct PercentValues {
  Thread<P>& t;
  Value mapping;  // the original args (borrowed): %(key) looks keys up here
  Ref<P> args;    // the current args: replaced by mapping[key] after a %(key)

  Value get(int64_t h) const { return h < 0 ? *args : as_tuple(*args)->items[h]; }
  bool pending(fmt::Error& err) { return err.set(fmt::Err::Pending, ""); }

  int64_t tuple_size() const { return is_kind(*args, Kind::Tuple) ? static_cast<int64_t>(as_tuple(*args)->size) : -1; }
  bool is_mapping() const { return !is_str(*args) && percent_is_mapping(t, *args); }

  bool select_key(std::string_view key, fmt::Error& err) {
    Value k = new_str(t, key);
    Value item = getitem(t, mapping, k);
    decref<P>(k);
    if (item.is_null()) return pending(err);
    args.reset(item);
    return true;
  }

  bool star(int64_t h, int64_t& n, fmt::Error& err) {
    Value v = get(h);
    if (!is_integer_value(v)) return err.set(fmt::Err::Type, "* wants int");
    if (is_kind(v, Kind::BigInt)) return err.set(fmt::Err::Overflow, "Python int too large to convert to C ssize_t");
    n = as_int_like(v);
    return true;
  }

  bool text(int64_t h, char conv, std::string& out, fmt::Error& err) {
    Value v = get(h);
    if (conv == 's' && is_str(v)) {
      out.assign(as_str(v)->view());
      return true;
    }
    Value s = conv == 's' ? to_str(t, v) : repr(t, v);
    if (s.is_null()) return pending(err);
    if (conv == 'a') out = fmt::ascii_escape(as_str(s)->view());
    else out.assign(as_str(s)->view());
    decref<P>(s);
    return true;
  }

  // CPython's mainformatlong: ints as they are; %d/%i/%u also take what
  // int() takes from a number (floats truncate), %o/%x/%X only __index__.
  bool integer(int64_t h, char conv, std::string& out, const fmt::PercentArg& a, fmt::Error& err) {
    Value v = get(h);
    bool index_only = conv == 'o' || conv == 'x' || conv == 'X';
    auto wrongtype = [&]() {
      return err.set(fmt::Err::Type, std::string("%") + conv + " format: " +
                                         (index_only ? "an integer is required, not " : "a real number is required, not ") +
                                         std::string(type_name(t, v)));
    };
    Ref<P> n;
    if (is_integer_value(v)) {
      n = Ref<P>::borrow(v);
    } else if (v.tag == Tag::Float) {
      if (index_only) return wrongtype();
      if (std::isnan(v.f)) return err.set(fmt::Err::Value, "cannot convert float NaN to integer");
      if (std::isinf(v.f)) return err.set(fmt::Err::Overflow, "cannot convert float infinity to integer");
      double tr = std::trunc(v.f);
      if (tr >= -9223372036854775808.0 && tr < 9223372036854775808.0) n = Ref<P>(Value::integer(static_cast<int64_t>(tr)));
      else n = Ref<P>(new_bigint(t, BigInt(tr)));
    } else if (has_user_type(v)) {
      bool found = false;
      Value r = call_dunder(t, v, t.names().__index__, nullptr, 0, found);
      if (!found && !index_only) r = call_dunder(t, v, t.names().__int__, nullptr, 0, found);
      if (!found) return wrongtype();
      if (r.is_null()) return pending(err);
      n = Ref<P>(r);
      if (!is_integer_value(*n))
        return err.set(fmt::Err::Type, std::string("__int__ returned non-int (type ") + std::string(type_name(t, *n)) + ")");
    } else {
      return wrongtype();
    }
    fmt::IntRef r;
    if (is_kind(*n, Kind::BigInt)) r.big = &as_bigint(*n)->value;
    else r.small = as_int_like(*n);
    out = fmt::percent_int_text(r, a);
    return true;
  }

  bool real(int64_t h, double& x, fmt::Error& err) {
    Value v = get(h);
    if (has_user_type(v)) {
      bool found = false;
      Value r = call_dunder(t, v, t.names().__float__, nullptr, 0, found);
      if (!found) r = call_dunder(t, v, t.names().__index__, nullptr, 0, found);
      if (!found) return err.set(fmt::Err::Type, std::string("must be real number, not ") + std::string(type_name(t, v)));
      if (r.is_null()) return pending(err);
      Ref<P> keep(r);
      if (r.tag != Tag::Float && !is_integer_value(r))
        return err.set(fmt::Err::Type, std::string("__float__ returned non-float (type ") + std::string(type_name(t, r)) + ")");
      return to_double(t, r, x) || pending(err);
    }
    return to_double(t, v, x) || pending(err);
  }

  bool character(int64_t h, char32_t& c, fmt::Error& err) {
    Value v = get(h);
    if (is_str(v)) {
      if (as_str(v)->length != 1) return err.set(fmt::Err::Type, "%c requires int or char");
      size_t k = 0;
      c = unicode::decode(as_str(v)->view(), k);
      return true;
    }
    Ref<P> index;  // an object's __index__ result
    if (has_user_type(v)) {
      bool found = false;
      Value r = call_dunder(t, v, t.names().__index__, nullptr, 0, found);
      if (found && r.is_null()) return pending(err);
      index = Ref<P>(r);
      if (found && is_integer_value(r)) v = r;
    }
    if (!is_integer_value(v)) return err.set(fmt::Err::Type, "%c requires int or char");
    if (is_kind(v, Kind::BigInt) || as_int_like(v) < 0 || as_int_like(v) > 0x10FFFF)
      return err.set(fmt::Err::Overflow, "%c arg not in range(0x110000)");
    c = static_cast<char32_t>(as_int_like(v));
    return true;
  }
};

template <LockPolicy P>
Value str_percent(Thread<P>& t, StrObject* fmtobj, const Value& args) {
  PercentValues<P> src{t, args, Ref<P>::borrow(args)};
  std::string out;
  fmt::Error err;
  if (!fmt::percent_format(fmtobj->view(), src, out, err)) return raise_fmt_error(t, err);
  return new_str(t, out);
}

}  // namespace lockvm::rt
