// The functions of the builtins module (print, len, round, sorted, ...).
//
//   template <LockPolicy P>
//   void register_builtin_functions(Thread<P>& t, DictObject* builtins);
//
// The iteration helpers (sorted, min, max, sum, zip, ...) are in
// builtins_iter.hpp; the pure numeric cores in builtins_core.hpp.
#pragma once

#include <chrono>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "runtime/builtins_iter.hpp"
#include "runtime/format_text.hpp"
#include "runtime/methods_common.hpp"
#include "runtime/methods_list.hpp"
#include "runtime/methods_numbers.hpp"
#include "runtime/unicode.hpp"

namespace lockvm::rt {

template <LockPolicy P> void register_builtin_functions(Thread<P>& t, DictObject* builtins);

template <LockPolicy P>
DictObject* instance_dict(Thread<P>& t, InstanceObject* inst);  // runtime/classes.hpp

namespace bif {

// ---------------------------------------------------------------- output / input

template <LockPolicy P>
void write_stdout(Thread<P>& t, std::string_view s) {
  if (t.interp.write_out) t.interp.write_out(s);
  else std::fwrite(s.data(), 1, s.size(), stdout);
}

// sys.stdin/stdout/stderr are instances of a small built-in class (see
// modules_std.hpp), recognized by its module name.
inline bool is_std_stream(const Value& v) {
  if (!is_kind(v, Kind::Instance)) return false;
  TypeObject* tp = v.o->type;
  return tp->builtin && tp->module_name && tp->module_name->view() == "_io";
}

// sys.stdout when a script replaced it (borrowed), else Null.
template <LockPolicy P>
Value redirected_stdout(Thread<P>& t) {
  if (!t.interp.modules) return Value();
  Value sys = dict_get_str<P>(t.interp.modules, intern(t.interp, "sys"));
  if (!is_kind(sys, Kind::Module)) return Value();
  Value out = dict_get_str<P>(static_cast<ModuleObject*>(sys.o)->dict, intern(t.interp, "stdout"));
  if (out.is_null() || out.is_none() || is_std_stream(out)) return Value();
  return out;
}

template <LockPolicy P>
Value b_print(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value sep, end, file, flush;
  size_t nkw = kw ? kw->size : 0;
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view name = as_str(kw->items[k])->view();
    const Value& v = args[nargs + k];
    if (name == "sep") sep = v;
    else if (name == "end") end = v;
    else if (name == "file") file = v;
    else if (name == "flush") flush = v;
    else return raisef(t, t.types().TypeError, "'", name, "' is an invalid keyword argument for print()");
  }
  if (!sep.is_null() && !sep.is_none() && !is_str(sep))
    return raisef(t, t.types().TypeError, "sep must be None or a string, not ", type_name(t, sep));
  if (!end.is_null() && !end.is_none() && !is_str(end))
    return raisef(t, t.types().TypeError, "end must be None or a string, not ", type_name(t, end));
  std::string_view sep_text = is_str(sep) ? as_str(sep)->view() : std::string_view(" ");
  std::string_view end_text = is_str(end) ? as_str(end)->view() : std::string_view("\n");
  Ref<P> keep_file;
  if (file.is_null() || file.is_none()) {
    file = redirected_stdout(t);
    keep_file = Ref<P>::borrow(file);
  }
  if (file.is_null()) {
    // The whole line in one write: hosts see print() output a line at a time.
    std::string line;
    for (size_t i = 0; i < nargs; ++i) {
      if (i) line += sep_text;
      if (!str_into(t, args[i], line)) return Value();
    }
    line += end_text;
    write_stdout(t, line);
    return Value::none();
  }
  // A file object: one write() per piece, as CPython does.
  StrObject* write = intern(t.interp, "write");
  auto put = [&](std::string_view piece) -> bool {
    Value s = new_str(t, piece);
    Value r = call_method(t, file, write, &s, 1);
    decref<P>(s);
    if (r.is_null()) return false;
    decref<P>(r);
    return true;
  };
  for (size_t i = 0; i < nargs; ++i) {
    if (i && !put(sep_text)) return Value();
    std::string text;
    if (!str_into(t, args[i], text) || !put(text)) return Value();
  }
  if (!put(end_text)) return Value();
  if (!flush.is_null()) {
    int tr = truthy(t, flush);
    if (tr < 0) return Value();
    if (tr) {
      Value r = call_method(t, file, intern(t.interp, "flush"), nullptr, 0);
      if (r.is_null()) return r;
      decref<P>(r);
    }
  }
  return Value::none();
}

template <LockPolicy P>
Value b_input(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "input", nargs, kw, 0, 1)) return Value();
  if (nargs == 1) {
    std::string prompt;
    if (!str_into(t, args[0], prompt)) return Value();
    write_stdout(t, prompt);
  }
  std::string line;
  t.interp.lock.release();  // a blocking read: let other threads run
  bool ok = static_cast<bool>(std::getline(std::cin, line));
  t.interp.lock.acquire();
  if (!ok) return raise(t, t.types().EOFError, "EOF when reading a line");
  return new_str(t, line);
}

// ---------------------------------------------------------------- numbers

template <LockPolicy P>
Value b_abs(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "abs", nargs, kw)) return Value();
  const Value& v = args[0];
  switch (v.tag) {
    case Tag::Int:
      if (v.i == std::numeric_limits<int64_t>::min()) return new_bigint(t, -BigInt(v.i));
      return Value::integer(v.i < 0 ? -v.i : v.i);
    case Tag::Bool: return Value::integer(v.b);
    case Tag::Float: return Value::number(std::fabs(v.f));
    default: break;
  }
  if (is_kind(v, Kind::BigInt)) {
    if (as_bigint(v)->value >= 0) return share<P>(v);
    return new_bigint(t, -as_bigint(v)->value);
  }
  if (has_user_type(v)) {
    bool found;
    Value r = call_dunder(t, v, t.names().__abs__, nullptr, 0, found);
    if (found) return r;
  }
  return raisef(t, t.types().TypeError, "bad operand type for abs(): '", type_name(t, v), "'");
}

template <LockPolicy P>
Value b_round(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "round", args, nargs, kw, {"number", "ndigits"}, 1, a)) return Value();
  const Value& x = a[0];
  bool have_nd = !a[1].is_null() && !a[1].is_none();
  if (has_user_type(x)) {
    bool found;
    Value r = call_dunder(t, x, t.names().__round__, &a[1], have_nd ? 1 : 0, found);
    if (found) return r;
  }
  int64_t nd = 0;
  if (have_nd) {
    if (is_kind(a[1], Kind::BigInt)) nd = as_bigint(a[1])->value < 0 ? -1000000 : 1000000;
    else if (!to_int64(t, a[1], nd)) return Value();
  }
  if (x.is_float()) {
    if (!have_nd) return numm::int_of_double(t, std::nearbyint(x.f));
    bool overflow;
    double r = core::round_double(x.f, nd, overflow);
    if (overflow) return raise(t, t.types().OverflowError, "rounded value too large to represent");
    return Value::number(r);
  }
  if (is_integer_value(x)) {
    if (!have_nd || nd >= 0) return x.is_bool() ? Value::integer(x.b) : share<P>(x);
    if (nd < -100000) return Value::integer(0);
    return new_bigint(t, core::round_int(to_bigint(x), -nd));
  }
  return raisef(t, t.types().TypeError, "type ", type_name(t, x), " doesn't define __round__ method");
}

template <LockPolicy P>
Value b_divmod(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "divmod", nargs, kw, 2, 2)) return Value();
  const Value &a = args[0], &b = args[1];
  if (is_number(a) && is_number(b)) {
    if (a.is_float() || b.is_float()) {
      double x, y;
      if (!numm::to_double_safe(t, a, x) || !numm::to_double_safe(t, b, y)) return Value();
      if (y == 0) return raise(t, t.types().ZeroDivisionError, "float divmod()");
      double mod = std::fmod(x, y);
      double div = (x - mod) / y;
      if (mod != 0) {
        if ((y < 0) != (mod < 0)) {
          mod += y;
          div -= 1.0;
        }
      } else {
        mod = std::copysign(0.0, y);
      }
      double floordiv;
      if (div != 0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
      } else {
        floordiv = std::copysign(0.0, x / y);
      }
      Value pair[2] = {Value::number(floordiv), Value::number(mod)};
      return new_tuple(t, pair, 2);
    }
    Value q = int_binop(t, 5, a, b);
    if (q.is_null()) return q;
    Ref<P> qr(q);
    Value m = int_binop(t, 6, a, b);
    if (m.is_null()) return m;
    Ref<P> mr(m);
    Value pair[2] = {q, m};
    return new_tuple(t, pair, 2);
  }
  // User classes: a.__divmod__(b), then b.__rdivmod__(a).
  for (int pass = 0; pass < 2; ++pass) {
    const Value& self = pass == 0 ? a : b;
    const Value& other = pass == 0 ? b : a;
    if (!has_user_type(self)) continue;
    if (pass == 1 && type_of(t, a) == type_of(t, b)) continue;
    StrObject* name = pass == 0 ? t.names().__divmod__ : t.names().__rdivmod__;
    bool found;
    Value r = call_dunder(t, self, name, &other, 1, found);
    if (!found) continue;
    if (r.is_null() || !r.identical(t.interp.not_implemented)) return r;
    decref<P>(r);
  }
  return raisef(t, t.types().TypeError, "unsupported operand type(s) for divmod(): '", type_name(t, a), "' and '",
                type_name(t, b), "'");
}

template <LockPolicy P>
Value b_pow(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!bind_args(t, "pow", args, nargs, kw, {"base", "exp", "mod"}, 2, a)) return Value();
  if (a[2].is_null() || a[2].is_none()) return binary_op(t, 7, a[0], a[1]);
  if (!is_integer_value(a[0]) || !is_integer_value(a[1]) || !is_integer_value(a[2])) {
    if (has_user_type(a[0])) {
      bool found;
      Value r = call_dunder(t, a[0], t.names().__pow__, &a[1], 2, found);
      if (found && (r.is_null() || !r.identical(t.interp.not_implemented))) return r;
      decref<P>(r);
    }
    return raise(t, t.types().TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
  }
  BigInt m = to_bigint(a[2]);
  if (m == 0) return raise(t, t.types().ValueError, "pow() 3rd argument cannot be 0");
  BigInt out;
  if (!core::pow_mod(to_bigint(a[0]), to_bigint(a[1]), m, out))
    return raise(t, t.types().ValueError, "base is not invertible for the given modulus");
  return new_bigint(t, out);
}

// An integer argument of hex()/oct()/bin(): int, bool, bigint or __index__.
template <LockPolicy P>
bool index_value(Thread<P>& t, const Value& v, Ref<P>& out) {
  if (is_integer_value(v)) {
    out = Ref<P>::borrow(v);
    return true;
  }
  if (has_user_type(v)) {
    bool found;
    Value r = call_dunder(t, v, t.names().__index__, nullptr, 0, found);
    if (found) {
      if (r.is_null()) return false;
      if (!is_integer_value(r)) {
        raisef(t, t.types().TypeError, "__index__ returned non-int (type ", type_name(t, r), ")");
        decref<P>(r);
        return false;
      }
      out = Ref<P>(r);
      return true;
    }
  }
  raisef(t, t.types().TypeError, "'", type_name(t, v), "' object cannot be interpreted as an integer");
  return false;
}

template <LockPolicy P>
Value int_to_base(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, const char* name, int base,
                  const char* prefix) {
  if (!bi::arg_one(t, name, nargs, kw)) return Value();
  Ref<P> v;
  if (!index_value(t, args[0], v)) return Value();
  std::string out;
  bool neg;
  if (is_small_int(*v)) {
    int64_t x = as_int_like(*v);
    neg = x < 0;
    out = core::to_base_pow2(BigInt(x), base);
  } else {
    neg = as_bigint(*v)->value < 0;
    out = core::to_base_pow2(as_bigint(*v)->value, base);
  }
  return new_str(t, std::string(neg ? "-" : "") + prefix + out);
}

template <LockPolicy P>
Value b_hex(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return int_to_base(t, args, nargs, kw, "hex", 16, "0x");
}
template <LockPolicy P>
Value b_oct(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return int_to_base(t, args, nargs, kw, "oct", 8, "0o");
}
template <LockPolicy P>
Value b_bin(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return int_to_base(t, args, nargs, kw, "bin", 2, "0b");
}

// ---------------------------------------------------------------- characters

template <LockPolicy P>
Value b_chr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "chr", nargs, kw)) return Value();
  if (is_kind(args[0], Kind::BigInt)) return raise(t, t.types().OverflowError, "Python int too large to convert to C int");
  if (args[0].is_float()) return raise(t, t.types().TypeError, "'float' object cannot be interpreted as an integer");
  int64_t c;
  if (!to_int64(t, args[0], c)) return Value();
  if (c < 0 || c > 0x10FFFF) return raise(t, t.types().ValueError, "chr() arg not in range(0x110000)");
  std::string s;
  unicode::append_utf8(s, static_cast<char32_t>(c));
  return new_str(t, s);
}

template <LockPolicy P>
Value b_ord(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "ord", nargs, kw)) return Value();
  const Value& v = args[0];
  if (is_str(v)) {
    StrObject* s = as_str(v);
    if (s->length != 1)
      return raisef(t, t.types().TypeError, "ord() expected a character, but string of length ", s->length, " found");
    size_t i = 0;
    return Value::integer(static_cast<int64_t>(unicode::decode(s->view(), i)));
  }
  if (is_kind(v, Kind::Bytes)) {
    auto* b = static_cast<BytesObject*>(v.o);
    if (b->size != 1)
      return raisef(t, t.types().TypeError, "ord() expected a character, but string of length ", b->size, " found");
    return Value::integer(static_cast<unsigned char>(b->data[0]));
  }
  return raisef(t, t.types().TypeError, "ord() expected string of length 1, but ", type_name(t, v), " found");
}

template <LockPolicy P>
Value b_repr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "repr", nargs, kw)) return Value();
  return repr(t, args[0]);
}

template <LockPolicy P>
Value b_ascii(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "ascii", nargs, kw)) return Value();
  std::string text;
  if (!repr_into(t, args[0], text)) return Value();
  return new_str(t, fmt::ascii_escape(text));
}

template <LockPolicy P>
Value b_format(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "format", nargs, kw, 1, 2)) return Value();
  std::string_view spec;
  if (nargs == 2) {
    if (!is_str(args[1]))
      return raisef(t, t.types().TypeError, "format() argument 2 must be str, not ", type_name(t, args[1]));
    spec = as_str(args[1])->view();
  }
  return format(t, args[0], spec);
}

// ---------------------------------------------------------------- objects

template <LockPolicy P>
Value b_len(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "len", nargs, kw)) return Value();
  int64_t n = length(t, args[0]);
  if (n < 0) return Value();
  return Value::integer(n);
}

template <LockPolicy P>
Value b_hash(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "hash", nargs, kw)) return Value();
  int64_t h;
  if (!hash(t, args[0], h)) return Value();
  return Value::integer(h);
}

// id(): a heap object's address. Unboxed values (None, bools, ints that fit
// in 64 bits, floats) have no address; their id is (tag << 64) | payload,
// which is stable, equal exactly when `is` holds, and never collides with an
// address (it is >= 2**64).
template <LockPolicy P>
Value b_id(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "id", nargs, kw)) return Value();
  const Value& v = args[0];
  if (v.tag == Tag::Obj) return Value::integer(static_cast<int64_t>(reinterpret_cast<uintptr_t>(v.o)));
  uint64_t payload = 0;
  switch (v.tag) {
    case Tag::Bool: payload = v.b; break;
    case Tag::Int: payload = static_cast<uint64_t>(v.i); break;
    case Tag::Float: std::memcpy(&payload, &v.f, sizeof payload); break;
    default: break;
  }
  BigInt id = BigInt(static_cast<unsigned>(v.tag)) << 64;
  id |= BigInt(payload);
  return new_bigint(t, id);
}

template <LockPolicy P>
bool is_callable(Thread<P>& t, const Value& v) {
  if (v.tag != Tag::Obj) return false;
  switch (v.o->kind) {
    case Kind::Function:
    case Kind::Native:
    case Kind::BoundMethod:
    case Kind::Type:
    case Kind::StaticMethod: return true;
    case Kind::Instance:
    case Kind::Exception: return !type_lookup<P>(v.o->type, t.names().__call__).is_null();
    default: return false;
  }
}

template <LockPolicy P>
Value b_callable(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "callable", nargs, kw)) return Value();
  return Value::boolean(is_callable(t, args[0]));
}

// isinstance/issubclass against a type or a (nested) tuple of types.
// Returns 1/0, or -1 with "arg 2 must be ..." raised.
template <LockPolicy P>
int class_check(Thread<P>& t, TypeObject* tp, const Value& info, int depth, const char* err) {
  if (is_kind(info, Kind::Type)) return is_subtype<P>(tp, as_type(info));
  if (is_kind(info, Kind::Tuple) && depth < 1000) {
    TupleObject* tup = as_tuple(info);
    for (uint64_t i = 0; i < tup->size; ++i) {
      int r = class_check(t, tp, tup->items[i], depth + 1, err);
      if (r) return r;
    }
    return 0;
  }
  raise(t, t.types().TypeError, err);
  return -1;
}

template <LockPolicy P>
Value b_isinstance(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "isinstance", nargs, kw, 2, 2)) return Value();
  int r = class_check(t, type_of(t, args[0]), args[1], 0,
                      "isinstance() arg 2 must be a type, a tuple of types, or a union");
  if (r < 0) return Value();
  return Value::boolean(r);
}

template <LockPolicy P>
Value b_issubclass(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "issubclass", nargs, kw, 2, 2)) return Value();
  if (!is_kind(args[0], Kind::Type)) return raise(t, t.types().TypeError, "issubclass() arg 1 must be a class");
  int r = class_check(t, as_type(args[0]), args[1], 0,
                      "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  if (r < 0) return Value();
  return Value::boolean(r);
}

template <LockPolicy P>
StrObject* attr_name(Thread<P>& t, const Value& v) {
  if (!is_str(v)) {
    raisef(t, t.types().TypeError, "attribute name must be string, not '", type_name(t, v), "'");
    return nullptr;
  }
  return intern(t.interp, as_str(v)->view());
}

template <LockPolicy P>
Value b_getattr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "getattr", nargs, kw, 2, 3)) return Value();
  StrObject* name = attr_name(t, args[1]);
  if (!name) return Value();
  if (nargs == 2) return getattr(t, args[0], name);
  Value r = getattr_opt(t, args[0], name);
  if (!r.is_null() || !t.exc.is_null()) return r;
  return share<P>(args[2]);
}

template <LockPolicy P>
Value b_hasattr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "hasattr", nargs, kw, 2, 2)) return Value();
  StrObject* name = attr_name(t, args[1]);
  if (!name) return Value();
  Value r = getattr_opt(t, args[0], name);
  if (r.is_null()) return t.exc.is_null() ? Value::boolean(false) : Value();
  decref<P>(r);
  return Value::boolean(true);
}

template <LockPolicy P>
Value b_setattr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "setattr", nargs, kw, 3, 3)) return Value();
  StrObject* name = attr_name(t, args[1]);
  if (!name) return Value();
  if (setattr(t, args[0], name, args[2]) < 0) return Value();
  return Value::none();
}

template <LockPolicy P>
Value b_delattr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "delattr", nargs, kw, 2, 2)) return Value();
  StrObject* name = attr_name(t, args[1]);
  if (!name) return Value();
  if (setattr(t, args[0], name, Value()) < 0) return Value();
  return Value::none();
}

// ---------------------------------------------------------------- scopes

template <LockPolicy P>
Value b_globals(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "globals", nargs, kw)) return Value();
  if (!t.frame || !t.frame->globals) return raise(t, t.types().NotImplementedError, "globals() outside of a frame");
  return share<P>(Value::object(t.frame->globals));
}

// The current frame's local names and values, as a new dict (module and
// class bodies: their namespace dict itself, as in CPython).
template <LockPolicy P>
Value frame_locals(Thread<P>& t) {
  Frame* f = t.frame;
  if (!f) return raise(t, t.types().NotImplementedError, "locals() outside of a frame");
  if (f->ns) return share<P>(Value::object(f->ns));
  CodeObject* code = f->code;
  if (code->proto->flags & kCodeModule) return share<P>(Value::object(f->globals));
  Ref<P> d(new_dict(t));
  for (size_t i = 0; i < code->varnames.size() && i < f->nlocals; ++i) {
    const Value& v = f->slots[i];
    if (v.is_null() || is_kind(v, Kind::Cell)) continue;
    if (dict_set(t, as_dict(*d), Value::object(code->varnames[i]), v) < 0) return Value();
  }
  const CodeProto& pr = *code->proto;
  size_t ncell = pr.cellvars.size() + pr.freevars.size();
  for (size_t i = 0; i < ncell && i < f->ncells; ++i) {
    const Value& c = f->slots[f->nlocals + i];
    if (!is_kind(c, Kind::Cell)) continue;
    const Value& v = static_cast<CellObject*>(c.o)->contents;
    if (v.is_null()) continue;
    const std::string& nm = i < pr.cellvars.size() ? pr.cellvars[i] : pr.freevars[i - pr.cellvars.size()];
    if (dict_set(t, as_dict(*d), Value::object(intern(t.interp, nm)), v) < 0) return Value();
  }
  return d.release();
}

template <LockPolicy P>
Value b_locals(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "locals", nargs, kw)) return Value();
  return frame_locals(t);
}

template <LockPolicy P>
Value b_vars(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "vars", nargs, kw, 0, 1)) return Value();
  if (nargs == 0) return frame_locals(t);
  Value r = getattr_opt(t, args[0], t.names().__dict__);
  if (!r.is_null() || !t.exc.is_null()) return r;
  return raise(t, t.types().TypeError, "vars() argument must have __dict__ attribute");
}

template <LockPolicy P>
void dict_key_names(DictObject* d, std::vector<Value>& out) {
  for (const HashEntry& e : d->table.entries)
    if (is_str(e.key)) out.push_back(e.key);
}

template <LockPolicy P>
Value b_dir(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "dir", nargs, kw, 0, 1)) return Value();
  if (nargs == 0) {
    Value loc = frame_locals(t);
    if (loc.is_null()) return loc;
    Ref<P> keep(loc);
    Value l = to_list(t, loc);
    if (l.is_null() || !sort_values(t, as_list(l)->items, Value(), false)) {
      decref<P>(l);
      return Value();
    }
    return l;
  }
  const Value& o = args[0];
  if (has_user_type(o)) {
    Value m = type_lookup<P>(o.o->type, intern(t.interp, "__dir__"));
    if (!m.is_null() && !is_kind(m, Kind::Native)) {
      Value r = call(t, m, &o, 1);
      if (r.is_null()) return r;
      Ref<P> keep(r);
      Value l = to_list(t, r);
      if (l.is_null()) return l;
      if (!sort_values(t, as_list(l)->items, Value(), false)) {
        decref<P>(l);
        return Value();
      }
      return l;
    }
  }
  std::vector<Value> names;  // borrowed: the dicts stay alive while we copy
  TypeObject* tp = type_of(t, o);
  if (is_kind(o, Kind::Module)) dict_key_names<P>(static_cast<ModuleObject*>(o.o)->dict, names);
  else if (is_kind(o, Kind::Type)) tp = as_type(o);
  else if (has_user_type(o)) {
    // A slotted instance's `dict` is slot storage (runtime/classes.hpp): list
    // its __dict__, if any, and every slot name, set or not, as CPython does.
    auto* inst = static_cast<InstanceObject*>(o.o);
    if (DictObject* d = instance_dict(t, inst)) dict_key_names<P>(d, names);
    if (inst->type->slotted)
      for (StrObject* s : inst->type->slot_names) names.push_back(Value::object(s));
  }
  if (!is_kind(o, Kind::Module))
    for (TypeObject* m : tp->mro) dict_key_names<P>(m->dict, names);
  std::vector<Value> items;
  for (const Value& n : names) items.push_back(share<P>(n));
  if (!core::timsort(items.data(), items.size(), [](const Value& a, const Value& b) {
        return int(as_str(a)->view() < as_str(b)->view());
      })) {
    for (Value& v : items) decref<P>(v);
    return Value();
  }
  Ref<P> l(new_list(t));
  auto& out = as_list(*l)->items;
  for (Value& v : items) {
    if (!out.empty() && as_str(out.back())->view() == as_str(v)->view()) {
      decref<P>(v);
      continue;
    }
    out.push_back(v);
  }
  return l.release();
}

// ---------------------------------------------------------------- leaving

// SystemExit(*args): sys.exit(), exit() and quit().
template <LockPolicy P>
Value raise_system_exit(Thread<P>& t, const Value* args, size_t n) {
  return bi::raise_with_args(t, t.types().SystemExit, args, n);
}

template <LockPolicy P>
Value b_exit(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!bind_args(t, "exit", args, nargs, kw, {"code"}, 0, a)) return Value();
  Value code = a[0].is_null() ? Value::none() : a[0];
  return raise_system_exit(t, &code, 1);
}

template <LockPolicy P>
Value b_open(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return raise(t, t.types().NotImplementedError, "open() is not supported: lockvm scripts have no file access");
}

}  // namespace bif

template <LockPolicy P>
void register_builtin_functions(Thread<P>& t, DictObject* b) {
  using namespace bif;
  add_function(t, b, "print", b_print<P>);
  add_function(t, b, "input", b_input<P>);
  add_function(t, b, "len", b_len<P>);
  add_function(t, b, "abs", b_abs<P>);
  add_function(t, b, "round", b_round<P>);
  add_function(t, b, "divmod", b_divmod<P>);
  add_function(t, b, "pow", b_pow<P>);
  add_function(t, b, "min", b_min<P>);
  add_function(t, b, "max", b_max<P>);
  add_function(t, b, "sum", b_sum<P>);
  add_function(t, b, "sorted", b_sorted<P>);
  add_function(t, b, "reversed", b_reversed<P>);
  add_function(t, b, "enumerate", b_enumerate<P>);
  add_function(t, b, "zip", b_zip<P>);
  add_function(t, b, "map", b_map<P>);
  add_function(t, b, "filter", b_filter<P>);
  add_function(t, b, "iter", b_iter<P>);
  add_function(t, b, "next", b_next<P>);
  add_function(t, b, "any", b_any<P>);
  add_function(t, b, "all", b_all<P>);
  add_function(t, b, "isinstance", b_isinstance<P>);
  add_function(t, b, "issubclass", b_issubclass<P>);
  add_function(t, b, "hash", b_hash<P>);
  add_function(t, b, "id", b_id<P>);
  add_function(t, b, "repr", b_repr<P>);
  add_function(t, b, "ascii", b_ascii<P>);
  add_function(t, b, "chr", b_chr<P>);
  add_function(t, b, "ord", b_ord<P>);
  add_function(t, b, "hex", b_hex<P>);
  add_function(t, b, "oct", b_oct<P>);
  add_function(t, b, "bin", b_bin<P>);
  add_function(t, b, "getattr", b_getattr<P>);
  add_function(t, b, "setattr", b_setattr<P>);
  add_function(t, b, "hasattr", b_hasattr<P>);
  add_function(t, b, "delattr", b_delattr<P>);
  add_function(t, b, "callable", b_callable<P>);
  add_function(t, b, "format", b_format<P>);
  add_function(t, b, "dir", b_dir<P>);
  add_function(t, b, "vars", b_vars<P>);
  add_function(t, b, "globals", b_globals<P>);
  add_function(t, b, "locals", b_locals<P>);
  add_function(t, b, "open", b_open<P>);
  add_function(t, b, "exit", b_exit<P>);
  add_function(t, b, "quit", b_exit<P>);
}

}  // namespace lockvm::rt
