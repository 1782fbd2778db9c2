// Engine<P> (runtime/embed_impl.hpp): host functions, modules and classes.
//
// A host function is a NativeObject whose `host` field points at its
// HostBinding (owned by the engine, so it outlives every script reference);
// generic_call (vm/eval.hpp) calls such natives through host_trampoline,
// which binds keywords and defaults, converts C++ exceptions to script ones
// and keeps the interpreter usable afterwards.
#pragma once

namespace lockvm::rt::embedding {

// The script exception for a C++ exception thrown by a host function.
template <LockPolicy P>
void raise_host_exception(Thread<P>& t, Engine<P>* engine, const std::string& fname) {
  try {
    throw;
  } catch (const ED::ConversionError& e) {
    raisef(t, t.types().TypeError, fname, "() ", e.what());
  } catch (const E::Error& e) {
    // A script exception passing through (the host called back into the
    // script): the same exception object goes on. A host-side error raises
    // the built-in exception it names.
    const E::Value& exc = e.exception();
    if (exc.is_object() && exc.core().get() == engine) {
      set_pending(t, share<P>(from_raw(exc.raw())));
      return;
    }
    Value type = dict_get_str<P>(t.interp.builtins, intern(t.interp, e.type_name()));
    TypeObject* tp = is_kind(type, Kind::Type) && as_type(type)->is_exception ? as_type(type) : t.types().RuntimeError;
    raise(t, tp, e.message());
  } catch (const std::bad_alloc&) {
    raise(t, t.types().MemoryError, "out of memory in a host function");
  } catch (const std::exception& e) {
    raise(t, t.types().RuntimeError, e.what());
  } catch (...) {
    raisef(t, t.types().RuntimeError, fname, "(): unknown C++ exception");
  }
}

template <LockPolicy P>
Value host_trampoline(Thread<P>& t, NativeObject* self, const Value* args, size_t nargs, TupleObject* kw) {
  auto* b = static_cast<HostBinding<P>*>(self->host);
  size_t n = b->names.size();
  Value small[8];
  std::vector<Value> big;
  Value* out = small;
  if (n > 8) {
    big.resize(n);
    out = big.data();
  }
  const char* fname = b->fn.name.c_str();
  if (!bind_args(t, fname, args, nargs, kw, std::span<const char* const>(b->names), 0, out)) return Value();
  std::vector<ED::Raw> raws(n);
  for (size_t i = 0; i < n; ++i) {
    if (out[i].is_null()) out[i] = b->defaults[i];
    if (out[i].is_null())
      return raisef(t, t.types().TypeError, fname, "() missing required argument '", b->names[i], "' (pos ", i + 1, ")");
    raws[i] = to_raw(out[i]);
  }
  // Spans the catch too: what it drops (an Error's exception Value) goes
  // through the engine on this very thread.
  typename Engine<P>::InHostFunction inside(*b->engine, t);
  try {
    E::Value r = b->fn.invoke(*b->engine, raws.data());
    if (r.is_object() && r.core().get() != b->engine)
      return raisef(t, t.types().ValueError, fname, "() returned a value of another interpreter");
    return share<P>(from_raw(r.raw()));
  } catch (...) {
    raise_host_exception(t, b->engine, b->fn.name);
    return Value();
  }
}

template <LockPolicy P>
Value Engine<P>::new_host_native(Thread<P>& t, ED::HostFunction fn) {
  auto b = std::make_unique<HostBinding<P>>();
  b->engine = this;
  for (auto& d : fn.defaults) b->defaults.push_back(d ? share<P>(in(*d)) : Value());
  fn.defaults.clear();  // host-side Values would keep the engine alive from inside it
  b->fn = std::move(fn);
  for (const std::string& p : b->fn.params) b->names.push_back(p.c_str());
  Value f = new_native<P>(t, b->fn.name.c_str(), nullptr, Value());
  auto* n = static_cast<NativeObject*>(f.o);
  n->fn = reinterpret_cast<ErasedFn>(&host_trampoline<P>);
  n->host = b.get();
  std::lock_guard lk(bindings_mu_);  // host threads may bind functions at once
  bindings_.push_back(std::move(b));
  return f;
}

template <LockPolicy P>
DictObject* Engine<P>::target_dict(const E::Value* target) {
  if (!target) return main_->dict;
  Value m = in(*target);
  if (!is_kind(m, Kind::Module)) throw E::Error("TypeError", "lockvm: definitions go into a module");
  return static_cast<ModuleObject*>(m.o)->dict;
}

template <LockPolicy P>
void Engine<P>::define(const E::Value* target, ED::HostFunction fn) {
  Entry en(*this);
  Thread<P>& t = en.t();
  DictObject* d = target_dict(target);
  std::string name = fn.name;
  Ref<P> f(new_host_native(t, std::move(fn)));
  rt::dict_set(t, d, Value::object(intern(*in_, name)), *f);
}

template <LockPolicy P>
E::Value Engine<P>::module(std::string_view name) {
  Entry en(*this);
  Thread<P>& t = en.t();
  StrObject* key = intern(*in_, name);
  Value m = dict_get_str_ref<P>(in_->modules, key);
  if (is_kind(m, Kind::Module)) return own(m);
  lockvm::decref<P>(m);
  // Made once even if two host threads ask for it at the same time.
  Exclusive pause(in_->lock);
  m = dict_get_str_ref<P>(in_->modules, key);
  if (is_kind(m, Kind::Module)) return own(m);
  lockvm::decref<P>(m);
  Value mod = rt::new_module(t, name);
  rt::dict_set(t, in_->modules, Value::object(key), mod);  // importable: `import name` finds it in sys.modules
  return own(mod);
}

template <LockPolicy P>
E::Value Engine<P>::new_class(const E::Value* target, std::string_view name, const void* key) {
  Entry en(*this);
  Thread<P>& t = en.t();
  DictObject* d = target_dict(target);
  std::string module = target ? std::string(static_cast<ModuleObject*>(in(*target).o)->name->view()) : "__main__";
  TypeObject* type;
  {
    // wrap() and unwrap() read classes_ without a lock: it changes with the
    // other threads stopped.
    Exclusive pause(in_->lock);
    if (classes_.count(key)) throw E::Error("TypeError", "lockvm: this C++ class is bound already");
    type = new_builtin_class(t, std::string(name).c_str(), module.c_str(), Kind::HostData);
    // Immortal like the built-in types: instances borrow their type, and
    // teardown frees the type after the last instance.
    P::make_immortal(Heap<P>::header(type));
    type->flags |= kObjImmortal;
    in_->immortals.push_back(type);
    classes_[key] = type;
  }
  rt::dict_set(t, d, Value::object(intern(*in_, name)), Value::object(type));
  return own(Value::object(type));  // immortal: the reference costs nothing
}

template <LockPolicy P>
TypeObject* Engine<P>::class_of(const E::Value& cls) {
  Value v = in(cls);
  if (!is_kind(v, Kind::Type)) throw E::Error("TypeError", "lockvm: not a class");
  return as_type(v);
}

template <LockPolicy P>
void Engine<P>::class_init(const E::Value& cls, ED::HostFunction fn) {
  Entry en(*this);
  Ref<P> f(new_host_native(en.t(), std::move(fn)));
  rt::dict_set(en.t(), class_of(cls)->dict, Value::object(en.t().names().__new__), *f);
}

template <LockPolicy P>
void Engine<P>::class_method(const E::Value& cls, ED::HostFunction fn) {
  Entry en(*this);
  std::string name = fn.name;
  Ref<P> f(new_host_native(en.t(), std::move(fn)));  // `self` null: bound to the instance like a method
  rt::dict_set(en.t(), class_of(cls)->dict, Value::object(intern(*in_, name)), *f);
}

template <LockPolicy P>
void Engine<P>::class_property(const E::Value& cls, std::string_view name, ED::HostFunction get, ED::HostFunction* set) {
  Entry en(*this);
  Thread<P>& t = en.t();
  Value args[2];
  Ref<P> g(new_host_native(t, std::move(get)));
  Ref<P> s(set ? new_host_native(t, std::move(*set)) : Value::none());
  args[0] = *g;
  args[1] = *s;
  Ref<P> prop(rt::call(t, Value::object(t.types().property), args, 2, nullptr));
  if (prop.is_null()) throw_pending(t);
  rt::dict_set(t, class_of(cls)->dict, Value::object(intern(*in_, name)), *prop);
}

template <LockPolicy P>
E::Value Engine<P>::wrap(const void* key, void* ptr, void (*destroy)(void*)) {
  Entry en(*this);  // classes_ changes only with this thread stopped or outside (new_class)
  auto it = classes_.find(key);
  if (it == classes_.end()) {
    destroy(ptr);
    throw ED::ConversionError("returned an object of a C++ class that is not bound (class_<T>)");
  }
  auto* h = alloc_object<P, HostDataObject>(it->second, Kind::HostData);
  h->ptr = ptr;
  h->destroy = destroy;
  return own(Value::object(h));
}

template <LockPolicy P>
void* Engine<P>::unwrap(ED::Raw r, const void* key) {
  Value v = from_raw(r);
  Entry en(*this);
  auto it = classes_.find(key);
  if (it == classes_.end() || !is_kind(v, Kind::HostData)) return nullptr;
  for (TypeObject* m : v.o->type->mro)
    if (m == it->second) return static_cast<HostDataObject*>(v.o)->ptr;
  return nullptr;
}

template <class P>
std::shared_ptr<ED::Core> make_engine(const E::Options& opts) {
  auto e = std::make_shared<Engine<P>>(opts);
  e->link_creator();  // the creating thread's exit now reaches the engine too
  return e;
}

}  // namespace lockvm::rt::embedding

namespace lockvm::embed::detail {
template <class P>
std::shared_ptr<Core> make_core(const Options& opts) {
  return rt::embedding::make_engine<P>(opts);
}
}  // namespace lockvm::embed::detail
