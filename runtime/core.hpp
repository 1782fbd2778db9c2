// The runtime's internal API: every operation on Python values that the eval
// loop, the builtins and the modules share. Declared here, defined in the
// runtime/*.hpp file named beside each group, all templates on the policy.
//
// Conventions (CPython's, because they keep error paths cheap):
//   * Functions returning Value return a NEW reference, or Null with an
//     exception set in the thread (t.exc).
//   * Functions returning int return -1 on error, else 0/1 (false/true).
//   * Value arguments are BORROWED.
//   * iter_next returns Null with no exception set when the iterator is done.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/interp.hpp"
#include "vm/relaxed_atomic.hpp"

namespace lockvm::rt {

// Hashes are computed on first use and cached in the (immutable, possibly
// shared) object: a relaxed atomic, since two threads may race to store the
// same number.
inline int64_t cached_hash(const int64_t& field) {
  return relaxed_load(field);
}
inline void cache_hash(int64_t& field, int64_t h) {
  relaxed_store(field, h);
}


// ---- objects (alloc.hpp) ------------------------------------------------------
template <LockPolicy P> Value new_str(Thread<P>& t, std::string_view utf8);
template <LockPolicy P> Value new_bytes(Thread<P>& t, std::string_view data);
template <LockPolicy P> StrObject* intern(Interp<P>& in, std::string_view utf8);  // borrowed, immortal
template <LockPolicy P> Value new_bigint(Thread<P>& t, BigInt v);  // normalized to int64 when it fits
template <LockPolicy P> TupleObject* alloc_tuple(Thread<P>& t, size_t n);  // items are None; fill them
template <LockPolicy P> Value new_tuple(Thread<P>& t, const Value* items, size_t n);  // borrows items
template <LockPolicy P> Value new_list(Thread<P>& t, const Value* items = nullptr, size_t n = 0);
template <LockPolicy P> Value new_dict(Thread<P>& t);
template <LockPolicy P> Value new_set(Thread<P>& t, bool frozen = false);
template <LockPolicy P> Value new_range(Thread<P>& t, int64_t start, int64_t stop, int64_t step);
template <LockPolicy P> Value new_slice(Thread<P>& t, Value start, Value stop, Value step);
template <LockPolicy P> Value new_cell(Thread<P>& t, Value contents);
template <LockPolicy P> Value new_bound_method(Thread<P>& t, Value func, Value self);
template <LockPolicy P> Value new_native(Thread<P>& t, const char* name, NativeFn<P> fn, Value self = Value());
template <LockPolicy P> Value new_iterator(Thread<P>& t, IterKind kind, Value seq, Value aux = Value(),
                                           int64_t index = 0, int64_t n1 = 0, int64_t n2 = 0);
template <LockPolicy P> Value new_module(Thread<P>& t, std::string_view name);

// ---- errors (errors.hpp) -------------------------------------------------------
// Sets t.exc to type(msg) and returns Null, so `return raise(...)` reads well.
template <LockPolicy P> Value raise(Thread<P>& t, TypeObject* type, std::string_view msg);
template <LockPolicy P, class... A> Value raisef(Thread<P>& t, TypeObject* type, const A&... parts);
template <LockPolicy P> Value raise_value(Thread<P>& t, Value exc);  // exc: instance or class
template <LockPolicy P> bool exception_matches(Thread<P>& t, TypeObject* type);  // pending exc isinstance?
template <LockPolicy P> void clear_exception(Thread<P>& t);
template <LockPolicy P> Value new_exception(Thread<P>& t, TypeObject* type, Value args_tuple);
template <LockPolicy P> std::string format_exception(Thread<P>& t, Value exc);  // the full traceback text
template <LockPolicy P> void write_unraisable(Thread<P>& t, std::string_view prefix, const Value& obj);  // "Exception ignored in"
template <LockPolicy P> std::string exception_last_line(Thread<P>& t, Value exc);  // "ValueError: boom"

// ---- type queries (protocol.hpp) ----------------------------------------------
template <LockPolicy P> TypeObject* type_of(Thread<P>& t, const Value& v);
template <LockPolicy P> std::string_view type_name(Thread<P>& t, const Value& v);
template <LockPolicy P> bool is_subtype(TypeObject* a, TypeObject* b);
template <LockPolicy P> bool isinstance(Thread<P>& t, const Value& v, TypeObject* type);
[[gnu::always_inline]] inline bool is_kind(const Value& v, Kind k) { return v.tag == Tag::Obj && v.o->kind == k; }
[[gnu::always_inline]] inline bool is_str(const Value& v) { return is_kind(v, Kind::Str); }
inline StrObject* as_str(const Value& v) { return static_cast<StrObject*>(v.o); }
inline TupleObject* as_tuple(const Value& v) { return static_cast<TupleObject*>(v.o); }
inline ListObject* as_list(const Value& v) { return static_cast<ListObject*>(v.o); }
inline DictObject* as_dict(const Value& v) { return static_cast<DictObject*>(v.o); }
inline SetObject* as_set(const Value& v) { return static_cast<SetObject*>(v.o); }
inline TypeObject* as_type(const Value& v) { return static_cast<TypeObject*>(v.o); }
inline BigIntObject* as_bigint(const Value& v) { return static_cast<BigIntObject*>(v.o); }

// ---- the object protocol (protocol.hpp) ---------------------------------------
template <LockPolicy P> Value repr(Thread<P>& t, const Value& v);      // a str
template <LockPolicy P> Value to_str(Thread<P>& t, const Value& v);    // str(v)
template <LockPolicy P> int truthy(Thread<P>& t, const Value& v);
template <LockPolicy P> bool hash(Thread<P>& t, const Value& v, int64_t& out);
template <LockPolicy P> int equal(Thread<P>& t, const Value& a, const Value& b);  // a == b
// op: 0 ==, 1 !=, 2 <, 3 <=, 4 >, 5 >= (the COMPARE_* order)
// forward_done: a is an instance whose rich comparison method the eval loop
// has run and got NotImplemented from (inline_compare).
template <LockPolicy P>
Value compare(Thread<P>& t, const Value& a, const Value& b, int op, bool forward_done = false);
template <LockPolicy P> int compare_bool(Thread<P>& t, const Value& a, const Value& b, int op);
// op: ast::BinOpKind order; inplace selects __iadd__ & co.
// forward_done: a is an instance whose a.__op__(b) the eval loop has run and
// got NotImplemented from (inline_binop; for an in-place operator, a's class
// had no __iop__); what binary_op would do next.
template <LockPolicy P>
Value binary_op(Thread<P>& t, int op, const Value& a, const Value& b, bool inplace = false, bool forward_done = false);
template <LockPolicy P> Value unary_op(Thread<P>& t, int op, const Value& v);  // 0 -, 1 +, 3 ~
template <LockPolicy P> int contains(Thread<P>& t, const Value& container, const Value& item);
template <LockPolicy P> Value getattr(Thread<P>& t, const Value& obj, StrObject* name);
template <LockPolicy P> Value getattr_opt(Thread<P>& t, const Value& obj, StrObject* name);  // Null, no exc, if missing
template <LockPolicy P> int setattr(Thread<P>& t, const Value& obj, StrObject* name, const Value& v);  // v Null: delete
template <LockPolicy P> Value getitem(Thread<P>& t, const Value& obj, const Value& key);
template <LockPolicy P> int setitem(Thread<P>& t, const Value& obj, const Value& key, const Value& v);
template <LockPolicy P> int delitem(Thread<P>& t, const Value& obj, const Value& key);
template <LockPolicy P> int64_t length(Thread<P>& t, const Value& v);  // -1 on error
template <LockPolicy P> Value get_iter(Thread<P>& t, const Value& v);
template <LockPolicy P> Value iter_next(Thread<P>& t, const Value& it);  // Null w/o exc: exhausted
// Calls f(*args[0:nargs], **dict(zip(kwnames, args[nargs:]))).
template <LockPolicy P> Value call(Thread<P>& t, const Value& f, const Value* args, size_t nargs,
                                  TupleObject* kwnames = nullptr);
// f(*args, **kwargs); kwargs may be null (vm/eval.hpp).
template <LockPolicy P> Value call_tuple_dict(Thread<P>& t, const Value& f, TupleObject* args, DictObject* kwargs);
template <LockPolicy P> Value call_method(Thread<P>& t, const Value& obj, StrObject* name,
                                         const Value* args, size_t nargs);
// Looks a name up along type's MRO; borrowed, Null if absent.
template <LockPolicy P> Value type_lookup(TypeObject* type, StrObject* name);
template <LockPolicy P> Value format(Thread<P>& t, const Value& v, std::string_view spec);
// Collects any iterable into a new list (fast for list/tuple).
template <LockPolicy P> Value to_list(Thread<P>& t, const Value& iterable);
template <LockPolicy P> Value to_tuple(Thread<P>& t, const Value& iterable);

// ---- numbers (numbers.hpp) -------------------------------------------------------
// int(x) conversion helpers: true on success; false with exception set.
template <LockPolicy P> bool to_int64(Thread<P>& t, const Value& v, int64_t& out);  // int/bool/bigint-in-range
template <LockPolicy P> bool to_double(Thread<P>& t, const Value& v, double& out);  // int/float/bool
template <LockPolicy P> Value parse_int(Thread<P>& t, std::string_view text, int base);
bool is_integer_value(const Value& v);  // int, bool or bigint
BigInt to_bigint(const Value& v);       // v: int, bool or bigint
std::string float_repr(double d);       // Python's repr(float)

// ---- str helpers (strings.hpp) ------------------------------------------------------
template <LockPolicy P> Value str_concat(Thread<P>& t, StrObject* a, StrObject* b);
std::string str_repr_text(std::string_view utf8);  // 'text' with Python's quoting rules

// ---- formatting (format_spec.hpp) ----------------------------------------------------
// format(v, spec) for int, bool, float, str (the format-spec mini-language).
template <LockPolicy P> Value format_builtin(Thread<P>& t, const Value& v, std::string_view spec);
// fmt % args (printf-style formatting).
template <LockPolicy P> Value str_percent(Thread<P>& t, StrObject* fmt, const Value& args);

// ---- hash tables (hashtable.hpp) ---------------------------------------------------------
// Dict operations; lookups return borrowed Values (Null = absent; check t.exc for errors).
template <LockPolicy P> Value dict_get(Thread<P>& t, DictObject* d, const Value& key);
template <LockPolicy P> Value dict_get_str(DictObject* d, StrObject* interned_key);  // no errors possible
// The same as new references, read under the dict's lock (dicts threads share).
template <LockPolicy P> Value dict_get_ref(Thread<P>& t, DictObject* d, const Value& key);
template <LockPolicy P> Value dict_get_str_ref(DictObject* d, StrObject* interned_key);
template <LockPolicy P> int dict_set(Thread<P>& t, DictObject* d, const Value& key, const Value& v);
template <LockPolicy P> int dict_del(Thread<P>& t, DictObject* d, const Value& key);  // 0 missing (no exc), 1 done
template <LockPolicy P> int set_add(Thread<P>& t, SetObject* s, const Value& key);
template <LockPolicy P> int set_contains(Thread<P>& t, SetObject* s, const Value& key);
template <LockPolicy P> int set_discard(Thread<P>& t, SetObject* s, const Value& key);  // 1 removed, 0 absent

// ---- calls and frames (vm/eval.hpp) ------------------------------------------------------
template <LockPolicy P> Value call_function(Thread<P>& t, FunctionObject* f, const Value* args, size_t nargs,
                                           TupleObject* kwnames);
// Resumes a generator with `sent` (or throws `exc` into it when exc is not
// Null). Returns the yielded value; Null with no exception when it returned
// (its return value is then stored in *returned if given).
template <LockPolicy P> Value gen_resume(Thread<P>& t, GeneratorObject* g, const Value& sent, Value exc,
                                        Value* returned = nullptr);
// A call's arguments (positional, then keyword values) copied behind one
// slot for what goes in front: a bound self, the class for __new__, the
// instance for __init__. On the C++ stack for the usual few, on the heap
// beyond. The copies are borrowed, as the arguments were.
class ArgsWithFirst {
 public:
  ArgsWithFirst(const Value* args, size_t nargs, TupleObject* kwnames) {
    size_t total = nargs + (kwnames ? kwnames->size : 0);
    if (total + 1 > std::size(small_)) {
      big_.resize(total + 1);
      buf_ = big_.data();
    }
    for (size_t i = 0; i < total; ++i) buf_[i + 1] = args[i];
  }
  ArgsWithFirst(const ArgsWithFirst&) = delete;  // buf_ may point into small_
  ArgsWithFirst& operator=(const ArgsWithFirst&) = delete;
  // Puts `v` in front and returns the whole argument array.
  Value* with_first(const Value& v) {
    buf_[0] = v;
    return buf_;
  }

 private:
  Value small_[8];
  std::vector<Value> big_;
  Value* buf_ = small_;
};
// ---- classes (classes.hpp) ------------------------------------------------------------------
template <LockPolicy P> Value construct(Thread<P>& t, TypeObject* type, const Value* args, size_t nargs,
                                       TupleObject* kwnames);
template <LockPolicy P> Value instance_getattr(Thread<P>& t, const Value& obj, StrObject* name, bool must);
template <LockPolicy P> Value type_getattr(Thread<P>& t, TypeObject* type, StrObject* name, bool must);
template <LockPolicy P> int instance_setattr(Thread<P>& t, const Value& obj, StrObject* name, const Value& v);
template <LockPolicy P> int type_setattr(Thread<P>& t, TypeObject* type, StrObject* name, const Value& v);
// Calls type(obj).<name>(obj, *args) if the type defines it; Null without exception if it does not.
template <LockPolicy P> Value call_dunder(Thread<P>& t, const Value& obj, StrObject* name, const Value* args,
                                         size_t nargs, bool& found);
// ---- repr (repr.hpp) ---------------------------------------------------------------------------
template <LockPolicy P> bool repr_into(Thread<P>& t, const Value& v, std::string& out);
template <LockPolicy P> bool str_into(Thread<P>& t, const Value& v, std::string& out);
template <LockPolicy P> Value run_code(Thread<P>& t, CodeObject* code, DictObject* globals, DictObject* ns);
template <LockPolicy P> Value code_from_proto(Thread<P>& t, const std::shared_ptr<const CodeProto>& proto);

}  // namespace lockvm::rt
