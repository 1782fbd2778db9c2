// The built-in modules math (modules_math.hpp), time and sys.
//
//   template <LockPolicy P> Value make_math_module(Thread<P>& t);
//   template <LockPolicy P> Value make_time_module(Thread<P>& t);
//   template <LockPolicy P> Value make_sys_module(Thread<P>& t);
#pragma once

#include "runtime/thread_runtime.hpp"

#include <chrono>
#include <ctime>
#include <iostream>
#include <string>
#include <thread>

#include "runtime/builtins_functions.hpp"
#include "runtime/methods_common.hpp"
#include "runtime/modules_math.hpp"

namespace lockvm::rt {

template <LockPolicy P> Value make_time_module(Thread<P>& t);
template <LockPolicy P> Value make_sys_module(Thread<P>& t);

// ==================================================================== time

namespace timem {

template <class Clock>
int64_t ns_of() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

inline int64_t process_ns() {
  timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return 0;
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

template <LockPolicy P>
Value secs(Thread<P>& t, size_t nargs, TupleObject* kw, const char* qual, int64_t ns) {
  if (!bi::arg_none(t, qual, nargs, kw)) return Value();
  return Value::number(static_cast<double>(ns) * 1e-9);
}
template <LockPolicy P>
Value nsecs(Thread<P>& t, size_t nargs, TupleObject* kw, const char* qual, int64_t ns) {
  if (!bi::arg_none(t, qual, nargs, kw)) return Value();
  return Value::integer(ns);
}

template <LockPolicy P>
Value t_time(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return secs(t, nargs, kw, "time.time", ns_of<std::chrono::system_clock>());
}
template <LockPolicy P>
Value t_time_ns(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return nsecs(t, nargs, kw, "time.time_ns", ns_of<std::chrono::system_clock>());
}
template <LockPolicy P>
Value t_perf_counter(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return secs(t, nargs, kw, "time.perf_counter", ns_of<std::chrono::steady_clock>());
}
template <LockPolicy P>
Value t_perf_counter_ns(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return nsecs(t, nargs, kw, "time.perf_counter_ns", ns_of<std::chrono::steady_clock>());
}
template <LockPolicy P>
Value t_monotonic(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return secs(t, nargs, kw, "time.monotonic", ns_of<std::chrono::steady_clock>());
}
template <LockPolicy P>
Value t_monotonic_ns(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return nsecs(t, nargs, kw, "time.monotonic_ns", ns_of<std::chrono::steady_clock>());
}
template <LockPolicy P>
Value t_process_time(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return secs(t, nargs, kw, "time.process_time", process_ns());
}
template <LockPolicy P>
Value t_process_time_ns(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  return nsecs(t, nargs, kw, "time.process_time_ns", process_ns());
}

// time.sleep(secs): a blocking call; other threads (or fibers) run meanwhile.
template <LockPolicy P>
Value t_sleep(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "time.sleep", nargs, kw)) return Value();
  double s;
  if (args[0].is_float()) {
    s = args[0].f;
    if (std::isnan(s)) return raise(t, t.types().ValueError, "Invalid value NaN (not a number)");
  } else if (is_integer_value(args[0])) {
    if (!numm::to_double_safe(t, args[0], s)) return Value();
  } else {
    Value f = has_user_type(args[0]) ? numm::float_of(t, args[0]) : Value();
    if (f.is_null()) {
      if (t.exc.is_null() || exception_matches(t, t.types().TypeError)) {
        clear_exception(t);
        return raisef(t, t.types().TypeError, "'", type_name(t, args[0]), "' object cannot be interpreted as an integer");
      }
      return Value();
    }
    s = f.f;
  }
  if (s < 0) return raise(t, t.types().ValueError, "sleep length must be non-negative");
  if (s > 9e9) return raise(t, t.types().OverflowError, "sleep length is too large");
  if (!sleep_blocking(t, s)) return raise_interrupt(t);  // runtime/thread_runtime.hpp
  return Value::none();
}

}  // namespace timem

template <LockPolicy P>
Value make_time_module(Thread<P>& t) {
  using namespace timem;
  Value mod = new_module(t, "time");
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  add_function(t, d, "time", t_time<P>);
  add_function(t, d, "time_ns", t_time_ns<P>);
  add_function(t, d, "perf_counter", t_perf_counter<P>);
  add_function(t, d, "perf_counter_ns", t_perf_counter_ns<P>);
  add_function(t, d, "monotonic", t_monotonic<P>);
  add_function(t, d, "monotonic_ns", t_monotonic_ns<P>);
  add_function(t, d, "process_time", t_process_time<P>);
  add_function(t, d, "process_time_ns", t_process_time_ns<P>);
  add_function(t, d, "sleep", t_sleep<P>);
  return mod;
}

// ==================================================================== sys

namespace sysm {

// sys.stdout / sys.stderr / sys.stdin are instances of a small built-in
// class _io.TextIOWrapper whose methods write through the interpreter's
// write_out / write_err hooks or read std::cin. Each instance's `name`
// attribute ('<stdout>', '<stderr>', '<stdin>') says which stream it is.
enum Stream { kStdin, kStdout, kStderr };

template <LockPolicy P>
bool stream_of(Thread<P>& t, const Value* args, size_t nargs, const char* meth, Stream& out) {
  if (nargs > 0 && bif::is_std_stream(args[0])) {
    {
      Value nm = dict_get_str<P>(static_cast<InstanceObject*>(args[0].o)->dict, intern(t.interp, "name"));
      std::string_view v = is_str(nm) ? as_str(nm)->view() : std::string_view("<stdout>");
      out = v == "<stdin>" ? kStdin : v == "<stderr>" ? kStderr : kStdout;
      return true;
    }
  }
  raisef(t, t.types().TypeError, "descriptor '", meth, "' requires a '_io.TextIOWrapper' object");
  return false;
}

template <LockPolicy P>
Value io_write(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "write", s) || !bi::arg_one(t, "write", nargs - 1, kw)) return Value();
  if (!is_str(args[1]))
    return raisef(t, t.types().TypeError, "write() argument must be str, not ", type_name(t, args[1]));
  if (s == kStdin) return raise(t, t.types().OSError, "not writable");
  std::string_view text = as_str(args[1])->view();
  auto& hook = s == kStderr ? t.interp.write_err : t.interp.write_out;
  if (hook) hook(text);
  else std::fwrite(text.data(), 1, text.size(), s == kStderr ? stderr : stdout);
  return Value::integer(static_cast<int64_t>(as_str(args[1])->length));
}

template <LockPolicy P>
Value io_flush(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "flush", s) || !bi::arg_none(t, "flush", nargs - 1, kw)) return Value();
  if (!t.interp.write_out) std::fflush(s == kStderr ? stderr : stdout);
  return Value::none();
}

// One line from stdin, with its newline; "" at end of input.
template <LockPolicy P>
Value read_line(Thread<P>& t) {
  std::string line;
  t.interp.lock.release();
  bool got = static_cast<bool>(std::getline(std::cin, line));
  bool newline = got && !std::cin.eof();
  t.interp.lock.acquire();
  if (newline) line += '\n';
  return new_str(t, line);
}

template <LockPolicy P>
Value io_readline(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "readline", s) || !bi::arg_range(t, "readline", nargs - 1, kw, 0, 1)) return Value();
  if (s != kStdin) return raise(t, t.types().OSError, "not readable");
  return read_line(t);
}

template <LockPolicy P>
Value io_read(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "read", s) || !bi::arg_range(t, "read", nargs - 1, kw, 0, 1)) return Value();
  if (s != kStdin) return raise(t, t.types().OSError, "not readable");
  t.interp.lock.release();
  std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  t.interp.lock.acquire();
  return new_str(t, all);
}

template <LockPolicy P>
Value io_readlines(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "readlines", s) || !bi::arg_range(t, "readlines", nargs - 1, kw, 0, 1))
    return Value();
  if (s != kStdin) return raise(t, t.types().OSError, "not readable");
  Ref<P> l(new_list(t));
  for (;;) {
    Value line = read_line(t);
    if (as_str(line)->size == 0) {
      decref<P>(line);
      return l.release();
    }
    as_list(*l)->items.push_back(line);
  }
}

template <LockPolicy P>
Value io_iter(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "__iter__", s)) return Value();
  return share<P>(args[0]);
}

template <LockPolicy P>
Value io_next(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "__next__", s)) return Value();
  if (s != kStdin) return raise(t, t.types().OSError, "not readable");
  Value line = read_line(t);
  if (as_str(line)->size == 0) {
    decref<P>(line);
    return bi::raise_with_args(t, t.types().StopIteration, nullptr, 0);
  }
  return line;
}

template <LockPolicy P>
Value io_isatty(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Stream s;
  if (!stream_of(t, args, nargs, "isatty", s)) return Value();
  return Value::boolean(false);
}

// The class and its three instances; stores them in the sys dict.
template <LockPolicy P>
void add_streams(Thread<P>& t, DictObject* sysd) {
  auto* type = new_builtin_class(t, "TextIOWrapper", "_io", Kind::Instance);
  Ref<P> tref(Value::object(type));
  add_method(t, type, "write", io_write<P>);
  add_method(t, type, "flush", io_flush<P>);
  add_method(t, type, "readline", io_readline<P>);
  add_method(t, type, "read", io_read<P>);
  add_method(t, type, "readlines", io_readlines<P>);
  add_method(t, type, "__iter__", io_iter<P>);
  add_method(t, type, "__next__", io_next<P>);
  add_method(t, type, "isatty", io_isatty<P>);
  const char* names[3][2] = {{"stdin", "<stdin>"}, {"stdout", "<stdout>"}, {"stderr", "<stderr>"}};
  for (auto& nm : names) {
    auto* inst = alloc_object<P, InstanceObject>(type, Kind::Instance);
    incref<P>(type);
    inst->dict = as_dict(new_dict(t));
    Ref<P> iref(Value::object(inst));
    Ref<P> n(new_str(t, nm[1]));
    Ref<P> enc(new_str(t, "utf-8"));
    Ref<P> mode(new_str(t, nm[0][3] == 'i' ? "r" : "w"));
    dict_set(t, inst->dict, Value::object(intern(t.interp, "name")), *n);
    dict_set(t, inst->dict, Value::object(intern(t.interp, "encoding")), *enc);
    dict_set(t, inst->dict, Value::object(intern(t.interp, "mode")), *mode);
    add_value(t, sysd, nm[0], *iref);
    std::string dunder = std::string("__") + nm[0] + "__";
    add_value(t, sysd, dunder.c_str(), *iref);
  }
}

template <LockPolicy P>
Value s_exit(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_range(t, "exit", nargs, kw, 0, 1)) return Value();
  return bif::raise_system_exit(t, args, nargs);
}

template <LockPolicy P>
Value s_getrecursionlimit(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "sys.getrecursionlimit", nargs, kw)) return Value();
  return Value::integer(t.interp.recursion_limit);
}

template <LockPolicy P>
Value s_setrecursionlimit(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "sys.setrecursionlimit", nargs, kw)) return Value();
  if (args[0].is_float()) return raise(t, t.types().TypeError, "'float' object cannot be interpreted as an integer");
  int64_t n;
  if (!to_int64(t, args[0], n)) return Value();
  if (n < 1) return raise(t, t.types().ValueError, "recursion limit must be greater or equal than 1");
  if (n > std::numeric_limits<int>::max())
    return raise(t, t.types().OverflowError, "Python int too large to convert to C int");
  if (n <= t.depth)
    return raisef(t, t.types().RecursionError, "cannot set the recursion limit to ", n, " at the recursion depth ",
                  t.depth, ": the limit is too low");
  t.interp.recursion_limit = static_cast<int>(n);
  return Value::none();
}

// sys.exc_info(): (type, value, traceback) of the exception being handled,
// or (None, None, None). t.handled is what a bare `raise` would re-raise
// (a generator's own handled exception while it runs: see gen_resume).
// lockvm has no traceback objects: the third item is value.__traceback__,
// which is None.
template <LockPolicy P>
Value s_exc_info(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "sys.exc_info", nargs, kw)) return Value();
  const Value& h = t.handled;
  if (h.is_null()) {
    Value none3[3] = {Value::none(), Value::none(), Value::none()};
    return new_tuple(t, none3, 3);
  }
  Value tb = getattr(t, h, t.names().__traceback__);
  if (tb.is_null()) return tb;
  Value items[3] = {Value::object(h.o->type), h, tb};
  Value r = new_tuple(t, items, 3);
  decref<P>(tb);
  return r;
}

template <LockPolicy P>
Value s_getswitchinterval(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "sys.getswitchinterval", nargs, kw)) return Value();
  return Value::number(t.interp.switch_interval);
}

template <LockPolicy P>
Value s_setswitchinterval(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "sys.setswitchinterval", nargs, kw)) return Value();
  double s;
  if (!mathm::num_arg(t, args[0], s)) return Value();
  if (!(s > 0)) return raise(t, t.types().ValueError, "switch interval must be strictly positive");
  t.interp.switch_interval = s;
  if constexpr (requires { t.interp.lock.set_interval(std::chrono::microseconds{}); }) {
    double us = s * 1e6;
    if (us < 1) us = 1;
    if (us > 1e15) us = 1e15;
    t.interp.lock.set_interval(std::chrono::microseconds(static_cast<int64_t>(us)));
  }
  return Value::none();
}

template <LockPolicy P>
Value s_intern(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (!bi::arg_one(t, "sys.intern", nargs, kw)) return Value();
  if (!is_str(args[0]))
    return raisef(t, t.types().TypeError, "intern() argument must be str, not ", type_name(t, args[0]));
  return Value::object(intern(t.interp, as_str(args[0])->view()));  // immortal: no incref needed
}

template <LockPolicy P>
Value s_getdefaultencoding(Thread<P>& t, const Value*, size_t nargs, TupleObject* kw) {
  if (!bi::arg_none(t, "sys.getdefaultencoding", nargs, kw)) return Value();
  return new_str(t, "utf-8");
}

template <LockPolicy P>
Value str_list(Thread<P>& t, const std::vector<std::string>& items) {
  Ref<P> l(new_list(t));
  for (const std::string& s : items) as_list(*l)->items.push_back(new_str(t, s));
  return l.release();
}

}  // namespace sysm

template <LockPolicy P>
Value make_sys_module(Thread<P>& t) {
  using namespace sysm;
  Value mod = new_module(t, "sys");
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;
  auto put = [&](const char* name, Value v) {  // takes a new reference
    add_value(t, d, name, v);
    decref<P>(v);
  };
  put("argv", str_list(t, t.interp.argv));
  put("path", str_list(t, t.interp.module_path));
  if (t.interp.modules) add_value(t, d, "modules", Value::object(t.interp.modules));
  add_function(t, d, "exit", s_exit<P>);
  add_function(t, d, "exc_info", s_exc_info<P>);
  add_function(t, d, "getrecursionlimit", s_getrecursionlimit<P>);
  add_function(t, d, "setrecursionlimit", s_setrecursionlimit<P>);
  add_function(t, d, "getswitchinterval", s_getswitchinterval<P>);
  add_function(t, d, "setswitchinterval", s_setswitchinterval<P>);
  add_function(t, d, "intern", s_intern<P>);
  add_function(t, d, "getdefaultencoding", s_getdefaultencoding<P>);
  add_value(t, d, "maxsize", Value::integer(std::numeric_limits<int64_t>::max()));
  add_value(t, d, "maxunicode", Value::integer(0x10FFFF));
  add_value(t, d, "hexversion", Value::integer(0x030B00F0));
  put("version", new_str(t, "3.11.0 (lockvm 0.1)"));
  {
    Ref<P> final_(new_str(t, "final"));
    Value vi[5] = {Value::integer(3), Value::integer(11), Value::integer(0), *final_, Value::integer(0)};
    put("version_info", new_tuple(t, vi, 5));
  }
  put("platform", new_str(t, "linux"));
  put("byteorder", new_str(t, "little"));
  put("executable", new_str(t, ""));
  put("copyright", new_str(t, "lockvm: an embeddable interpreter for a subset of Python 3"));
  add_streams(t, d);
  return mod;
}

}  // namespace lockvm::rt
