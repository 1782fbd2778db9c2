// Session<P>: one interpreter of policy P driven by the command line or REPL.
#pragma once

#include "runtime/bootstrap.hpp"
#include "runtime/session.hpp"

namespace lockvm {

template <LockPolicy P>
class SessionImpl final : public Session {
 public:
  explicit SessionImpl(const SessionOptions& opts) : in_(std::make_unique<Interp<P>>()) {
    in_->argv = opts.argv;
    in_->module_path = opts.module_path;
    in_->write_out = opts.write_out;
    in_->write_err = opts.write_err;
    if constexpr (requires { P::count_owner_updates(true); }) P::count_owner_updates(opts.count_owner_updates);
    if constexpr (requires { P::thread_start(&in_->eval_breaker, kBreakMerge); })
      P::thread_start(&in_->eval_breaker, kBreakMerge);  // biased RC: objects queued to this thread
    t_ = std::make_unique<Thread<P>>(*in_);
    t_->is_main = true;
    t_->ident = P::Threads::current_id();
    rt::bootstrap(*t_);
    Value mod = rt::new_module(*t_, "__main__");
    main_ = static_cast<ModuleObject*>(mod.o);
    Value b = rt::new_str(*t_, "builtins");
    rt::dict_set(*t_, main_->dict, Value::object(t_->names().__builtins__), b);
    decref<P>(b);
    rt::dict_set(*t_, in_->modules, Value::object(t_->names().__main__), mod);
  }

  ~SessionImpl() override { shutdown(); }

  int join_threads(int status) override {
    Thread<P>& t = *t_;
    // CPython's exit: threading._shutdown() waits for the non-daemon
    // threads, then the sub-interpreters still open are closed, then
    // multiprocessing's exit handler joins the non-daemonic child processes
    // and terminates the daemonic ones (no zombies, no orphans).
    if (!call_exit_hook(t, "threading", "_shutdown", status)) return status ? status : 1;
    rt::wait_for_thread_exits(t);
    rt::close_all_interpreters(t);
    if (!call_exit_hook(t, "multiprocessing", "_exit_function", status)) return status ? status : 1;
    return status;
  }

  std::vector<Counter> counters() const override {
    std::vector<Counter> out;
    out.push_back({"threads_started", in_->threads.started(), "script threads started"});
    if constexpr (requires { in_->lock.stats(); }) {
      auto g = in_->lock.stats();
      out.push_back({"gil_acquisitions", g.acquisitions, "GIL acquisitions"});
      out.push_back({"gil_waits", g.waits, "GIL acquisitions that had to wait"});
      out.push_back({"gil_wait_us", g.wait_ns / 1000, "microseconds spent waiting for the GIL"});
      out.push_back({"gil_drop_requests", g.drop_requests, "drop requests (a waiter timed out)"});
      out.push_back({"gil_forced_switches", g.forced_switches, "forced hand-offs of the GIL"});
    }
    if constexpr (requires { in_->lock.pause_stats(); }) {
      auto w = in_->lock.pause_stats();
      out.push_back({"world_stops", w.pauses, "stop-the-world pauses (cycle collections, fork)"});
      out.push_back({"world_stop_wait_us", w.wait_ns / 1000, "microseconds spent stopping the other threads"});
    }
    if constexpr (P::Threads::kFibers)
      out.push_back({"fiber_switches", in_->threads.fiber_switches, "fiber switches at the switch interval"});
    PolicyStats ps = PolicyStatsRegistry::total();
#define LOCKVM_COUNTER(name, text) \
    if (ps.name) out.push_back({#name, ps.name, text});
    LOCKVM_POLICY_COUNTERS(LOCKVM_COUNTER)
#undef LOCKVM_COUNTER
    return out;
  }

  int running_threads() const override { return in_ ? in_->threads.running() : 0; }

  void shutdown() override {
    if (!t_) return;
    if (in_->threads.running() > 0) return;  // daemon threads still use the objects
    decref<P>(Value::object(main_));
    rt::teardown(*t_);
    t_.reset();
    in_->lock.release();
    in_.reset();
    LiveObjects::flush();
  }

  const char* policy_name() const override { return P::kName; }

  void interrupt() override { in_->eval_breaker.fetch_or(kBreakInterrupt, std::memory_order_relaxed); }

  int run_main(std::string_view source, std::string_view filename) override {
    Thread<P>& t = *t_;
    Value file = rt::new_str(t, filename);
    rt::dict_set(t, main_->dict, Value::object(t.names().__file__), file);
    decref<P>(file);
    Value code = rt::compile_source(t, source, filename, CompileMode::Exec);
    if (code.is_null()) return report(t);
    Value r = rt::run_code(t, static_cast<CodeObject*>(code.o), main_->dict, nullptr);
    decref<P>(code);
    if (r.is_null()) return report(t);
    decref<P>(r);
    return 0;
  }

  FeedResult feed(std::string_view source, int& exit_code) override {
    Thread<P>& t = *t_;
    in_->eval_breaker.fetch_and(~kBreakInterrupt, std::memory_order_relaxed);
    Value code;
    try {
      ast::Module m = parse(source, "<stdin>", ParseMode::Interactive);
      auto proto = compile(m, "<stdin>", CompileMode::Interactive);
      code = rt::code_from_proto(t, proto);
    } catch (const SyntaxError& e) {
      if (e.incomplete) return FeedResult::Incomplete;
      rt::raise_syntax_error(t, e);
    }
    if (!code.is_null()) {
      Value r = rt::run_code(t, static_cast<CodeObject*>(code.o), main_->dict, nullptr);
      decref<P>(code);
      if (!r.is_null()) {
        decref<P>(r);
        return FeedResult::Done;
      }
    }
    if (rt::exception_matches(t, t.types().SystemExit)) {
      exit_code = report(t);
      return FeedResult::Exit;
    }
    report(t);
    return FeedResult::Error;
  }

 private:
  // Calls module.fn() if the program imported the module; false if it raised
  // (the traceback is printed).
  bool call_exit_hook(Thread<P>& t, const char* module, const char* fn_name, int) {
    Value mod = rt::dict_get_str<P>(in_->modules, rt::intern(*in_, module));
    if (mod.is_null() || !rt::is_kind(mod, Kind::Module)) return true;
    Value fn = rt::dict_get_str<P>(static_cast<ModuleObject*>(mod.o)->dict, rt::intern(*in_, fn_name));
    if (fn.is_null()) return true;
    Ref<P> keep(share<P>(fn));
    Value r = rt::call(t, fn, nullptr, 0);
    if (r.is_null()) {
      report(t);
      return false;
    }
    decref<P>(r);
    return true;
  }

  // Prints the pending exception like CPython's top level and returns the exit status.
  int report(Thread<P>& t) {
    Value exc = rt::fetch_exception(t);
    Ref<P> keep(exc);
    if (rt::is_subtype<P>(exc.o->type, t.types().SystemExit)) {
      TupleObject* args = rt::as_exc(exc)->args;
      if (args->size == 0 || args->items[0].is_none()) return 0;
      Value code = args->items[0];
      if (code.is_int()) return static_cast<int>(code.i);
      if (code.is_bool()) return code.b;
      Value s = rt::to_str(t, code);
      if (!s.is_null()) {
        std::string line(rt::as_str(s)->view());
        line += '\n';
        if (in_->write_err) in_->write_err(line);
        decref<P>(s);
      } else {
        rt::clear_exception(t);
      }
      return 1;
    }
    std::string text = rt::format_exception(t, exc);
    if (in_->write_err) in_->write_err(text);
    if (rt::is_subtype<P>(exc.o->type, t.types().KeyboardInterrupt)) return 130;
    return 1;
  }

  std::unique_ptr<Interp<P>> in_;
  std::unique_ptr<Thread<P>> t_;
  ModuleObject* main_ = nullptr;
};

template <class P>
std::unique_ptr<Session> make_session(const SessionOptions& opts) {
  return std::make_unique<SessionImpl<P>>(opts);
}

}  // namespace lockvm
