// Classes and attributes: attribute lookup with descriptors (functions bind
// to methods, properties call their getter, staticmethod/classmethod unwrap),
// instance creation (__new__/__init__), the class statement (BUILD_CLASS),
// and super(). The attribute caches that stand in for these lookups are in
// runtime/attr_cache.hpp; where an instance keeps its attributes, in
// runtime/instance_attrs.hpp.
#pragma once

#include <atomic>

#include "runtime/attr_cache.hpp"
#include "runtime/instance_attrs.hpp"
#include "runtime/registry.hpp"
#include "runtime/repr.hpp"
#include "runtime/str_text.hpp"
#include "vm/symtable.hpp"

namespace lockvm::rt {

template <LockPolicy P>
Value run_class_body(Thread<P>& t, FunctionObject* body, DictObject* ns);  // vm/eval.hpp

template <LockPolicy P>
Value attribute_error(Thread<P>& t, const Value& obj, StrObject* name) {
  if (is_kind(obj, Kind::Module))
    return raisef(t, t.types().AttributeError, "module '", static_cast<ModuleObject*>(obj.o)->name->view(),
                  "' has no attribute '", name->view(), "'");
  if (is_kind(obj, Kind::Type))
    return raisef(t, t.types().AttributeError, "type object '", as_type(obj)->name->view(), "' has no attribute '",
                  name->view(), "'");
  return raisef(t, t.types().AttributeError, "'", type_name(t, obj), "' object has no attribute '", name->view(), "'");
}

// ---------------------------------------------------------------- __slots__
//
// A class that declares __slots__, or inherits from one that does, is
// "slotted" (TypeObject::slotted). Its instances' `dict` field is then slot
// storage rather than the instance __dict__: the slot values by name (an
// unset slot has no entry) and, when instances also have a __dict__ (a
// subclass without __slots__, or "__dict__" in __slots__), that dict under
// the key "__dict__". Slot values stay out of __dict__ as they do in CPython,
// where slots are member descriptors (vars() shows only the other attributes),
// and the attribute caches' instance-value entries, which read `dict`
// directly, still find slot values first, as data descriptors come first in
// CPython.
// Not modelled: the member descriptors themselves (`P.x` is an
// AttributeError, not <member 'x' of 'P' objects>). Exception classes accept
// and check __slots__ but their instances always keep a plain __dict__.

// The instance's __dict__ (borrowed), or null if it has none.
template <LockPolicy P>
DictObject* instance_dict(Thread<P>& t, InstanceObject* inst) {
  TypeObject* type = inst->type;
  if (!type->slotted) return instance_materialize(t, inst);
  if (!type->instance_dict) return nullptr;
  Value d = dict_get_str<P>(inst->dict, t.names().__dict__);
  return is_kind(d, Kind::Dict) ? as_dict(d) : nullptr;
}

// Binds an attribute found on the type to the object it was looked up on.
template <LockPolicy P>
Value bind_descriptor(Thread<P>& t, const Value& descr, const Value& obj, TypeObject* type) {
  if (descr.tag != Tag::Obj) return descr;
  switch (descr.o->kind) {
    case Kind::Function: return new_bound_method(t, descr, obj);
    case Kind::Native: {
      auto* n = static_cast<NativeObject*>(descr.o);
      if (!n->self.is_null()) return share<P>(descr);
      Value b = new_native(t, n->name, reinterpret_cast<NativeFn<P>>(n->fn), obj);
      static_cast<NativeObject*>(b.o)->host = n->host;  // a host method (embedding) stays one
      return b;
    }
    case Kind::StaticMethod: return share<P>(static_cast<WrapperObject*>(descr.o)->func);
    case Kind::ClassMethod: return new_bound_method(t, static_cast<WrapperObject*>(descr.o)->func, Value::object(type));
    case Kind::Property: {
      auto* p = static_cast<PropertyObject*>(descr.o);
      if (p->fget.is_none() || p->fget.is_null()) return raise(t, t.types().AttributeError, "unreadable attribute");
      return call(t, p->fget, &obj, 1);
    }
    default: return share<P>(descr);
  }
}

// `Cls.name` once the MRO lookup found `v`: a staticmethod unwraps, a
// classmethod binds the class, anything else is itself.
template <LockPolicy P>
Value bind_class_attr(Thread<P>& t, const Value& v, TypeObject* type) {
  if (v.tag == Tag::Obj) {
    if (v.o->kind == Kind::StaticMethod) return share<P>(static_cast<WrapperObject*>(v.o)->func);
    if (v.o->kind == Kind::ClassMethod)
      return new_bound_method(t, static_cast<WrapperObject*>(v.o)->func, Value::object(type));
  }
  return share<P>(v);
}

template <LockPolicy P>
Value instance_getattr(Thread<P>& t, const Value& obj, StrObject* name, bool must) {
  auto* inst = static_cast<InstanceObject*>(obj.o);
  TypeObject* type = inst->type;
  Value descr = type_lookup<P>(type, name);
  if (is_kind(descr, Kind::Property)) return bind_descriptor(t, descr, obj, type);
  {
    Value v = instance_attr_ref<P>(inst, name);  // slotted: slot values (and "__dict__")
    if (!v.is_null()) return v;
  }
  InternedNames& n = t.names();
  if (type->slotted && type->instance_dict && !find_slot(type, name)) {
    if (DictObject* d = instance_dict(t, inst)) {
      Value v = dict_get_str_ref<P>(d, name);
      if (!v.is_null()) return v;
    }
  }
  if (inst->kind == Kind::Exception) {
    auto* e = static_cast<ExceptionObject*>(inst);
    if (name == n.args) { incref<P>(e->args); return Value::object(e->args); }
    if (name == n.__cause__) return e->cause.is_null() ? Value::none() : share<P>(e->cause);
    if (name == n.__context__) return e->context.is_null() ? Value::none() : share<P>(e->context);
    if (name == n.__suppress_context__) return Value::boolean(e->suppress_context);
    if (name == n.__traceback__) return Value::none();
    // StopIteration.value and SystemExit.code: the first argument, or None.
    std::string_view nm = name->view();
    if ((nm == "value" && is_subtype<P>(type, t.types().StopIteration)) ||
        (nm == "code" && is_subtype<P>(type, t.types().SystemExit)))
      return e->args->size ? share<P>(e->args->items[0]) : Value::none();
    // OSError(errno, strerror[, filename[, winerror[, filename2]]]): the
    // fields are read from args (None unless there are 2 to 5 of them).
    if ((nm == "errno" || nm == "strerror" || nm == "filename" || nm == "filename2") &&
        is_subtype<P>(type, t.types().OSError)) {
      size_t n = e->args->size, i = nm == "errno" ? 0 : nm == "strerror" ? 1 : nm == "filename" ? 2 : 4;
      return n >= 2 && n <= 5 && i < n ? share<P>(e->args->items[i]) : Value::none();
    }
  }
  if (name == n.__class__) { incref<P>(type); return Value::object(type); }
  if (name == n.__dict__ && !type->slotted) {
    DictObject* d = instance_materialize(t, inst);
    incref<P>(d);
    return Value::object(d);
  }
  if (!descr.is_null()) return bind_descriptor(t, descr, obj, type);
  Value ga = type_lookup<P>(type, n.__getattr__);
  if (!ga.is_null()) {
    Value args[2] = {obj, Value::object(name)};
    Value r = call(t, ga, args, 2);
    if (r.is_null() && !must && exception_matches(t, t.types().AttributeError)) clear_exception(t);
    return r;
  }
  if (!must) return Value();
  return attribute_error(t, obj, name);
}

template <LockPolicy P>
Value type_getattr(Thread<P>& t, TypeObject* type, StrObject* name, bool must) {
  InternedNames& n = t.names();
  Value self = Value::object(type);
  Value v = type_lookup<P>(type, name);
  if (!v.is_null()) return bind_class_attr(t, v, type);
  if (name == n.__name__) { incref<P>(type->name); return Value::object(type->name); }
  if (name == n.__qualname__) { incref<P>(type->name); return Value::object(type->name); }
  if (name == n.__module__)
    return type->module_name ? share<P>(Value::object(type->module_name)) : new_str(t, "builtins");
  if (name == n.__doc__) return Value::none();
  if (name == n.__class__) { incref<P>(t.types().type); return Value::object(t.types().type); }
  if (name == n.__base__) return type->base ? share<P>(Value::object(type->base)) : Value::none();
  if (name == n.__bases__) {
    if (!type->base) return share<P>(t.interp.empty_tuple);
    Value b = Value::object(type->base);
    return new_tuple(t, &b, 1);
  }
  if (name == n.__mro__) {
    std::vector<Value> items;
    for (TypeObject* m : type->mro) items.push_back(Value::object(m));
    return new_tuple(t, items.data(), items.size());
  }
  if (name == n.__dict__) {
    Value d = new_dict(t);
    for (const HashEntry& e : type->dict->table.entries)
      if (!e.key.is_null()) dict_set(t, as_dict(d), e.key, e.value);
    return d;
  }
  if (!must) return Value();
  return attribute_error(t, self, name);
}

// Attributes of built-in objects: special names, then methods on the type.
template <LockPolicy P>
Value builtin_getattr(Thread<P>& t, const Value& obj, StrObject* name, bool must) {
  InternedNames& n = t.names();
  if (obj.tag == Tag::Obj) {
    Object* o = obj.o;
    switch (o->kind) {
      case Kind::Module: {
        Value v = dict_get_str_ref<P>(static_cast<ModuleObject*>(o)->dict, name);
        if (!v.is_null()) return v;
        if (name == n.__dict__) return share<P>(Value::object(static_cast<ModuleObject*>(o)->dict));
        break;
      }
      case Kind::Function: {
        auto* f = static_cast<FunctionObject*>(o);
        if (name == n.__name__) { incref<P>(f->name); return Value::object(f->name); }
        if (name == n.__qualname__) { incref<P>(f->qualname); return Value::object(f->qualname); }
        if (name == n.__doc__) return share<P>(f->doc);
        if (name == n.__module__) return f->module_name ? share<P>(Value::object(f->module_name)) : Value::none();
        if (name == n.__defaults__) return f->defaults ? share<P>(Value::object(f->defaults)) : Value::none();
        if (name == n.__code__) { incref<P>(f->code); return Value::object(f->code); }
        if (name == n.__dict__) {
          if (!f->dict) f->dict = as_dict(new_dict(t));
          incref<P>(f->dict);
          return Value::object(f->dict);
        }
        if (f->dict) {
          Value v = dict_get_str_ref<P>(f->dict, name);
          if (!v.is_null()) return v;
        }
        break;
      }
      case Kind::BoundMethod: {
        auto* m = static_cast<BoundMethodObject*>(o);
        if (name == n.__self__) return share<P>(m->self);
        if (name == n.dunder_func) return share<P>(m->func);
        return getattr(t, m->func, name);
      }
      case Kind::Native: {
        auto* nf = static_cast<NativeObject*>(o);
        if (name == n.__name__) return new_str(t, nf->name);
        if (name == n.__qualname__) return new_str(t, nf->name);
        if (name == n.__self__) return nf->self.is_null() ? Value::none() : share<P>(nf->self);
        if (name == n.__doc__) return Value::none();
        break;
      }
      case Kind::Property: {
        auto* p = static_cast<PropertyObject*>(o);
        if (name == intern(t.interp, "fget")) return share<P>(p->fget);
        if (name == intern(t.interp, "fset")) return share<P>(p->fset);
        break;
      }
      case Kind::StaticMethod:
      case Kind::ClassMethod:
        if (name == n.dunder_func) return share<P>(static_cast<WrapperObject*>(o)->func);
        break;
      case Kind::Generator: {
        auto* g = static_cast<GeneratorObject*>(o);
        if (name == n.__name__) { incref<P>(g->name); return Value::object(g->name); }
        if (name == n.__qualname__) { incref<P>(g->qualname); return Value::object(g->qualname); }
        std::string_view nm = name->view();
        if (nm == (g->is_coroutine ? "cr_running" : "gi_running") ||
            nm == (g->is_coroutine ? "cr_suspended" : "gi_suspended")) {
          bool running = std::atomic_ref<bool>(g->running).load(std::memory_order_relaxed);
          if (nm.ends_with("running")) return Value::boolean(running);
          Frame* f = g->frame;  // suspended: paused at a yield, not finished, not running
          return Value::boolean(!running && f && f->started());
        }
        break;
      }
      case Kind::Slice: {
        auto* s = static_cast<SliceObject*>(o);
        std::string_view nm = name->view();
        if (nm == "start") return share<P>(s->start);
        if (nm == "stop") return share<P>(s->stop);
        if (nm == "step") return share<P>(s->step);
        break;
      }
      case Kind::Range: {
        auto* r = static_cast<RangeObject*>(o);
        std::string_view nm = name->view();
        if (nm == "start") return Value::integer(r->start);
        if (nm == "stop") return Value::integer(r->stop);
        if (nm == "step") return Value::integer(r->step);
        break;
      }
      case Kind::Code: {
        auto* c = static_cast<CodeObject*>(o);
        std::string_view nm = name->view();
        if (nm == "co_name") { incref<P>(c->name); return Value::object(c->name); }
        if (nm == "co_filename") { incref<P>(c->filename); return Value::object(c->filename); }
        if (nm == "co_argcount") return Value::integer(c->proto->argcount);
        if (nm == "co_flags") return Value::integer(cpython_code_flags(c->proto->flags));
        break;
      }
      default: break;
    }
  }
  if (name == n.__class__) {
    TypeObject* tp = type_of(t, obj);
    incref<P>(tp);
    return Value::object(tp);
  }
  TypeObject* tp = type_of(t, obj);
  Value descr = type_lookup<P>(tp, name);
  if (!descr.is_null()) return bind_descriptor(t, descr, obj, tp);
  if (obj.tag == Tag::Float || obj.tag == Tag::Int || obj.tag == Tag::Bool || is_kind(obj, Kind::BigInt)) {
    std::string_view nm = name->view();
    if (nm == "real") return obj.tag == Tag::Bool ? Value::integer(obj.b) : share<P>(obj);
    if (nm == "imag") return obj.tag == Tag::Float ? Value::number(0.0) : Value::integer(0);
    if (nm == "numerator" && obj.tag != Tag::Float) return obj.tag == Tag::Bool ? Value::integer(obj.b) : share<P>(obj);
    if (nm == "denominator" && obj.tag != Tag::Float) return Value::integer(1);
  }
  if (!must) return Value();
  return attribute_error(t, obj, name);
}

template <LockPolicy P>
Value getattr(Thread<P>& t, const Value& obj, StrObject* name) {
  if (obj.tag == Tag::Obj) {
    Kind k = obj.o->kind;
    if (k == Kind::Instance || k == Kind::Exception) return instance_getattr(t, obj, name, true);
    if (k == Kind::Type) return type_getattr(t, as_type(obj), name, true);
    if (k == Kind::Super) {
      auto* s = static_cast<SuperObject*>(obj.o);
      const auto& mro = s->self_type->mro;
      size_t i = 0;
      while (i < mro.size() && mro[i] != s->start) ++i;
      for (++i; i < mro.size(); ++i) {
        Value v = dict_get_str<P>(mro[i]->dict, name);
        if (!v.is_null()) {
          if (is_kind(s->self, Kind::Type) && is_kind(v, Kind::Function)) return share<P>(v);  // super() in a classmethod
          // object.__new__ and the like are static: hand them back unbound.
          if (is_kind(v, Kind::Native) && name == t.names().__new__) return share<P>(v);
          return bind_descriptor(t, v, s->self, s->self_type);
        }
      }
      return raisef(t, t.types().AttributeError, "'super' object has no attribute '", name->view(), "'");
    }
  }
  return builtin_getattr(t, obj, name, true);
}

template <LockPolicy P>
Value getattr_opt(Thread<P>& t, const Value& obj, StrObject* name) {
  Value r;
  if (obj.tag == Tag::Obj && (obj.o->kind == Kind::Instance || obj.o->kind == Kind::Exception))
    r = instance_getattr(t, obj, name, false);
  else if (is_kind(obj, Kind::Type))
    r = type_getattr(t, as_type(obj), name, false);
  else if (is_kind(obj, Kind::Super))
    r = getattr(t, obj, name);
  else
    r = builtin_getattr(t, obj, name, false);
  if (r.is_null() && exception_matches(t, t.types().AttributeError)) clear_exception(t);
  return r;
}

template <LockPolicy P>
int dict_store_attr(Thread<P>& t, DictObject* d, const Value& obj, StrObject* name, const Value& v) {
  if (!v.is_null()) return dict_set(t, d, Value::object(name), v);
  int r = dict_del(t, d, Value::object(name));
  if (r == 0) {
    attribute_error(t, obj, name);
    return -1;
  }
  return r < 0 ? -1 : 0;
}

// Setting (v) or deleting (v Null) an attribute of an instance of a slotted
// class, with CPython's errors.
template <LockPolicy P>
int slotted_setattr(Thread<P>& t, const Value& obj, StrObject* name, const Value& v) {
  auto* inst = static_cast<InstanceObject*>(obj.o);
  TypeObject* type = inst->type;
  if (StrObject* slot = find_slot(type, name)) {
    if (!v.is_null()) return dict_set(t, inst->dict, Value::object(slot), v);
    int r = dict_del(t, inst->dict, Value::object(slot));
    if (r == 0) raise(t, t.types().AttributeError, slot->view());  // CPython: "AttributeError: x"
    return r == 1 ? 0 : -1;
  }
  if (DictObject* d = instance_dict(t, inst)) return dict_store_attr(t, d, obj, name, v);
  if (type_lookup<P>(type, name).is_null())
    attribute_error(t, obj, name);
  else
    raisef(t, t.types().AttributeError, "'", type->name->view(), "' object attribute '", name->view(), "' is read-only");
  return -1;
}

// obj.name = v (v Null: del obj.name) through a property found on obj's type.
template <LockPolicy P>
int property_store(Thread<P>& t, const Value& obj, PropertyObject* p, StrObject* name, const Value& v) {
  const Value& fn = v.is_null() ? p->fdel : p->fset;
  if (fn.is_null() || fn.is_none()) {
    raisef(t, t.types().AttributeError, "property '", name->view(), "' of '", obj.o->type->name->view(), "' object has no ",
           v.is_null() ? "deleter" : "setter");
    return -1;
  }
  Value args[2] = {obj, v};
  Value r = call(t, fn, args, v.is_null() ? 1 : 2);
  if (r.is_null()) return -1;
  decref<P>(r);
  return 0;
}

// Gives up a reference to `old`, which was just unlinked from an object other
// threads read without counting (a class dict, an instance's dict slot).
// Under the free-threaded policies one of them may be between reading it and
// counting it, so it is kept in Interp::retired until the next collection
// stops the world (gc_collect); the other policies drop it at once.
template <LockPolicy P>
void retire(Thread<P>& t, const Value& old) {
  if constexpr (P::kParallel) {
    if (old.tag != Tag::Obj) return;
    TablesLock<P> lock(t.interp.tables_mu);
    t.interp.retired.push_back(old);
  } else {
    decref<P>(old);
  }
}

// `o.__dict__ = d`: the instance takes d itself as its dict (CPython's
// subtype_setdict), so what is later stored through d is the instance's, and
// its attribute caches, which re-check the live dict on every hit, follow.
// `del o.__dict__` leaves a fresh empty one (CPython makes it on next use).
// Another thread may be reading the old dict through the instance: retired.
template <LockPolicy P>
int instance_set_dict(Thread<P>& t, InstanceObject* inst, const Value& v) {
  Value d = v;
  if (v.is_null()) {
    d = new_dict(t);
  } else if (is_kind(v, Kind::Dict)) {
    incref<P>(v.o);
  } else {
    return raisef(t, t.types().TypeError, "__dict__ must be set to a dictionary, not a '", type_name(t, v), "'"), -1;
  }
  // Inline values are dropped with the old dict: they were its entries.
  DictObject* old;
  std::vector<Value> inline_values;
  {
    ObjectGuard<P> g(inst);
    old = inst->dict;
    inline_values.assign(inst->values(), inst->values() + inst->nvalues);
    inst->nvalues = 0;
    publish_instance_dict(inst, as_dict(d));
  }
  if (old) retire(t, Value::object(old));
  for (const Value& x : inline_values) decref<P>(x);  // read under the lock, so never borrowed
  return 0;
}

template <LockPolicy P>
int instance_setattr(Thread<P>& t, const Value& obj, StrObject* name, const Value& v) {
  auto* inst = static_cast<InstanceObject*>(obj.o);
  if (inst->type == t.types().object) [[unlikely]]  // object() has no __dict__; its subclasses do
    return raisef(t, t.types().AttributeError, "'object' object has no attribute '", name->view(), "'"), -1;
  if (name == t.names().__dict__ && !inst->type->slotted) [[unlikely]] return instance_set_dict(t, inst, v);
  Value descr = type_lookup<P>(inst->type, name);
  if (is_kind(descr, Kind::Property)) {
    return property_store(t, obj, static_cast<PropertyObject*>(descr.o), name, v);
  }
  if (inst->kind == Kind::Exception) {
    auto* e = static_cast<ExceptionObject*>(inst);
    InternedNames& n = t.names();
    if (name == n.__cause__ || name == n.__context__) {
      Value& slot = name == n.__cause__ ? e->cause : e->context;
      decref<P>(std::exchange(slot, v.is_none() ? Value() : share<P>(v)));
      if (name == n.__cause__) e->suppress_context = true;
      return 0;
    }
    if (name == n.__suppress_context__) {
      int tr = truthy(t, v);
      if (tr < 0) return -1;
      e->suppress_context = tr;
      return 0;
    }
    if (name == n.args) {
      Value tup = to_tuple(t, v);
      if (tup.is_null()) return -1;
      decref<P>(Value::object(std::exchange(e->args, as_tuple(tup))));
      return 0;
    }
    if (name == n.__traceback__) return 0;
  }
  if (inst->type->slotted) [[unlikely]] return slotted_setattr(t, obj, name, v);
  if (!load_instance_dict(inst)) {
    if (!v.is_null()) {
      if (inline_store(t, inst, name, v)) return 0;
    } else {
      // A deletion moves the rest to a dict (which keeps insertion order
      // as CPython's does when the name comes back); a failed one need not.
      Value had = instance_attr_ref<P>(inst, name);
      if (had.is_null()) return attribute_error(t, obj, name), -1;
      decref<P>(had);
    }
  }
  return dict_store_attr(t, instance_materialize(t, inst), obj, name, v);
}

template <LockPolicy P>
int type_setattr(Thread<P>& t, TypeObject* type, StrObject* name, const Value& v) {
  if (type->builtin) {
    raisef(t, t.types().TypeError, "cannot set '", name->view(), "' attribute of immutable type '", type->name->view(), "'");
    return -1;
  }
  type_modified(type);
  if constexpr (P::kParallel) {
    // type_lookup hands out borrowed references, which another thread may be
    // using right now: the replaced value is kept alive (Interp::retired)
    // until the interpreter is single-threaded again. Class attributes are
    // rarely rebound, so little piles up.
    Value old = dict_get_str_ref<P>(type->dict, name);
    int r = dict_store_attr(t, type->dict, Value::object(type), name, v);
    retire(t, old);
    return r;
  }
  return dict_store_attr(t, type->dict, Value::object(type), name, v);
}

template <LockPolicy P>
int setattr(Thread<P>& t, const Value& obj, StrObject* name, const Value& v) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->kind) {
      case Kind::Instance:
      case Kind::Exception: {
        Value sa = type_lookup_cached<P>(obj.o->type, t.names().__setattr__, TypeObject::kLookupSetattr);
        if (!sa.is_null() && !is_kind(sa, Kind::Native) && !v.is_null()) {
          Value args[3] = {obj, Value::object(name), v};
          Value r = call(t, sa, args, 3);
          if (r.is_null()) return -1;
          decref<P>(r);
          return 0;
        }
        return instance_setattr(t, obj, name, v);
      }
      case Kind::Type: return type_setattr(t, as_type(obj), name, v);
      case Kind::HostData: {  // an embedder's host class: its properties have setters
        Value descr = type_lookup<P>(obj.o->type, name);
        if (is_kind(descr, Kind::Property)) return property_store(t, obj, static_cast<PropertyObject*>(descr.o), name, v);
        break;
      }
      case Kind::Module: return dict_store_attr(t, static_cast<ModuleObject*>(obj.o)->dict, obj, name, v);
      case Kind::Function: {
        auto* f = static_cast<FunctionObject*>(obj.o);
        InternedNames& n = t.names();
        if (name == n.__doc__) { decref<P>(std::exchange(f->doc, v.is_null() ? Value::none() : share<P>(v))); return 0; }
        if ((name == n.__name__ || name == n.__qualname__) && is_str(v)) {
          StrObject*& slot = name == n.__name__ ? f->name : f->qualname;
          incref<P>(v);
          decref<P>(Value::object(std::exchange(slot, as_str(v))));
          return 0;
        }
        if (!f->dict) f->dict = as_dict(new_dict(t));
        return dict_store_attr(t, f->dict, obj, name, v);
      }
      default: break;
    }
  }
  if (type_lookup<P>(type_of(t, obj), name).is_null()) {
    attribute_error(t, obj, name);
  } else {
    raisef(t, t.types().AttributeError, "'", type_name(t, obj), "' object attribute '", name->view(), "' is read-only");
  }
  return -1;
}

// ---- the eval loop's cache misses (vm/eval_loop.hpp) ----------------------------
//
// Each refills the site's cache for this receiver, then answers as the
// generic path does.

// LOAD_ATTR.
template <LockPolicy P>
[[gnu::noinline]] Value load_attr_miss(Thread<P>& t, AttrCache& c, const Value& obj) {
  if (obj.tag == Tag::Obj) {
    switch (obj.o->kind) {
      case Kind::Instance: {
        Value v = attr_fill_instance(t, c, static_cast<InstanceObject*>(obj.o), false);
        if (!v.is_null()) return v;
        break;
      }
      case Kind::Module: attr_fill_module<P>(c, static_cast<ModuleObject*>(obj.o)); break;
      case Kind::Type: attr_fill_class<P>(c, as_type(obj)); break;
      default: break;
    }
  }
  return getattr(t, obj, c.name);
}

// LOAD_METHOD's lookup: `unbound` says the result is to be called with the
// receiver as its first argument.
template <LockPolicy P>
Value load_method_lookup(Thread<P>& t, AttrCache& c, const Value& obj, bool& unbound) {
  StrObject* name = c.name;
  unbound = false;
  Kind k = obj.tag == Tag::Obj ? obj.o->kind : Kind::Singleton;  // unboxed values: built-in methods
  switch (k) {
    case Kind::Instance: {
      auto* inst = static_cast<InstanceObject*>(obj.o);
      Value v = attr_fill_instance(t, c, inst, true);
      if (!v.is_null()) return v;
      TypeObject* tp = inst->type;
      // A slotted instance with a __dict__ looks there too (instance_getattr).
      if (!(tp->slotted && tp->instance_dict)) {
        Value descr = type_lookup<P>(tp, name);
        if (is_kind(descr, Kind::Function) && instance_lacks<P>(inst, name)) {
          unbound = true;
          return share<P>(descr);
        }
      }
      break;
    }
    case Kind::Module: attr_fill_module<P>(c, static_cast<ModuleObject*>(obj.o)); break;
    case Kind::Type: attr_fill_class<P>(c, as_type(obj)); break;
    case Kind::Super: {
      // getattr's super() lookup, but a plain function (or a native method,
      // other than __new__) found after `start` in the MRO of self's type
      // is pushed unbound with self, so CALL_METHOD runs it without making
      // a bound method (and, for a function, without a nested eval).
      auto* s = static_cast<SuperObject*>(obj.o);
      if (is_kind(s->self, Kind::Type) || name == t.names().__new__) break;
      const auto& mro = s->self_type->mro;
      size_t i = 0;
      while (i < mro.size() && mro[i] != s->start) ++i;
      for (++i; i < mro.size(); ++i) {
        Value v = dict_get_str<P>(mro[i]->dict, name);
        if (v.is_null()) continue;
        if (is_kind(v, Kind::Function) ||
            (is_kind(v, Kind::Native) && static_cast<NativeObject*>(v.o)->self.is_null())) {
          unbound = true;
          return share<P>(v);
        }
        break;
      }
      break;
    }
    case Kind::Exception: break;
    default: {
      attr_fill_builtin_method(t, c, obj);
      Value descr = type_lookup<P>(type_of(t, obj), name);
      if (is_kind(descr, Kind::Native) && static_cast<NativeObject*>(descr.o)->self.is_null()) {
        unbound = true;
        return share<P>(descr);
      }
      break;
    }
  }
  return getattr(t, obj, name);
}

// LOAD_METHOD: the callable; and `self`, Null when the callable is to be
// called as it is, or a new reference to the first argument to call it with
// (a plain function or native method found on the type: no bound method is
// made): `obj` itself, or for super() the object it stands for.
template <LockPolicy P>
[[gnu::noinline]] Value load_method_miss(Thread<P>& t, AttrCache& c, const Value& obj, Value& self) {
  bool unbound = false;
  Value m = load_method_lookup(t, c, obj, unbound);
  if (unbound) self = share<P>(is_kind(obj, Kind::Super) ? static_cast<SuperObject*>(obj.o)->self : obj);
  return m;
}

// STORE_ATTR's store word `w` did not know where instances of its class
// keep c.name (the class's first instance added it through the generic
// path): once that instance has it inline, the word says where.
template <LockPolicy P>
[[gnu::noinline]] void store_attr_learn_position(AttrCache& c, uint64_t w, InstanceObject* inst) {
  int64_t ix;
  bool inline_pos;
  decref<P>(instance_attr_ref<P>(inst, c.name, &ix, &inline_pos));
  if (inline_pos && ix >= 0)
    attr_insert(c, attr_word(attr_version(w), AttrKind::StoreInstance, kAttrInlinePos, attr_hint(ix)));
}

// STORE_ATTR: 0, or -1 with an exception set.
template <LockPolicy P>
[[gnu::noinline]] int store_attr_miss(Thread<P>& t, AttrCache& c, const Value& obj, const Value& v) {
  if (is_kind(obj, Kind::Instance)) attr_fill_store(t, c, static_cast<InstanceObject*>(obj.o));
  return setattr(t, obj, c.name, v);
}

// ---------------------------------------------------------------- construction

template <LockPolicy P>
Value alloc_instance(Thread<P>& t, TypeObject* type) {
  if (type->instance_kind == Kind::Exception) {
    Value e = new_exception(t, type, Value());
    return e;
  }
  if (const InstanceKeys* k = type->instance_keys.get()) {
    // Inline values (instance_attrs.hpp), room for the attributes its
    // class's instances usually get.
    uint32_t cap = std::min(std::max({relaxed_load(k->count), load_dict_size_hint(type), k->expected}),
                            InstanceKeys::kMax);
    auto* inst = alloc_object<P, InstanceObject>(type, Kind::Instance, cap * sizeof(Value));
    incref<P>(type);
    inst->capacity = cap;
    return Value::object(inst);
  }
  auto* inst = alloc_object<P, InstanceObject>(type, Kind::Instance);
  incref<P>(type);
  inst->dict = as_dict(new_dict(t));  // slotted: slot storage
  if (uint32_t n = load_dict_size_hint(type)) {
    // Room for the attributes instances of this class usually get, so that
    // __init__'s stores do not grow the dict one reallocation at a time.
    HashTable& tab = inst->dict->table;
    tab.entries.reserve(n);
    ht::rebuild(tab, n - 1);  // an index that takes n inserts without growing
  }
  if (type->slotted && type->instance_dict) {
    Value d = new_dict(t);
    dict_set(t, inst->dict, Value::object(t.names().__dict__), d);
    decref<P>(d);
  }
  return Value::object(inst);
}

// The built-in type (other than object and the exceptions) in a user
// class's MRO, which construct() refuses to instantiate; null if none.
template <LockPolicy P>
[[gnu::always_inline]] inline TypeObject* unsupported_builtin_base(Thread<P>& t, TypeObject* type) {
  for (TypeObject* m : type->mro)
    if (m->builtin && m != t.types().object && !m->is_exception) return m;
  return nullptr;
}

// The __init__ through which a call of `type` may run as an ordinary frame
// of the eval loop (CPython 3.12's CALL_ALLOC_AND_ENTER_INIT): `type` is a
// user class with plain instances (no exception, no built-in base), object's
// __new__, and a Python __init__ that is not a generator. The eval loop then
// allocates the instance, keeps it on the caller's stack as the call's
// result, and enters __init__ as a frame marked FrameReturn::kInit, whose return value
// must be None. Borrowed, or null: construct() makes the call.
template <LockPolicy P>
[[gnu::always_inline]] inline FunctionObject* inline_init(Thread<P>& t, TypeObject* type) {
  if (type->builtin || type->is_exception || type->instance_kind != Kind::Instance) return nullptr;
  Value nw = type_lookup_cached<P>(type, t.names().__new__, TypeObject::kLookupNew);
  if (!nw.is_null() && !is_kind(nw, Kind::Native)) return nullptr;
  Value init = type_lookup_cached<P>(type, t.names().__init__, TypeObject::kLookupInit);
  if (!is_kind(init, Kind::Function)) return nullptr;
  auto* fn = static_cast<FunctionObject*>(init.o);
  if (fn->code->makes_generator) return nullptr;
  return unsupported_builtin_base(t, type) ? nullptr : fn;  // construct() raises for it
}

// A Python function that the eval loop may enter as a frame of its own in
// place of a C++ call (no generator: calling one runs nothing), or null.
inline FunctionObject* frame_function(const Value& m) {
  if (!is_kind(m, Kind::Function)) return nullptr;
  auto* fn = static_cast<FunctionObject*>(m.o);
  return fn->code->makes_generator ? nullptr : fn;
}

// The method through which BINARY_OP may run `a op b`, `a` an instance of a
// user class, as an ordinary frame of the eval loop: what binary_op calls
// first, a.__op__, when it is a Python function (for `a op= b`, when a's
// class has no __iop__, which binary_op would call before it). Not when b's
// class is a proper subclass of a's, which may have a reflected method to
// try first (reflected_first). Borrowed, or null: binary_op makes the calls.
template <LockPolicy P>
[[gnu::always_inline]] inline FunctionObject* inline_binop(Thread<P>& t, const Value& a, const Value& b, int op,
                                                           bool inplace) {
  TypeObject* ta = a.o->type;
  if (proper_subclass_operand<P>(b, ta)) return nullptr;
  if (inplace && !type_lookup_cached<P>(ta, t.names().binop[op][2],
                                        static_cast<TypeObject::SpecialLookup>(TypeObject::kLookupInplace + op))
                       .is_null())
    return nullptr;
  return frame_function(type_lookup_cached<P>(ta, t.names().binop[op][0],
                                              static_cast<TypeObject::SpecialLookup>(TypeObject::kLookupBinop + op)));
}

// The same for COMPARE_OP (compare()): a's rich comparison method, when b's
// class is not a proper subclass of a's (whose reflected method compare()
// tries first).
template <LockPolicy P>
[[gnu::always_inline]] inline FunctionObject* inline_compare(Thread<P>& t, const Value& a, const Value& b, int op) {
  TypeObject* ta = a.o->type;
  if (proper_subclass_operand<P>(b, ta)) return nullptr;
  return frame_function(type_lookup_cached<P>(
      ta, rich_name(t, op), static_cast<TypeObject::SpecialLookup>(TypeObject::kLookupCompare + op)));
}

// And for UNARY_NEGATIVE (unary_op()): the instance's __neg__, whose result
// is the operation's, NotImplemented included.
template <LockPolicy P>
[[gnu::always_inline]] inline FunctionObject* inline_neg(Thread<P>& t, const Value& a) {
  return frame_function(type_lookup_cached<P>(a.o->type, t.names().__neg__, TypeObject::kLookupNeg));
}

template <LockPolicy P>
Value type_new(Thread<P>& t, const Value* args);  // type(name, bases, dict), below

template <LockPolicy P>
Value construct(Thread<P>& t, TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  ArgsWithFirst full(args, nargs, kwnames);  // the class or the instance goes in front
  // Built-in types construct through their native __new__ (list(), int("3"), ...).
  if (type->builtin && !type->is_exception) {
    if (type == t.types().type) {
      if (nargs == 1 && nkw == 0) {
        TypeObject* tp = type_of(t, args[0]);
        incref<P>(tp);
        return Value::object(tp);
      }
      if (nargs == 3 && nkw == 0) return type_new(t, args);
      return raise(t, t.types().TypeError, "type() takes 1 or 3 arguments");
    }
    Value nw = dict_get_str<P>(type->dict, t.names().__new__);
    if (nw.is_null())
      return raisef(t, t.types().TypeError, "cannot create '", type->name->view(), "' instances");
    return call(t, nw, full.with_first(Value::object(type)), nargs + 1, kwnames);
  }
  if (TypeObject* m = unsupported_builtin_base(t, type))
    return raisef(t, t.types().NotImplementedError, "subclassing the built-in type '", m->name->view(),
                  "' is not supported yet");
  Value obj;
  Value nw = type_lookup_cached<P>(type, t.names().__new__, TypeObject::kLookupNew);
  if (!nw.is_null() && !is_kind(nw, Kind::Native)) {
    if (is_kind(nw, Kind::StaticMethod)) nw = static_cast<WrapperObject*>(nw.o)->func;
    obj = call(t, nw, full.with_first(Value::object(type)), nargs + 1, kwnames);
    if (obj.is_null()) return obj;
    if (!isinstance(t, obj, type)) return obj;
  } else {
    obj = alloc_instance(t, type);
    if (type->is_exception) {
      auto* e = static_cast<ExceptionObject*>(obj.o);
      decref<P>(Value::object(e->args));
      e->args = as_tuple(new_tuple(t, args, nargs));
    }
  }
  Ref<P> result(obj);
  Value init = type_lookup_cached<P>(type, t.names().__init__, TypeObject::kLookupInit);
  if (!init.is_null() && !is_kind(init, Kind::Native)) {
    Value r = call(t, init, full.with_first(obj), nargs + 1, kwnames);
    if (r.is_null()) return r;
    if (!r.is_none()) {
      std::string tn(type_name(t, r));
      decref<P>(r);
      return raisef(t, t.types().TypeError, "__init__() should return None, not '", tn, "'");
    }
  } else if (!type->is_exception && (nargs || nkw) && (nw.is_null() || is_kind(nw, Kind::Native))) {
    return raisef(t, t.types().TypeError, type->name->view(), "() takes no arguments");
  } else if (type->is_exception && nkw) {
    return raisef(t, t.types().TypeError, type->name->view(), "() takes no keyword arguments");
  }
  return result.release();
}

// The class body's __slots__ (CPython's type_new_visit_slots and
// type_new_copy_slots): a string names one slot, any other iterable several.
// "__dict__" and "__weakref__" are not slots but ask for a __dict__ (and, in
// CPython, weak references) when the base has none. Slot names are mangled
// like private names and must not also be class variables. False with an
// exception set on error.
template <LockPolicy P>
bool read_slots(Thread<P>& t, const Value& slots, std::string_view cls_name, DictObject* ns, bool may_add_dict,
                bool may_add_weak, std::vector<StrObject*>& out, bool& add_dict, bool& add_weak) {
  Value tv = is_str(slots) ? new_tuple(t, &slots, 1) : to_tuple(t, slots);
  if (tv.is_null()) return false;
  Ref<P> keep(tv);
  TupleObject* items = as_tuple(tv);
  for (uint64_t i = 0; i < items->size; ++i) {
    const Value& item = items->items[i];
    if (!is_str(item)) {
      raisef(t, t.types().TypeError, "__slots__ items must be strings, not '", type_name(t, item), "'");
      return false;
    }
    std::string_view nm = as_str(item)->view();
    if (!strtext::isidentifier(nm)) {
      raise(t, t.types().TypeError, "__slots__ must be identifiers");
      return false;
    }
    if (nm == "__dict__") {
      if (!may_add_dict || add_dict) {
        raise(t, t.types().TypeError, "__dict__ slot disallowed: we already got one");
        return false;
      }
      add_dict = true;
    }
    if (nm == "__weakref__") {
      if (!may_add_weak || add_weak) {
        raise(t, t.types().TypeError, "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
        return false;
      }
      add_weak = true;
    }
  }
  for (uint64_t i = 0; i < items->size; ++i) {
    std::string_view nm = as_str(items->items[i])->view();
    if (nm == "__dict__" || nm == "__weakref__") continue;
    StrObject* slot = intern(t.interp, symtable::mangle(cls_name, std::string(nm)));
    // The compiler's __qualname__ and __classcell__ are not class variables.
    if (!dict_get_str<P>(ns, slot).is_null() && slot != t.names().__qualname__ && slot != t.names().__classcell__) {
      raisef(t, t.types().ValueError, "'", slot->view(), "' in __slots__ conflicts with class variable");
      return false;
    }
    if (std::find(out.begin(), out.end(), slot) == out.end()) out.push_back(slot);
  }
  return true;
}

// The base of a class made with these bases (at most one for now), or null
// with an exception set.
template <LockPolicy P>
TypeObject* class_base(Thread<P>& t, const Value* bases, size_t nbases) {
  if (nbases > 1) return raise(t, t.types().NotImplementedError, "multiple inheritance is not supported yet"), nullptr;
  if (nbases == 0) return t.types().object;
  if (!is_kind(bases[0], Kind::Type))
    return raisef(t, t.types().TypeError, "bases must be types, not ", type_name(t, bases[0])), nullptr;
  TypeObject* base = as_type(bases[0]);
  if (base == t.types().bool_ || base == t.types().none || base == t.types().function ||
      base == t.types().generator || base == t.types().range || base == t.types().slice)
    return raisef(t, t.types().TypeError, "type '", base->name->view(), "' is not an acceptable base type"), nullptr;
  return base;
}

template <LockPolicy P>
Value make_class(Thread<P>& t, const Value& name, TypeObject* base, DictObject* ns, const Value& modname);

// class Name(Base): body   →   BUILD_CLASS(body_function, "Name", Base)
template <LockPolicy P>
Value build_class(Thread<P>& t, const Value& body, const Value& name, const Value* bases, size_t nbases) {
  TypeObject* base = class_base(t, bases, nbases);
  if (!base) return Value();
  auto* fn = static_cast<FunctionObject*>(body.o);
  Ref<P> nsv(new_dict(t));
  DictObject* ns = as_dict(*nsv);
  Value modname = dict_get_str<P>(fn->globals, t.names().__name__);
  if (!modname.is_null()) dict_set(t, ns, Value::object(t.names().__module__), modname);
  dict_set(t, ns, Value::object(t.names().__qualname__), Value::object(fn->code->qualname));
  Value r = run_class_body(t, fn, ns);
  if (r.is_null()) return r;
  decref<P>(r);
  return make_class(t, name, base, ns, modname);
}

// type(name, bases, dict): the class a class statement with this namespace
// makes; __module__, unless the dict has one, is the calling module's name.
template <LockPolicy P>
Value type_new(Thread<P>& t, const Value* args) {
  if (!is_str(args[0])) return raisef(t, t.types().TypeError, "type.__new__() argument 1 must be str, not ", type_name(t, args[0]));
  if (!is_kind(args[1], Kind::Tuple))
    return raisef(t, t.types().TypeError, "type.__new__() argument 2 must be tuple, not ", type_name(t, args[1]));
  if (!is_kind(args[2], Kind::Dict))
    return raisef(t, t.types().TypeError, "type.__new__() argument 3 must be dict, not ", type_name(t, args[2]));
  TupleObject* bases = as_tuple(args[1]);
  TypeObject* base = class_base(t, bases->items, bases->size);
  if (!base) return Value();
  Ref<P> nsv(new_dict(t));
  DictObject* ns = as_dict(*nsv);
  Value modname = t.frame && t.frame->globals ? dict_get_str<P>(t.frame->globals, t.names().__name__) : Value();
  if (!modname.is_null()) dict_set(t, ns, Value::object(t.names().__module__), modname);
  for (const HashEntry& e : as_dict(args[2])->table.entries)
    if (!e.key.is_null() && dict_set(t, ns, e.key, e.value) < 0) return Value();
  Value own_mod = dict_get_str<P>(ns, t.names().__module__);
  return make_class(t, args[0], base, ns, own_mod);
}

// What a class statement and type(name, bases, dict) share: the class made
// from namespace `ns` (copied: the class gets its own dict).
template <LockPolicy P>
Value make_class(Thread<P>& t, const Value& name, TypeObject* base, DictObject* ns, const Value& modname) {
  // Instance layout (__slots__). A built-in base has a __dict__ unless it is
  // `object`, and no weak references; a user class has whatever it was given.
  bool base_dict = base->builtin ? base != t.types().object : base->instance_dict;
  bool base_weak = base->builtin ? false : base->instance_weakref;
  std::vector<StrObject*> own_slots;
  bool add_dict = false, add_weak = false;
  Value slots_decl = dict_get_str<P>(ns, t.names().__slots__);
  if (!slots_decl.is_null() &&
      !read_slots(t, slots_decl, as_str(name)->view(), ns, !base_dict, !base_weak, own_slots, add_dict, add_weak))
    return Value();

  auto* type = alloc_object<P, TypeObject>(t.types().type, Kind::Type);
  incref<P>(as_str(name));
  type->name = as_str(name);
  incref<P>(base);
  type->base = base;
  // The class gets a copy of the namespace, as in CPython: the body's
  // locals() dict can outlive the class statement, and a change made through
  // it must not reach the class dict behind type_modified's back.
  type->dict = as_dict(new_dict(t));
  for (const HashEntry& e : ns->table.entries)
    if (!e.key.is_null() && dict_set(t, type->dict, e.key, e.value) < 0) {
      decref<P>(Value::object(type));
      return Value();
    }
  ns = type->dict;
  type->instance_kind = base->instance_kind == Kind::Exception ? Kind::Exception : Kind::Instance;
  type->is_exception = base->is_exception;
  type->mro.push_back(type);
  for (TypeObject* m : base->mro) type->mro.push_back(m);
  // So that a change to the base's dict reaches this class's caches. (The
  // finishing touches to `ns` below need no type_modified: the class has no
  // version tag until a cache sees one of its instances.)
  type_add_subclass(base, type);
  if (slots_decl.is_null()) {
    // No __slots__: instances get a __dict__ (and weak references) again.
    type->instance_dict = type->instance_weakref = true;
  } else {
    type->instance_dict = base_dict || add_dict;
    type->instance_weakref = base_weak || add_weak;
  }
  if (!type->is_exception && (!slots_decl.is_null() || base->slotted)) {
    type->slotted = true;
    type->slot_names = base->slot_names;
    for (StrObject* s : own_slots)
      if (!find_slot(type, s)) type->slot_names.push_back(s);
  }
  if (is_str(modname)) {
    incref<P>(modname);
    type->module_name = as_str(modname);
  }
  if (!type->is_exception && !type->slotted) {
    type->instance_keys = std::make_unique<InstanceKeys>();
    type->instance_keys->expected = expected_instance_attrs<P>(type);
  }
  Ref<P> result(Value::object(type));
  // A class that defines __eq__ but not __hash__ is unhashable, as in Python.
  if (!dict_get_str<P>(ns, t.names().__eq__).is_null() && dict_get_str<P>(ns, t.names().__hash__).is_null())
    dict_set(t, ns, Value::object(t.names().__hash__), Value::none());
  Value cell = dict_get_str<P>(ns, t.names().__classcell__);
  if (is_kind(cell, Kind::Cell)) {
    auto* c = static_cast<CellObject*>(cell.o);
    decref<P>(std::exchange(c->contents, share<P>(*result)));
    dict_del(t, ns, Value::object(t.names().__classcell__));
  }
  // __set_name__ on descriptors, then the base's __init_subclass__.
  std::vector<std::pair<Value, Value>> named;
  for (const HashEntry& e : ns->table.entries)
    if (!e.key.is_null() && has_user_type(e.value)) named.push_back({share<P>(e.key), share<P>(e.value)});
  bool ok = true;
  for (auto& [k, v] : named) {
    if (ok) {
      bool found;
      Value args[2] = {*result, k};
      Value sr = call_dunder(t, v, t.names().__set_name__, args, 2, found);
      if (found) {
        if (sr.is_null()) ok = false;
        else decref<P>(sr);
      }
    }
    decref<P>(k);
    decref<P>(v);
  }
  if (!ok) return Value();
  Value isc = type_lookup<P>(base, t.names().__init_subclass__);
  if (!isc.is_null() && !is_kind(isc, Kind::Native)) {
    if (is_kind(isc, Kind::ClassMethod)) isc = static_cast<WrapperObject*>(isc.o)->func;
    Value sr = call(t, isc, &*result, 1);
    if (sr.is_null()) return sr;
    decref<P>(sr);
  }
  return result.release();
}

// ---------------------------------------------------------------- natives

template <LockPolicy P>
Value object_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !is_kind(args[0], Kind::Type))
    return raise(t, t.types().TypeError, "object.__new__(X): X is not a type object");
  TypeObject* type = as_type(args[0]);
  if (type == t.types().object) {
    if (nargs > 1) return raise(t, t.types().TypeError, "object() takes no arguments");
    auto* inst = alloc_object<P, InstanceObject>(type, Kind::Instance);
    incref<P>(type);
    inst->dict = as_dict(new_dict(t));
    return Value::object(inst);
  }
  if (type->builtin && !type->is_exception)
    return raisef(t, t.types().TypeError, "object.__new__(", type->name->view(), ") is not safe");
  return alloc_instance(t, type);
}

template <LockPolicy P>
Value object_init(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return Value::none();
}

template <LockPolicy P>
Value object_repr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1) return raise(t, t.types().TypeError, "__repr__ expects no arguments");
  if (args[0].tag != Tag::Obj) return repr(t, args[0]);  // object.__repr__(5): an int has no address here
  std::string out;
  append_object_repr(t, args[0].o, out);
  return new_str(t, out);
}

template <LockPolicy P>
Value object_str(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1) return raise(t, t.types().TypeError, "__str__ expects no arguments");
  return repr(t, args[0]);
}

template <LockPolicy P>
Value object_eq(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise(t, t.types().TypeError, "expected 1 argument");
  if (args[0].identical(args[1])) return Value::boolean(true);
  return share<P>(t.interp.not_implemented);
}

template <LockPolicy P>
Value object_ne(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2) return raise(t, t.types().TypeError, "expected 1 argument");
  int r = equal(t, args[0], args[1]);
  if (r < 0) return Value();
  return Value::boolean(!r);
}

template <LockPolicy P>
Value object_hash(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return Value::integer(hash_pointer(args[0].o));
}

template <LockPolicy P>
Value object_setattr(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 3 || !is_str(args[1])) return raise(t, t.types().TypeError, "__setattr__ expects a name and a value");
  StrObject* name = intern(t.interp, as_str(args[1])->view());
  int r = has_user_type(args[0]) ? instance_setattr(t, args[0], name, args[2]) : setattr(t, args[0], name, args[2]);
  return r < 0 ? Value() : Value::none();
}

template <LockPolicy P>
Value object_getattribute(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 2 || !is_str(args[1])) return raise(t, t.types().TypeError, "__getattribute__ expects a name");
  StrObject* name = intern(t.interp, as_str(args[1])->view());
  return getattr(t, args[0], name);
}

template <LockPolicy P>
Value exception_init(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs < 1 || !is_kind(args[0], Kind::Exception))
    return raise(t, t.types().TypeError, "descriptor '__init__' requires a 'BaseException' object");
  auto* e = static_cast<ExceptionObject*>(args[0].o);
  Value tup = new_tuple(t, args + 1, nargs - 1);
  decref<P>(Value::object(std::exchange(e->args, as_tuple(tup))));
  return Value::none();
}

template <LockPolicy P>
Value exception_with_traceback(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return share<P>(args[0]);
}

template <LockPolicy P>
Value wrapper_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw, Kind kind, TypeObject* type) {
  if (nargs != 2) return raisef(t, t.types().TypeError, type->name->view(), " expected 1 argument, got ", nargs - 1);
  auto* w = alloc_object<P, WrapperObject>(type, kind);
  w->func = share<P>(args[1]);
  return Value::object(w);
}

template <LockPolicy P>
Value staticmethod_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return wrapper_new(t, args, nargs, kw, Kind::StaticMethod, t.types().staticmethod);
}

template <LockPolicy P>
Value classmethod_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  return wrapper_new(t, args, nargs, kw, Kind::ClassMethod, t.types().classmethod);
}

template <LockPolicy P>
Value make_property(Thread<P>& t, Value fget, Value fset, Value fdel, Value doc) {
  auto* p = alloc_object<P, PropertyObject>(t.types().property, Kind::Property);
  p->fget = fget.is_null() ? Value::none() : share<P>(fget);
  p->fset = fset.is_null() ? Value::none() : share<P>(fset);
  p->fdel = fdel.is_null() ? Value::none() : share<P>(fdel);
  p->doc = doc.is_null() ? Value::none() : share<P>(doc);
  return Value::object(p);
}

template <LockPolicy P>
Value property_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[5];
  if (!bind_args(t, "property", args, nargs, kw, {"type", "fget", "fset", "fdel", "doc"}, 1, a)) return Value();
  return make_property(t, a[1], a[2], a[3], a[4]);
}

template <LockPolicy P>
Value property_with(Thread<P>& t, const Value* args, size_t nargs, int which) {
  if (nargs != 2 || !is_kind(args[0], Kind::Property)) return raise(t, t.types().TypeError, "expected 1 argument");
  auto* p = static_cast<PropertyObject*>(args[0].o);
  return make_property(t, which == 0 ? args[1] : p->fget, which == 1 ? args[1] : p->fset,
                       which == 2 ? args[1] : p->fdel, p->doc);
}

template <LockPolicy P>
Value property_getter(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) { return property_with(t, args, nargs, 0); }
template <LockPolicy P>
Value property_setter(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) { return property_with(t, args, nargs, 1); }
template <LockPolicy P>
Value property_deleter(Thread<P>& t, const Value* args, size_t nargs, TupleObject*) { return property_with(t, args, nargs, 2); }

// super(type, obj) — the compiler turns zero-argument super() into
// super(__class__, first_argument).
template <LockPolicy P>
Value super_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs == 1) return raise(t, t.types().RuntimeError, "super(): no arguments");
  if (nargs != 3) return raise(t, t.types().TypeError, "super() takes 2 arguments in lockvm");
  if (!is_kind(args[1], Kind::Type)) return raise(t, t.types().TypeError, "super() argument 1 must be a type");
  TypeObject* start = as_type(args[1]);
  TypeObject* self_type = is_kind(args[2], Kind::Type) && is_subtype<P>(as_type(args[2]), start) ? as_type(args[2])
                                                                                              : type_of(t, args[2]);
  if (!is_subtype<P>(self_type, start))
    return raise(t, t.types().TypeError, "super(type, obj): obj must be an instance or subtype of type");
  auto* s = alloc_object<P, SuperObject>(t.types().super, Kind::Super);
  incref<P>(start);
  s->start = start;
  s->self = share<P>(args[2]);
  incref<P>(self_type);
  s->self_type = self_type;
  return Value::object(s);
}

template <LockPolicy P>
void register_class_natives(Thread<P>& t) {
  BuiltinTypes& ty = t.types();
  add_method(t, ty.object, "__new__", object_new<P>);
  add_method(t, ty.object, "__init__", object_init<P>);
  add_method(t, ty.object, "__repr__", object_repr<P>);
  add_method(t, ty.object, "__str__", object_str<P>);
  add_method(t, ty.object, "__eq__", object_eq<P>);
  add_method(t, ty.object, "__ne__", object_ne<P>);
  add_method(t, ty.object, "__hash__", object_hash<P>);
  add_method(t, ty.object, "__setattr__", object_setattr<P>);
  add_method(t, ty.object, "__getattribute__", object_getattribute<P>);
  add_method(t, ty.BaseException, "__init__", exception_init<P>);
  add_method(t, ty.BaseException, "with_traceback", exception_with_traceback<P>);
  add_method(t, ty.staticmethod, "__new__", staticmethod_new<P>);
  add_method(t, ty.classmethod, "__new__", classmethod_new<P>);
  add_method(t, ty.property, "__new__", property_new<P>);
  add_method(t, ty.property, "getter", property_getter<P>);
  add_method(t, ty.property, "setter", property_setter<P>);
  add_method(t, ty.property, "deleter", property_deleter<P>);
  add_method(t, ty.super, "__new__", super_new<P>);
}

}  // namespace lockvm::rt
