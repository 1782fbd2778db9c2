// Raising exceptions from C++ and printing tracebacks the way CPython does.
#pragma once

#include <fstream>
#include <sstream>

#include "runtime/alloc.hpp"
#include "runtime/core.hpp"
#include "runtime/unicode.hpp"

namespace lockvm::rt {

template <LockPolicy P>
Value new_exception(Thread<P>& t, TypeObject* type, Value args_tuple) {
  auto* e = alloc_object<P, ExceptionObject>(type, Kind::Exception);
  incref<P>(type);
  e->dict = as_dict(new_dict(t));
  e->args = as_tuple(args_tuple.is_null() ? share<P>(t.interp.empty_tuple) : share<P>(args_tuple));
  return Value::object(e);
}

inline ExceptionObject* as_exc(const Value& v) { return static_cast<ExceptionObject*>(v.o); }

// Makes `exc` (a new reference) the pending exception. As CPython does at
// raise time, the exception being handled becomes its __context__.
template <LockPolicy P>
void set_pending(Thread<P>& t, Value exc) {
  if (!t.handled.is_null() && is_kind(exc, Kind::Exception) && !t.handled.identical(exc)) {
    ExceptionObject* e = as_exc(exc);
    if (e->context.is_null()) {
      // Avoid a cycle: don't chain if exc is already in handled's context chain.
      bool cycle = false;
      Value c = t.handled;
      for (int guard = 0; is_kind(c, Kind::Exception) && guard < 1000; ++guard) {
        if (c.identical(exc)) { cycle = true; break; }
        c = as_exc(c)->context;
      }
      if (!cycle) e->context = share<P>(t.handled);
    }
  }
  decref<P>(t.exc);
  t.exc = exc;
}

template <LockPolicy P>
Value raise(Thread<P>& t, TypeObject* type, std::string_view msg) {
  Value s = new_str(t, msg);
  Value args = new_tuple(t, &s, 1);
  decref<P>(s);
  Value e = new_exception(t, type, args);
  decref<P>(args);
  set_pending(t, e);
  return Value();
}

namespace detail {
inline void append_part(std::string& out, std::string_view s) { out += s; }
inline void append_part(std::string& out, const char* s) { out += s; }
inline void append_part(std::string& out, const std::string& s) { out += s; }
inline void append_part(std::string& out, char c) { out += c; }
template <class N>
  requires std::is_integral_v<N>
inline void append_part(std::string& out, N n) { out += std::to_string(n); }
}  // namespace detail

template <LockPolicy P, class... A>
Value raisef(Thread<P>& t, TypeObject* type, const A&... parts) {
  std::string msg;
  (detail::append_part(msg, parts), ...);
  return raise(t, type, msg);
}

// `raise X`: X may be an exception instance or class (instantiated with no args).
template <LockPolicy P>
Value raise_value(Thread<P>& t, Value exc) {
  if (is_kind(exc, Kind::Type) && as_type(exc)->is_exception) {
    Value inst = call(t, exc, nullptr, 0);
    if (inst.is_null()) return Value();
    if (!is_kind(inst, Kind::Exception)) {
      decref<P>(inst);
      return raise(t, t.types().TypeError, "exceptions must derive from BaseException");
    }
    set_pending(t, inst);
    return Value();
  }
  if (is_kind(exc, Kind::Exception)) {
    set_pending(t, share<P>(exc));
    return Value();
  }
  return raise(t, t.types().TypeError, "exceptions must derive from BaseException");
}

template <LockPolicy P>
bool exception_matches(Thread<P>& t, TypeObject* type) {
  return !t.exc.is_null() && is_subtype<P>(t.exc.o->type, type);
}

template <LockPolicy P>
void clear_exception(Thread<P>& t) {
  decref<P>(t.exc);
  t.exc = Value();
}

// Takes the pending exception (a new reference for the caller).
template <LockPolicy P>
Value fetch_exception(Thread<P>& t) {
  Value e = t.exc;
  t.exc = Value();
  return e;
}

// The source line for a traceback, read from the file like CPython's linecache.
inline std::string source_line(std::string_view filename, int line) {
  if (filename.empty() || filename[0] == '<') return {};
  std::ifstream in{std::string(filename)};
  std::string text;
  for (int i = 1; i <= line && std::getline(in, text); ++i)
    if (i == line) {
      size_t a = text.find_first_not_of(" \t\f");
      if (a == std::string::npos) return {};
      size_t b = text.find_last_not_of(" \t\r\n\f");
      return text.substr(a, b - a + 1);
    }
  return {};
}

template <LockPolicy P>
std::string exception_last_line(Thread<P>& t, Value exc) {
  TypeObject* type = exc.o->type;
  std::string out;
  if (type->module_name && type->module_name->view() != "builtins" &&
      type->module_name->view() != "__main__") {
    out += type->module_name->view();
    out += '.';
  }
  out += type->name->view();
  // Keep the pending exception (if any) safe while str() runs user code.
  Value saved = fetch_exception(t);
  Value s = to_str(t, exc);
  if (s.is_null()) {
    clear_exception(t);
    out += ": <exception str() failed>";
  } else {
    if (as_str(s)->size) {
      out += ": ";
      out += as_str(s)->view();
    }
    decref<P>(s);
  }
  t.exc = saved;
  return out;
}

// How many chained exceptions (__cause__, __context__) a traceback shows.
inline constexpr int kMaxChainDepth = 100;

template <LockPolicy P>
void format_exception_into(Thread<P>& t, Value exc, std::string& out, int depth) {
  if (!is_kind(exc, Kind::Exception)) return;
  ExceptionObject* e = as_exc(exc);
  if (depth < kMaxChainDepth) {
    if (!e->cause.is_null() && !e->cause.is_none()) {
      format_exception_into(t, e->cause, out, depth + 1);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (!e->context.is_null() && !e->context.is_none() && !e->suppress_context) {
      format_exception_into(t, e->context, out, depth + 1);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
  }
  if (!e->traceback.empty()) {
    out += "Traceback (most recent call last):\n";
    // Frames append themselves as the exception leaves them (innermost
    // first); the traceback reads outermost first. Like CPython, a line
    // repeated more than three times in a row is summarized.
    const TraceEntry* prev = nullptr;
    int repeats = 0;
    auto flush_repeats = [&]() {
      if (repeats > 3) {
        out += "  [Previous line repeated " + std::to_string(repeats - 3) + " more time";
        out += repeats - 3 == 1 ? "]\n" : "s]\n";
      }
    };
    for (auto it = e->traceback.rbegin(); it != e->traceback.rend(); ++it) {
      const TraceEntry& te = *it;
      if (prev && prev->code == te.code && prev->line == te.line) {
        if (++repeats > 3) continue;
      } else {
        flush_repeats();
        repeats = 1;
      }
      prev = &te;
      out += "  File \"";
      out += te.code->filename->view();
      out += "\", line ";
      out += std::to_string(te.line);
      out += ", in ";
      out += te.code->name->view();
      out += '\n';
      std::string src = source_line(te.code->filename->view(), te.line);
      if (!src.empty()) {
        out += "    ";
        out += src;
        out += '\n';
      }
    }
    flush_repeats();
  }
  // A SyntaxError shows where: file, line, the text and a caret.
  if (is_subtype<P>(e->type, t.types().SyntaxError)) {
    auto field = [&](const char* name) { return dict_get_str<P>(e->dict, intern(t.interp, name)); };
    Value file = field("filename"), line = field("lineno"), text = field("text"), offset = field("offset");
    if (is_str(file) && line.is_int()) {
      out += "  File \"";
      out += as_str(file)->view();
      out += "\", line " + std::to_string(line.i) + "\n";
      if (is_str(text) && as_str(text)->size) {
        std::string_view src = as_str(text)->view();
        size_t lead = src.find_first_not_of(" \t\f");
        if (lead == std::string_view::npos) lead = src.size();
        std::string_view shown = src.substr(lead);
        while (!shown.empty() && (shown.back() == '\n' || shown.back() == '\r')) shown.remove_suffix(1);
        out += "    ";
        out += shown;
        out += '\n';
        if (offset.is_int() && offset.i >= 1) {
          int64_t col = offset.i - 1 - static_cast<int64_t>(unicode::count_code_points(src.substr(0, lead)));
          if (col < 0) col = 0;
          out += "    ";
          out.append(static_cast<size_t>(col), ' ');
          out += "^\n";
        }
      }
    }
  }
  out += exception_last_line(t, exc);
  out += '\n';
}

template <LockPolicy P>
std::string format_exception(Thread<P>& t, Value exc) {
  std::string out;
  format_exception_into(t, exc, out, 0);
  return out;
}

// CPython's "unraisable" report (sys.unraisablehook's default) for the
// pending exception, which it clears: raised where nobody can catch it, in a
// thread's last call or a dying generator's close(). Writes
// "Exception ignored in: <repr of obj>" (after `prefix`) and the traceback,
// without the chained exceptions (the default hook prints none).
template <LockPolicy P>
void write_unraisable(Thread<P>& t, std::string_view prefix, const Value& obj) {
  Value exc = fetch_exception(t);
  std::string text(prefix);
  Value rep = repr(t, obj);
  if (rep.is_null()) {
    clear_exception(t);
    text += "<object repr() failed>";
  } else {
    text += as_str(rep)->view();
    decref<P>(rep);
  }
  text += "\n";
  format_exception_into(t, exc, text, kMaxChainDepth);
  decref<P>(exc);
  if (t.interp.write_err) t.interp.write_err(text);
}

}  // namespace lockvm::rt
