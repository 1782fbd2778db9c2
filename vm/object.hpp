// Heap object layouts.
//
// Layouts here are the same under every locking policy: the policy's header
// (reference count, owner thread, lock byte) sits *in front of* the Object, at
// a negative offset (see heap.hpp), the way CPython places PyGC_Head in front
// of a PyObject. That keeps one definition of every object while each policy
// pays only for the header it needs — the per-object memory cost of a policy
// is exactly sizeof(P::Header).
//
// Fields that hold references are Values or typed pointers that own one
// reference each, unless a comment says "borrowed".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "vm/code.hpp"
#include "vm/value.hpp"
#include "vm/relocatable_vector.hpp"

namespace lockvm {

// The C++ layout of an object. Several Python types share a layout (every
// user class's instances are Kind::Instance; exceptions are Kind::Exception).
enum class Kind : uint8_t {
  Type, Str, Bytes, BigInt, Tuple, List, Dict, Set, FrozenSet, Range, Slice,
  Function, Native, BoundMethod, Cell, Code, Module, Instance, Exception,
  Property, StaticMethod, ClassMethod, Generator, Iterator, DictView, Super,
  Singleton,  // Ellipsis, NotImplemented
  HostData,   // embedding: a C++ object owned by a script value
};

enum ObjectFlags : uint8_t {
  kObjImmortal = 1 << 0,  // never freed before interpreter teardown
  kStrAscii = 1 << 1,     // Str: every byte < 0x80, so index == byte offset
  kStrInterned = 1 << 2,  // Str: the interpreter's unique copy of this text
};

struct TypeObject;

struct Object {
  TypeObject* type;  // borrowed for built-in types; owned for user classes' instances
  Kind kind;
  uint8_t flags = 0;
  uint16_t aux16 = 0;  // per-kind small field (iterator sub-kind, ...)
  uint32_t aux32 = 0;  // per-kind small field
};
static_assert(sizeof(Object) == 16);

struct StrObject : Object {
  int64_t hash;     // -1 until computed
  uint64_t length;  // in code points
  uint64_t size;    // in bytes, not counting the trailing NUL
  char data[1];     // UTF-8, NUL-terminated; allocated to size + 1
  std::string_view view() const { return {data, size}; }
  bool ascii() const { return flags & kStrAscii; }
};

struct BytesObject : Object {
  int64_t hash;
  uint64_t size;
  char data[1];
  std::string_view view() const { return {data, size}; }
};

using BigInt = boost::multiprecision::cpp_int;

// Integers beyond int64. Always normalized: a result that fits in int64 is
// returned as an unboxed Value instead.
struct BigIntObject : Object {
  BigInt value;
};

struct TupleObject : Object {
  int64_t hash;  // -1 until computed
  uint64_t size;
  Value items[1];  // allocated to `size`
};

struct ListObject : Object {
  ValueVector items;  // grows in place (relocatable_vector.hpp)
};

// Insertion-ordered hash table shared by dict, set and frozenset (the design
// of CPython's compact dict): `entries` keeps insertion order, `index` is an
// open-addressing table of positions into it.
struct HashEntry {
  Value key;    // Null marks a deleted entry
  Value value;  // unused for sets
  int64_t hash;
};

struct HashTable {
  RelocatableVector<HashEntry> entries;  // grows in place (relocatable_vector.hpp)
  std::vector<int32_t> index;  // -1 empty, -2 deleted, else position in entries
  uint64_t used = 0;           // live entries
  uint64_t fill = 0;           // index slots not kEmpty (live + deleted markers)
  uint64_t key_version = 0;    // bumped when a key is added or removed (global caches)
  uint64_t key_bloom = 0;      // a bit per key added since the last rebuild: a clear one proves
                               // a key absent without a probe (ht::key_bloom_bits)
};

struct DictObject : Object {
  HashTable table;
};

struct SetObject : Object {  // Kind::Set or Kind::FrozenSet
  HashTable table;
  int64_t hash = -1;  // frozenset only
};

struct RangeObject : Object {
  int64_t start, stop, step, length;
};

struct SliceObject : Object {
  Value start, stop, step;
};

struct CodeObject;
struct CellObject;

struct FunctionObject : Object {
  CodeObject* code;
  struct DictObject* globals;
  TupleObject* defaults = nullptr;     // positional defaults, or null
  DictObject* kwdefaults = nullptr;    // keyword-only defaults, or null
  TupleObject* closure = nullptr;      // cells for the code's freevars, or null
  StrObject* name;
  StrObject* qualname;
  Value doc;
  DictObject* dict = nullptr;          // function attributes, created on first store
  StrObject* module_name = nullptr;
};

// A built-in function or method implemented in C++. `fn` is a
// NativeFn<P> (interp.hpp) stored type-erased, because this layout is shared
// by all policies.
using ErasedFn = void (*)();
struct NativeObject : Object {
  ErasedFn fn;
  const char* name;    // static storage
  Value self;          // bound receiver (module functions: Null)
  Value data;          // extra state for closures made in C++ (e.g. host callables)
  void* host = nullptr;  // embedding: a std::function owned by the host binding
};

struct BoundMethodObject : Object {
  Value func;
  Value self;
};

struct CellObject : Object {
  Value contents;  // Null when empty
};

// Per-policy materialization of a CodeProto (constants as Values, names
// interned). Inline caches live beside the instructions.
struct GlobalCache {
  uint32_t name_index = 0;  // names[] entry this LOAD_GLOBAL site looks up
  uint64_t globals_version = ~0ull;
  uint64_t builtins_version = ~0ull;
  int32_t index = -1;       // entry index in globals, or in builtins when from_builtins
  bool from_builtins = false;
};

// Inline cache of one LOAD_ATTR, STORE_ATTR or LOAD_METHOD site (CPython
// 3.11's specializing interpreter, adapted; the logic is in
// runtime/attr_cache.hpp). `name` is fixed when the code is
// loaded. The site remembers what it learned about up to kWays receiver
// types (a polymorphic inline cache: a method of a base class sees instances
// of each subclass). Each way is a word packing a type version tag, a cache
// kind, an MRO depth and an entry index, and, for the words that name a class
// attribute, that attribute itself (borrowed: the version tag guarantees it
// is still in the class dict, like the descriptor pointer in CPython's
// LOAD_METHOD cache). attr_insert and attr_class_value keep the word and the
// value from mixing two fills.
struct AttrCache {
  static constexpr int kWays = 4;
  struct Way {
    uint64_t word = 0;  // 0: empty
    Value value;        // a class-attribute word's attribute; Null for the other kinds
  };
  StrObject* name = nullptr;  // interned (immortal): not counted
  Way ways[kWays];
};

struct CodeObject : Object {
  std::shared_ptr<const CodeProto> proto;
  std::vector<Instr> instrs;         // proto->code with superinstructions fused in
  std::vector<FusedOperands> fused;  // operands of fused instructions
  std::vector<Value> consts;
  std::vector<StrObject*> names;     // interned, owned
  std::vector<StrObject*> varnames;  // interned, owned
  std::vector<GlobalCache> global_caches;  // one per LOAD_GLOBAL site, indexed by instruction
  std::vector<AttrCache> attr_caches;      // one per LOAD_ATTR/STORE_ATTR/LOAD_METHOD site, indexed by instruction
  StrObject* name;
  StrObject* qualname;
  StrObject* filename;
  int nlocals;
  int ncells;   // cellvars
  int nfree;    // freevars
  int stacksize;
  // Precomputed for the call path:
  uint32_t frame_slots;   // nlocals + ncells + nfree + stacksize + 1 (a spare slot: LOAD_ATTR's property call)
  uint32_t prefix_slots;  // nlocals + ncells + nfree: the slots a new frame must null
  uint32_t frame_size;    // bytes of a frame for this code (frame_bytes(frame_slots))
  uint32_t fast_argcount; // argcount when simple_args, else ~0u: one compare on the call path
  uint32_t ncells_total;  // ncells + nfree
  bool simple_args;       // positional parameters only: arguments can be moved in directly
  bool makes_generator;   // calling it creates a generator/coroutine
};

struct ModuleObject : Object {
  StrObject* name;
  DictObject* dict;
};

// The attribute names that instances of one user class keep inline, in
// the order instances add them: the first instance to add an attribute at
// position n appends its name here, and instances that later add the same
// name at the same position share the slot (CPython's shared keys, PEP
// 412, with the values inline as in CPython 3.11). Append-only, so a name
// read from below `count` never changes; appended under the interpreter's
// tables lock.
struct InstanceKeys {
  static constexpr uint32_t kMax = 30;
  uint32_t count = 0;           // relaxed atomic (acquire where names are read past an instance's nvalues)
  uint64_t bloom = 0;           // relaxed atomic: ht::key_bloom_bits of every name
  uint32_t expected = 0;        // the attributes its methods store on self (expected_instance_attrs)
  StrObject* names[kMax] = {};  // interned, hence immortal: not counted
};

struct TypeObject : Object {
  StrObject* name;
  TypeObject* base;          // owned; null only for `object`
  DictObject* dict;
  std::vector<TypeObject*> mro;  // self first, then bases (borrowed: base chain owns them)
  Kind instance_kind;        // layout of instances
  bool builtin = false;      // C++ type: attributes cannot be set on it
  bool is_exception = false;
  StrObject* module_name = nullptr;
  // Version tag for the attribute caches (runtime/type_version.hpp): a number no
  // other type has ever had, or 0 for none yet. Handed out lazily when a
  // cache first wants one (type_assign_version), and reset to 0 whenever this
  // type's dict or a base's dict changes (type_modified), so that a cache
  // entry recorded under the old tag can never match again. Invariant: a
  // type has a tag only if its base has one.
  uint32_t version = 0;
  // For type_modified to reach subclasses: the user classes whose base this
  // is (borrowed; a class removes itself when it is freed, and a freed base
  // clears its subclasses' `listed_in`; runtime/dealloc.hpp). Only user
  // classes are listed: a built-in type's dict never changes once set up.
  // Changed only by class creation and destruction; under the free-threaded
  // policies, with the base locked, as its dict is.
  std::vector<TypeObject*> subclasses;
  TypeObject* listed_in = nullptr;  // borrowed: the base whose `subclasses` holds this type
  uint32_t subclass_pos = 0;        // this type's position in listed_in->subclasses
  // The number of attributes its instances usually get (the largest instance
  // dict STORE_ATTR has grown, capped): a new instance's dict is allocated
  // for that many at once. A heuristic: a stale value is harmless.
  uint32_t dict_size_hint = 0;
  // The names its instances keep inline (InstanceObject); null for classes
  // whose instances always have a dict (built-in, exception, slotted).
  std::unique_ptr<InstanceKeys> instance_keys;
  // Lookups construct() and the attribute caches' fills make on every call,
  // BINARY_OP's of the 13 forward and 13 in-place operator methods
  // (__add__ ... __and__, __iadd__ ... __iand__, in the order of
  // InternedNames::binop), COMPARE_OP's of the 6 rich comparisons (__eq__,
  // __ne__, __lt__, __le__, __gt__, __ge__) and UNARY_NEGATIVE's __neg__,
  // each cached under the version tag (type_lookup_cached, attr_cache.hpp).
  enum SpecialLookup {
    kLookupNew, kLookupInit, kLookupGetattribute, kLookupSetattr,
    kLookupBinop, kLookupInplace = kLookupBinop + 13, kLookupCompare = kLookupInplace + 13,
    kLookupNeg = kLookupCompare + 6, kSpecialLookups
  };
  uint64_t special_lookups[kSpecialLookups] = {};
  // __slots__ (runtime/classes.hpp). `slotted`: this class or a base declared
  // __slots__, so an instance's `dict` field is slot storage (slot values by
  // name, plus the real __dict__ under "__dict__" when instance_dict) rather
  // than the instance __dict__ itself. slot_names: every slot of the class and
  // its bases (interned, hence immortal: not counted).
  std::vector<StrObject*> slot_names;
  bool slotted = false;
  bool instance_dict = true;     // instances have a __dict__ (meaningful when slotted)
  bool instance_weakref = true;  // instances have __weakref__ (a __weakref__ slot is then refused)
};

// An instance of a user class. Its attributes live in one of two places
// (runtime/instance_attrs.hpp):
//   * inline: `dict` is null, and values[0, nvalues), allocated right after
//     this struct, hold the attributes named by the first nvalues names of
//     the class's InstanceKeys, in that order (which is insertion order);
//   * a dict: `dict` is the __dict__, nvalues is 0. An instance moves there
//     for good when it needs what inline values cannot do (a deletion, an
//     out-of-order or uninterned name, no room, `__dict__` handed out), and
//     exceptions, slotted classes and C++-made instances start there.
// A null value inline is an attribute the cycle collector cleared: absent.
struct InstanceObject : Object {
  DictObject* dict = nullptr;  // read with an acquire load: another thread may move the attributes there
  uint32_t nvalues = 0;        // inline values in use; under the instance's lock
  uint32_t capacity = 0;       // inline values allocated
  Value* values() { return reinterpret_cast<Value*>(this + 1); }
};
static_assert(sizeof(InstanceObject) % alignof(Value) == 0);

struct TraceEntry {
  CodeObject* code;  // owned
  int line;
};

struct ExceptionObject : InstanceObject {
  TupleObject* args;
  std::vector<TraceEntry> traceback;  // innermost last as frames unwind outward
  Value cause;     // __cause__ (Null = None)
  Value context;   // __context__
  bool suppress_context = false;
};

struct PropertyObject : Object {
  Value fget, fset, fdel, doc;
};

struct WrapperObject : Object {  // staticmethod / classmethod
  Value func;
};

struct Frame;
struct GeneratorObject : Object {
  Frame* frame;       // owned (heap frame); null once finished
  StrObject* name;
  StrObject* qualname;
  bool running = false;
  bool is_coroutine = false;
  // The frame of an async generator (`yield` in `async def`), which the
  // Python-level async_generator object drives (runtime/lib/_asyncgen.py):
  // ASYNC_GEN_WRAP sets yielded_wrapped before a `yield`, so that what the
  // frame hands out is known to be a value of the async generator and not
  // something an `await` inside it passes up to the event loop.
  bool is_async_gen = false;
  bool yielded_wrapped = false;
  bool finalized = false;  // close() has run on it as it died (runtime/gc.hpp, defer_finalizer)
  // The generator's own "exception being handled" (CPython's gi_exc_state):
  // set by PUSH_EXC_INFO / POP_EXCEPT in the generator's frame, kept while it
  // is suspended, so that an except block paused at a yield neither leaks its
  // exception into the caller nor loses it on resume. Owned, Null if none.
  Value exc_state;
  // While running: the caller's handled exception, moved out of the thread by
  // gen_resume and put back when the generator yields, returns or raises.
  // The generator's frame falls back to it when exc_state is Null (CPython's
  // exc_info chain). Owned, always Null while suspended.
  Value caller_handled;
};

// Built-in iterators share one layout; aux16 tells which.
enum class IterKind : uint16_t {
  Seq,        // list/tuple/str/bytes by index (seq, index)
  Range,      // (index = current, n1 = stop, n2 = step)
  DictKeys, DictValues, DictItems, SetItems,
  Enumerate,  // (seq = iterator, index = count)
  Zip,        // (seq = tuple of iterators)
  Map,        // (seq = tuple of iterators, aux = function)
  Filter,     // (seq = iterator, aux = function or None)
  Reversed,   // (seq = sequence, index = next index going down)
  Callable,   // iter(f, sentinel): (aux = f, seq = sentinel)
};

struct IteratorObject : Object {
  Value seq;
  Value aux;
  int64_t index = 0;
  int64_t n1 = 0, n2 = 0;
};

struct DictViewObject : Object {  // aux16: 0 keys, 1 values, 2 items
  DictObject* dict;
};

struct SuperObject : Object {
  TypeObject* start;   // search the MRO after this type
  Value self;
  TypeObject* self_type;
};

struct SingletonObject : Object {
  const char* name;
};

struct HostDataObject : Object {
  void* ptr;
  void (*destroy)(void*);
};

}  // namespace lockvm
