// The random module: CPython 3.11's `random`, bit for bit.
//
//   template <LockPolicy P> Value make_random_module(Thread<P>& t);
//
// The generator is CPython's Mersenne Twister (Modules/_randommodule.c) and
// every method follows Lib/random.py line by line, in the same order of
// draws, so that the same seed gives the same numbers, floats and all.
//
// A generator lives in a HostDataObject whose type is `random.Random`; the
// module's functions are natives bound to one such instance (`_inst`), as
// random.py binds its functions to `_inst`. Random instances cannot be
// subclassed (lockvm does not subclass built-in types yet).
#pragma once

#include <memory>

#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "runtime/methods_common.hpp"
#include "runtime/methods_numbers.hpp"
#include "runtime/modules_math.hpp"

namespace lockvm::rt {

template <LockPolicy P> Value make_random_module(Thread<P>& t);

namespace randm {

// ------------------------------------------------------------------ SHA-512
// seed(str/bytes) (version 2) appends the SHA-512 digest of the bytes to
// them. Neither abseil nor Boost provides SHA-512 (Boost has only sha1.hpp and
// md5.hpp in boost/uuid/detail), and OpenSSL is no dependency of lockvm, so
// here is a small one, straight from FIPS 180-4. Speed does not matter: a
// seed is hashed once.
inline std::array<uint8_t, 64> sha512(std::string_view msg) {
  static constexpr uint64_t K[80] = {
      0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
      0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
      0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
      0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
      0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
      0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
      0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
      0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
      0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
      0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
      0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
      0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
      0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
      0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
      0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
      0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};
  uint64_t h[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                   0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  auto rotr = [](uint64_t x, int n) { return (x >> n) | (x << (64 - n)); };
  // Padding: 0x80, zeros, then the length in bits as a 128-bit big-endian
  // number, up to a multiple of the 128-byte block.
  std::string buf(msg);
  buf.push_back(static_cast<char>(0x80));
  while (buf.size() % 128 != 112) buf.push_back('\0');
  uint64_t bits_hi = static_cast<uint64_t>(msg.size()) >> 61, bits_lo = static_cast<uint64_t>(msg.size()) << 3;
  for (int i = 7; i >= 0; --i) buf.push_back(static_cast<char>(bits_hi >> (8 * i)));
  for (int i = 7; i >= 0; --i) buf.push_back(static_cast<char>(bits_lo >> (8 * i)));
  for (size_t off = 0; off < buf.size(); off += 128) {
    uint64_t w[80];
    for (int i = 0; i < 16; ++i) {
      w[i] = 0;
      for (int b = 0; b < 8; ++b) w[i] = (w[i] << 8) | static_cast<uint8_t>(buf[off + 8 * i + b]);
    }
    for (int i = 16; i < 80; ++i) {
      uint64_t s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; ++i) {
      uint64_t t1 = hh + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
      uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  std::array<uint8_t, 64> out;
  for (int i = 0; i < 8; ++i)
    for (int b = 0; b < 8; ++b) out[8 * i + b] = static_cast<uint8_t>(h[i] >> (56 - 8 * b));
  return out;
}

// ------------------------------------------------------- Mersenne Twister
// MT19937 exactly as Modules/_randommodule.c has it (init_genrand,
// init_by_array, genrand_uint32, random_random).
struct MT {
  static constexpr int N = 624, M = 397;
  uint32_t mt[N] = {};
  int index = N + 1;  // N + 1: not seeded yet

  void init_genrand(uint32_t s) {
    mt[0] = s;
    for (int i = 1; i < N; ++i) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<uint32_t>(i);
    index = N;
  }

  void init_by_array(const uint32_t* key, size_t len) {
    init_genrand(19650218u);
    size_t i = 1, j = 0;
    for (size_t k = N > len ? N : len; k; --k) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<uint32_t>(j);
      ++i, ++j;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (size_t k = N - 1; k; --k) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
      if (++i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000u;  // MSB is 1, assuring a non-zero initial array
  }

  uint32_t next() {
    static constexpr uint32_t mag01[2] = {0x0u, 0x9908b0dfu};
    constexpr uint32_t upper = 0x80000000u, lower = 0x7fffffffu;
    if (index >= N) {
      int kk = 0;
      for (; kk < N - M; ++kk) {
        uint32_t y = (mt[kk] & upper) | (mt[kk + 1] & lower);
        mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[y & 1u];
      }
      for (; kk < N - 1; ++kk) {
        uint32_t y = (mt[kk] & upper) | (mt[kk + 1] & lower);
        mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 1u];
      }
      uint32_t y = (mt[N - 1] & upper) | (mt[0] & lower);
      mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[y & 1u];
      index = 0;
    }
    uint32_t y = mt[index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }

  // 53 random bits: 27 from one word and 26 from the next.
  double random() {
    uint32_t a = next() >> 5, b = next() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  // getrandbits(k) for 1 <= k <= 64, filled by 32-bit words from the least
  // significant end, the last word keeping its top bits (as CPython does).
  uint64_t bits64(int k) {
    if (k <= 32) return next() >> (32 - k);
    uint64_t lo = next();
    uint64_t hi = next() >> (64 - k);
    return lo | (hi << 32);
  }

  BigInt bits_big(int64_t k) {
    std::vector<uint32_t> words(static_cast<size_t>((k - 1) / 32 + 1));
    for (uint32_t& w : words) {
      uint32_t r = next();
      if (k < 32) r >>= (32 - k);
      w = r;
      k -= 32;
    }
    BigInt v;
    boost::multiprecision::import_bits(v, words.begin(), words.end(), 32, false);
    return v;
  }

  // _randbelow_with_getrandbits: k = n.bit_length() bits until one is < n.
  uint64_t below(uint64_t n) {
    int k = 64 - __builtin_clzll(n);
    uint64_t r = bits64(k);
    while (r >= n) r = bits64(k);
    return r;
  }

  BigInt below(const BigInt& n) {
    if (n <= std::numeric_limits<uint64_t>::max()) return BigInt(below(static_cast<uint64_t>(n)));
    int64_t k = static_cast<int64_t>(boost::multiprecision::msb(n)) + 1;
    BigInt r = bits_big(k);
    while (r >= n) r = bits_big(k);
    return r;
  }

  // random_seed: an int's absolute value, cut into 32-bit words from the right.
  void seed_int(BigInt n) {
    if (n < 0) n = -n;
    std::vector<uint32_t> key;
    boost::multiprecision::export_bits(n, std::back_inserter(key), 32, false);
    if (key.empty()) key.push_back(0);
    init_by_array(key.data(), key.size());
  }

  // seed() / seed(None): 624 words from the OS, else time and pid (as
  // random_seed_urandom / random_seed_time_pid).
  void seed_os() {
    uint32_t key[N];
    size_t got = 0;
    while (got < sizeof key) {
      ssize_t r = getrandom(reinterpret_cast<char*>(key) + got, sizeof key - got, 0);
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    if (got == sizeof key) {
      init_by_array(key, N);
      return;
    }
    auto ns = std::chrono::system_clock::now().time_since_epoch().count();
    auto mono = std::chrono::steady_clock::now().time_since_epoch().count();
    uint32_t k[5] = {static_cast<uint32_t>(ns), static_cast<uint32_t>(static_cast<uint64_t>(ns) >> 32),
                     static_cast<uint32_t>(getpid()), static_cast<uint32_t>(mono),
                     static_cast<uint32_t>(static_cast<uint64_t>(mono) >> 32)};
    init_by_array(k, 5);
  }
};

// One Random instance's state: the twister plus random.py's gauss_next.
// It owns a reference to its type, as user-class instances do.
struct RandomState {
  MT mt;
  bool has_gauss = false;  // gauss_next is not None
  double gauss_next = 0.0;
  TypeObject* type = nullptr;
};

template <LockPolicy P>
void destroy_state(void* p) {
  std::unique_ptr<RandomState> s(static_cast<RandomState*>(p));
  TypeObject* type = s->type;
  s.reset();
  decref<P>(type);  // queued by the freeing loop that is running us
}

// Access to one generator. Every draw holds the instance's object lock (a
// no-op under nolock/gil), and never while other objects are locked or user
// code runs, so the per-object-lock policies get no lock-order problems.
template <LockPolicy P>
struct Gen {
  Object* obj = nullptr;
  RandomState* s = nullptr;

  double random() {
    ObjectGuard<P> g(obj);
    return s->mt.random();
  }
  uint64_t below(uint64_t n) {
    ObjectGuard<P> g(obj);
    return s->mt.below(n);
  }
  BigInt below(const BigInt& n) {
    ObjectGuard<P> g(obj);
    return s->mt.below(n);
  }
};

template <LockPolicy P>
bool is_random_instance(const Value& v) {
  return is_kind(v, Kind::HostData) && static_cast<HostDataObject*>(v.o)->destroy == &destroy_state<P>;
}

// args[0] must be a Random instance (methods called through the class can
// be handed anything). CPython's wording for its C methods.
template <LockPolicy P>
bool self_of(Thread<P>& t, const Value* args, size_t nargs, const char* meth, Gen<P>& out) {
  if (nargs == 0) {
    raisef(t, t.types().TypeError, "unbound method Random.", meth, "() needs an argument");
    return false;
  }
  if (!is_random_instance<P>(args[0])) {
    raisef(t, t.types().TypeError, "descriptor '", meth, "' for '_random.Random' objects doesn't apply to a '",
           type_name(t, args[0]), "' object");
    return false;
  }
  out.obj = args[0].o;
  out.s = static_cast<RandomState*>(static_cast<HostDataObject*>(args[0].o)->ptr);
  return true;
}

// random.py computes its constants with libm when it is imported; compute
// them the same way at run time (GCC would fold them at compile time with
// MPFR, which could differ in the last bit).
inline double libm(double (*fn)(double), double x) {
  volatile double in = x;
  return fn(in);
}
inline double c_exp(double x) { return std::exp(x); }
inline double c_log(double x) { return std::log(x); }
inline double c_sqrt(double x) { return std::sqrt(x); }

// ast::BinOpKind, for binary_op.
enum Op { Add = 0, Sub = 1, Mult = 2, Div = 4 };

template <LockPolicy P>
Value int_value(Thread<P>& t, uint64_t v) {
  if (v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return Value::integer(static_cast<int64_t>(v));
  return new_bigint(t, BigInt(v));
}

inline BigInt floor_div(const BigInt& a, const BigInt& b) {
  BigInt q = a / b;
  if (q * b != a && ((a < 0) != (b < 0))) --q;
  return q;
}

// A C `int` argument (the "i" converter of getrandbits).
template <LockPolicy P>
bool c_int_arg(Thread<P>& t, const Value& v, int64_t& out) {
  if (v.is_float()) {
    raise(t, t.types().TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  BigInt b;
  if (!mathm::int_arg(t, v, b)) return false;
  if (b > std::numeric_limits<int>::max() || b < std::numeric_limits<int>::min()) {
    raise(t, t.types().OverflowError, "Python int too large to convert to C int");
    return false;
  }
  out = static_cast<int64_t>(b);
  return true;
}

// ------------------------------------------------------------------ seeding

// random.py's Random.seed followed by _random.Random.seed.
template <LockPolicy P>
bool do_seed(Thread<P>& t, Gen<P>& g, const Value& a, const Value& version) {
  int v1 = 0, v2 = 0;  // version == 1, version == 2
  if (is_str(a) || is_kind(a, Kind::Bytes)) {
    v1 = equal(t, version, Value::integer(1));
    if (v1 < 0) return false;
    if (!v1) {
      v2 = equal(t, version, Value::integer(2));
      if (v2 < 0) return false;
    }
  }
  std::string_view text = is_str(a) ? as_str(a)->view()
                          : is_kind(a, Kind::Bytes) ? static_cast<BytesObject*>(a.o)->view()
                                                    : std::string_view();
  if (a.is_null() || a.is_none()) {
    ObjectGuard<P> guard(g.obj);
    g.s->mt.seed_os();
    g.s->has_gauss = false;
    return true;
  }
  BigInt n;
  if (v1) {
    // The old (Python 2) string hash, over code points (bytes as latin-1).
    std::vector<uint32_t> cps;
    if (is_str(a)) {
      for (size_t i = 0; i < text.size();) cps.push_back(static_cast<uint32_t>(unicode::decode(text, i)));
    } else {
      for (unsigned char c : text) cps.push_back(c);
    }
    uint64_t x = cps.empty() ? 0 : static_cast<uint64_t>(cps[0]) << 7;
    for (uint32_t c : cps) x = (1000003 * x) ^ c;  // & 0xFFFFFFFFFFFFFFFF: uint64 wraps
    x ^= cps.size();
    n = BigInt(x);
  } else if (v2) {
    // int.from_bytes(a + sha512(a).digest()), big-endian (3.11's default).
    std::array<uint8_t, 64> d = sha512(text);
    std::vector<uint8_t> bytes(text.begin(), text.end());
    bytes.insert(bytes.end(), d.begin(), d.end());
    boost::multiprecision::import_bits(n, bytes.begin(), bytes.end(), 8, true);
  } else if (is_integer_value(a)) {
    n = to_bigint(a);
  } else if (a.is_float() || is_str(a) || is_kind(a, Kind::Bytes)) {
    // Other seeds go by their hash, taken as an unsigned size_t.
    int64_t h;
    if (!hash(t, a, h)) return false;
    n = BigInt(static_cast<uint64_t>(h));
  } else {
    raise(t, t.types().TypeError,
          "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    return false;
  }
  ObjectGuard<P> guard(g.obj);
  g.s->mt.seed_int(n);
  g.s->has_gauss = false;
  return true;
}

template <LockPolicy P>
Value r_seed(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "seed", g)) return Value();
  Value a[2];
  if (!bind_args(t, "seed", args + 1, nargs - 1, kw, {"a", "version"}, 0, a)) return Value();
  if (!do_seed(t, g, a[0], a[1].is_null() ? Value::integer(2) : a[1])) return Value();
  return Value::none();
}

// random.Random(x=None): a new generator seeded with x.
template <LockPolicy P>
Value r_new(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!bind_args(t, "Random", args, nargs, kw, {"cls", "x"}, 1, a)) return Value();
  if (!is_kind(a[0], Kind::Type)) return raise(t, t.types().TypeError, "Random.__new__(X): X is not a type object");
  auto* h = alloc_object<P, HostDataObject>(as_type(a[0]), Kind::HostData);
  auto state = std::make_unique<RandomState>();
  RandomState* s = state.get();
  s->type = as_type(a[0]);
  incref<P>(s->type);
  h->ptr = state.release();  // owned by the object: destroy_state frees it
  h->destroy = &destroy_state<P>;
  Ref<P> inst(Value::object(h));
  Gen<P> g{h, s};
  if (!do_seed(t, g, a[1], Value::integer(2))) return Value();
  return inst.release();
}

// ---------------------------------------------------------- core methods

template <LockPolicy P>
Value r_random(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "random", g) || !bi::arg_none(t, "Random.random", nargs - 1, kw)) return Value();
  return Value::number(g.random());
}

template <LockPolicy P>
Value r_getrandbits(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "getrandbits", g) || !bi::arg_one(t, "Random.getrandbits", nargs - 1, kw))
    return Value();
  int64_t k;
  if (!c_int_arg(t, args[1], k)) return Value();
  if (k < 0) return raise(t, t.types().ValueError, "number of bits must be non-negative");
  if (k == 0) return Value::integer(0);
  ObjectGuard<P> guard(g.obj);
  if (k <= 64) return int_value(t, g.s->mt.bits64(static_cast<int>(k)));
  return new_bigint(t, g.s->mt.bits_big(k));
}

template <LockPolicy P>
Value r_getstate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "getstate", g) || !bi::arg_none(t, "Random.getstate", nargs - 1, kw)) return Value();
  TupleObject* inner = alloc_tuple(t, MT::N + 1);
  Ref<P> keep(Value::object(inner));
  double gauss;
  bool has_gauss;
  {
    ObjectGuard<P> guard(g.obj);
    for (int i = 0; i < MT::N; ++i) inner->items[i] = Value::integer(g.s->mt.mt[i]);
    inner->items[MT::N] = Value::integer(g.s->mt.index);
    gauss = g.s->gauss_next;
    has_gauss = g.s->has_gauss;
  }
  Value items[3] = {Value::integer(3), *keep, has_gauss ? Value::number(gauss) : Value::none()};
  return new_tuple(t, items, 3);
}

// One word of a state vector: PyLong_AsUnsignedLong, then cut to 32 bits.
template <LockPolicy P>
bool state_word(Thread<P>& t, const Value& v, bool mod32, uint64_t& out) {
  if (!is_integer_value(v)) {
    raise(t, t.types().TypeError, "an integer is required");
    return false;
  }
  BigInt b = to_bigint(v);
  if (mod32) {  // version 2 states: x % 2**32
    b %= BigInt(1) << 32;
    if (b < 0) b += BigInt(1) << 32;
  }
  if (b < 0) {
    raise(t, t.types().OverflowError, "can't convert negative value to unsigned int");
    return false;
  }
  if (b > std::numeric_limits<uint64_t>::max()) {
    raise(t, t.types().OverflowError, "Python int too large to convert to C unsigned long");
    return false;
  }
  out = static_cast<uint64_t>(b);
  return true;
}

template <LockPolicy P>
Value r_setstate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "setstate", g) || !bi::arg_one(t, "Random.setstate", nargs - 1, kw)) return Value();
  const Value& state = args[1];
  Ref<P> version(getitem(t, state, Value::integer(0)));
  if (version.is_null()) return Value();
  int is3 = equal(t, *version, Value::integer(3));
  if (is3 < 0) return Value();
  int is2 = is3 ? 0 : equal(t, *version, Value::integer(2));
  if (is2 < 0) return Value();
  if (!is3 && !is2) {
    std::string vs;
    if (!str_into(t, *version, vs)) return Value();
    return raisef(t, t.types().ValueError, "state with version ", vs, " passed to Random.setstate() of version 3");
  }
  // version, internalstate, self.gauss_next = state
  bi::Items<P> parts;
  if (!bi::collect(t, state, parts)) return Value();
  if (parts.v.size() != 3) {
    if (parts.v.size() > 3) return raise(t, t.types().ValueError, "too many values to unpack (expected 3)");
    return raisef(t, t.types().ValueError, "not enough values to unpack (expected 3, got ", parts.v.size(), ")");
  }
  // gauss_next is kept as a double: only None and numbers are accepted.
  const Value& gn = parts.v[2];
  double gauss = 0.0;
  if (!gn.is_none()) {
    if (!is_number(gn)) return raise(t, t.types().TypeError, "gauss_next must be None or a number");
    if (!numm::to_double_safe(t, gn, gauss)) return Value();
  }
  {
    ObjectGuard<P> guard(g.obj);
    g.s->has_gauss = !gn.is_none();
    g.s->gauss_next = gauss;
  }
  const Value& inner = parts.v[1];
  if (!is_kind(inner, Kind::Tuple)) return raise(t, t.types().TypeError, "state vector must be a tuple");
  TupleObject* tup = as_tuple(inner);
  if (tup->size != MT::N + 1) return raise(t, t.types().ValueError, "state vector is the wrong size");
  uint32_t words[MT::N];
  for (int i = 0; i < MT::N; ++i) {
    uint64_t w;
    if (!state_word(t, tup->items[i], is2, w)) return Value();
    words[i] = static_cast<uint32_t>(w);
  }
  const Value& iv = tup->items[MT::N];
  int64_t index;
  if (is2) {
    uint64_t w;
    if (!state_word(t, iv, true, w)) return Value();
    index = static_cast<int64_t>(w);
  } else if (!to_int64(t, iv, index)) {
    return Value();
  }
  if (index < 0 || index > MT::N) return raise(t, t.types().ValueError, "invalid state");
  ObjectGuard<P> guard(g.obj);
  std::copy(words, words + MT::N, g.s->mt.mt);
  g.s->mt.index = static_cast<int>(index);
  return Value::none();
}

// ---------------------------------------------------------- integers

// randrange's argument check: operator.index(x), or else int(x) when that
// loses nothing (CPython also warns there; lockvm has no warnings module).
template <LockPolicy P>
bool range_arg(Thread<P>& t, const Value& v, const char* which, BigInt& out) {
  if (is_integer_value(v)) {
    out = to_bigint(v);
    return true;
  }
  if (mathm::int_arg(t, v, out)) return true;
  if (!exception_matches(t, t.types().TypeError)) return false;
  clear_exception(t);
  Value iv = construct(t, t.types().int_, &v, 1, nullptr);
  if (iv.is_null()) return false;
  Ref<P> keep(iv);
  int same = equal(t, iv, v);
  if (same < 0) return false;
  if (!same) {
    raisef(t, t.types().ValueError, "non-integer ", which, " for randrange()");
    return false;
  }
  out = to_bigint(iv);
  return true;
}

// Random.randrange(start, stop=None, step=1). stop/step Null: not given.
template <LockPolicy P>
Value randrange(Thread<P>& t, Gen<P>& g, const Value& start, const Value& stop, const Value& step) {
  // Fast path: small ints, no step (the usual randrange(n) / randint(a, b)).
  if (start.is_int() && (stop.is_null() || stop.is_none() || stop.is_int()) && step.is_null()) {
    __int128 lo = start.i;
    if (stop.is_null() || stop.is_none()) {
      if (lo > 0) return Value::integer(static_cast<int64_t>(g.below(static_cast<uint64_t>(lo))));
      return raise(t, t.types().ValueError, "empty range for randrange()");
    }
    __int128 width = static_cast<__int128>(stop.i) - lo;
    if (width > 0) return Value::integer(static_cast<int64_t>(lo + g.below(static_cast<uint64_t>(width))));
    // An empty range: the general path below words the error.
  }
  BigInt istart;
  if (!range_arg(t, start, "arg 1", istart)) return Value();
  if (stop.is_null() || stop.is_none()) {
    // `step is not _ONE`: only the int 1 itself counts as "not given".
    if (!step.is_null() && !(step.is_int() && step.i == 1))
      return raise(t, t.types().TypeError, "Missing a non-None stop argument");
    if (istart > 0) return new_bigint(t, g.below(istart));
    return raise(t, t.types().ValueError, "empty range for randrange()");
  }
  BigInt istop;
  if (!range_arg(t, stop, "stop", istop)) return Value();
  BigInt width = istop - istart;
  BigInt istep = 1;
  if (!step.is_null() && !range_arg(t, step, "step", istep)) return Value();
  if (istep == 1) {
    if (width > 0) return new_bigint(t, istart + g.below(width));
    return raisef(t, t.types().ValueError, "empty range for randrange() (", istart.str(), ", ", istop.str(), ", ",
                  width.str(), ")");
  }
  BigInt n;
  if (istep > 0) n = floor_div(width + istep - 1, istep);
  else if (istep < 0) n = floor_div(width + istep + 1, istep);
  else return raise(t, t.types().ValueError, "zero step for randrange()");
  if (n <= 0) return raise(t, t.types().ValueError, "empty range for randrange()");
  return new_bigint(t, istart + istep * g.below(n));
}

template <LockPolicy P>
Value r_randrange(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "randrange", g)) return Value();
  Value a[3];
  if (!bind_args(t, "randrange", args + 1, nargs - 1, kw, {"start", "stop", "step"}, 1, a)) return Value();
  return randrange(t, g, a[0], a[1], a[2]);
}

template <LockPolicy P>
Value r_randint(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "randint", g)) return Value();
  Value a[2];
  if (!bind_args(t, "randint", args + 1, nargs - 1, kw, {"a", "b"}, 2, a)) return Value();
  Ref<P> stop(binary_op(t, Add, a[1], Value::integer(1)));  // randrange(a, b + 1)
  if (stop.is_null()) return Value();
  return randrange(t, g, a[0], *stop, Value());
}

template <LockPolicy P>
Value r_randbytes(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "randbytes", g)) return Value();
  Value a[1];
  if (!bind_args(t, "randbytes", args + 1, nargs - 1, kw, {"n"}, 1, a)) return Value();
  // getrandbits(n * 8).to_bytes(n, 'little'): the words, low byte first.
  int64_t n;
  if (!c_int_arg(t, a[0], n)) return Value();
  if (n < 0) return raise(t, t.types().ValueError, "number of bits must be non-negative");
  if (n * 8 > std::numeric_limits<int>::max())
    return raise(t, t.types().OverflowError, "Python int too large to convert to C int");
  std::string out;
  out.reserve(static_cast<size_t>(n) + 4);
  {
    ObjectGuard<P> guard(g.obj);
    for (int64_t k = n * 8; k > 0; k -= 32) {
      uint32_t r = g.s->mt.next();
      if (k < 32) r >>= (32 - k);
      for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>(r >> (8 * b)));
    }
  }
  out.resize(static_cast<size_t>(n));
  return new_bytes(t, out);
}

// ---------------------------------------------------------- sequences

template <LockPolicy P>
Value item_at(Thread<P>& t, const Value& seq, int64_t i) {
  if (is_kind(seq, Kind::List)) {
    ListObject* l = as_list(seq);
    ObjectGuard<P> guard(l);
    if (i >= 0 && static_cast<size_t>(i) < l->items.size()) return share<P>(l->items[i]);
  } else if (is_kind(seq, Kind::Tuple)) {
    TupleObject* tup = as_tuple(seq);
    if (i >= 0 && static_cast<uint64_t>(i) < tup->size) return share<P>(tup->items[i]);
  }
  return getitem(t, seq, Value::integer(i));
}

template <LockPolicy P>
Value r_choice(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "choice", g)) return Value();
  Value a[1];
  if (!bind_args(t, "choice", args + 1, nargs - 1, kw, {"seq"}, 1, a)) return Value();
  int64_t n = length(t, a[0]);
  if (n < 0) return Value();
  if (n == 0) return raise(t, t.types().IndexError, "Cannot choose from an empty sequence");
  return item_at(t, a[0], static_cast<int64_t>(g.below(static_cast<uint64_t>(n))));
}

template <LockPolicy P>
Value r_shuffle(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "shuffle", g)) return Value();
  Value a[1];
  if (!bind_args(t, "shuffle", args + 1, nargs - 1, kw, {"x"}, 1, a)) return Value();
  const Value& x = a[0];
  int64_t n = length(t, x);
  if (n < 0) return Value();
  // for i in reversed(range(1, len(x))): j = randbelow(i + 1); x[i], x[j] = x[j], x[i]
  for (int64_t i = n - 1; i >= 1; --i) {
    int64_t j = static_cast<int64_t>(g.below(static_cast<uint64_t>(i + 1)));
    if (is_kind(x, Kind::List)) {
      ListObject* l = as_list(x);
      bool ok;
      {
        ObjectGuard<P> guard(l);
        ok = static_cast<size_t>(i) < l->items.size();
        if (ok) std::swap(l->items[i], l->items[j]);
      }
      if (!ok) return raise(t, t.types().IndexError, "list index out of range");
      continue;
    }
    Ref<P> xj(getitem(t, x, Value::integer(j)));
    if (xj.is_null()) return Value();
    Ref<P> xi(getitem(t, x, Value::integer(i)));
    if (xi.is_null()) return Value();
    if (setitem(t, x, Value::integer(i), *xj) < 0 || setitem(t, x, Value::integer(j), *xi) < 0) return Value();
  }
  return Value::none();
}

// bisect.bisect_right(a, x, lo, hi) on a snapshot of a's items: the first
// position whose item is greater than x (`x < a[mid]`, as _bisect compares).
template <LockPolicy P>
bool bisect_right(Thread<P>& t, const std::vector<Value>& a, const Value& x, int64_t lo, int64_t hi, int64_t& out) {
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    int lt = compare_bool(t, x, a[mid], 2);
    if (lt < 0) return false;
    if (lt) hi = mid;
    else lo = mid + 1;
  }
  out = lo;
  return true;
}

// list(itertools.accumulate(iterable)) with +.
template <LockPolicy P>
bool accumulate(Thread<P>& t, const Value& iterable, bi::Items<P>& out) {
  bi::Items<P> items;
  if (!bi::collect(t, iterable, items)) return false;
  for (Value& v : items.v) {
    if (out.v.empty()) {
      out.v.push_back(share<P>(v));
      continue;
    }
    Value s = binary_op(t, Add, out.v.back(), v);
    if (s.is_null()) return false;
    out.v.push_back(s);
  }
  return true;
}

// The selections of sample(): k distinct indices below n, in CPython's
// order of draws (a pool when an n-list is smaller than a k-set, else a set
// of indices already taken).
template <LockPolicy P>
void sample_indices(Gen<P>& g, int64_t n, int64_t k, std::vector<int64_t>& out) {
  out.resize(static_cast<size_t>(k));
  __int128 setsize = 21;  // size of a small set minus size of an empty list
  if (k > 5) {
    // 4 ** _ceil(_log(k * 3, 4)), with math.log's arithmetic: log(x) / log(4.0).
    double e = std::ceil(std::log(static_cast<double>(k * 3)) / libm(c_log, 4.0));
    setsize += e >= 60 ? static_cast<__int128>(1) << 120 : static_cast<__int128>(1) << (2 * static_cast<int>(e));
  }
  if (n <= setsize) {
    std::vector<int64_t> pool(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) pool[i] = i;
    for (int64_t i = 0; i < k; ++i) {
      int64_t j = static_cast<int64_t>(g.below(static_cast<uint64_t>(n - i)));
      out[i] = pool[j];
      pool[j] = pool[n - i - 1];  // move the non-selected item into the vacancy
    }
  } else {
    std::unordered_set<int64_t> selected;
    for (int64_t i = 0; i < k; ++i) {
      int64_t j = static_cast<int64_t>(g.below(static_cast<uint64_t>(n)));
      while (selected.count(j)) j = static_cast<int64_t>(g.below(static_cast<uint64_t>(n)));
      selected.insert(j);
      out[i] = j;
    }
  }
}

// sample's `if not 0 <= k <= n`, then `[None] * k`.
template <LockPolicy P>
bool sample_k(Thread<P>& t, const Value& k, int64_t n, int64_t& out) {
  int ge = compare_bool(t, Value::integer(0), k, 3);
  if (ge < 0) return false;
  int le = ge ? compare_bool(t, k, Value::integer(n), 3) : 0;
  if (le < 0) return false;
  if (!ge || !le) {
    raise(t, t.types().ValueError, "Sample larger than population or is negative");
    return false;
  }
  if (!is_integer_value(k)) {
    raisef(t, t.types().TypeError, "can't multiply sequence by non-int of type '", type_name(t, k), "'");
    return false;
  }
  out = as_int_like(k);  // 0 <= k <= n: a small int
  return true;
}

template <LockPolicy P>
Value r_sample(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "sample", g)) return Value();
  Value a[3];
  if (!bind_args(t, "sample", args + 1, nargs - 1, kw, {"population", "k", "*counts"}, 2, a)) return Value();
  const Value& pop = a[0];
  // isinstance(population, collections.abc.Sequence)
  if (!(is_kind(pop, Kind::List) || is_kind(pop, Kind::Tuple) || is_str(pop) || is_kind(pop, Kind::Bytes) ||
        is_kind(pop, Kind::Range)))
    return raise(t, t.types().TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
  int64_t n = length(t, pop);
  if (n < 0) return Value();
  std::vector<int64_t> picks;
  Ref<P> result;
  if (!a[2].is_null() && !a[2].is_none()) {
    // counts: sample range(total), then map each pick to its element with
    // bisect over the cumulative counts.
    bi::Items<P> cum;
    if (!accumulate(t, a[2], cum)) return Value();
    if (static_cast<int64_t>(cum.v.size()) != n)
      return raise(t, t.types().ValueError, "The number of counts does not match the population");
    if (cum.v.empty()) return raise(t, t.types().IndexError, "pop from empty list");
    Ref<P> total(cum.v.back());
    cum.v.pop_back();
    if (!is_integer_value(*total)) return raise(t, t.types().TypeError, "Counts must be integers");
    if (to_bigint(*total) <= 0) return raise(t, t.types().ValueError, "Total of counts must be greater than zero");
    if (!total->is_int())
      return raise(t, t.types().OverflowError, "Python int too large to convert to C ssize_t");
    int64_t k;
    if (!sample_k(t, a[1], total->i, k)) return Value();
    sample_indices(g, total->i, k, picks);
    result = Ref<P>(new_list(t));
    for (int64_t s : picks) {
      int64_t idx;
      if (!bisect_right(t, cum.v, Value::integer(s), 0, static_cast<int64_t>(cum.v.size()), idx)) return Value();
      Value v = item_at(t, pop, idx);
      if (v.is_null()) return v;
      as_list(*result)->items.push_back(v);
    }
    return result.release();
  }
  int64_t k;
  if (!sample_k(t, a[1], n, k)) return Value();
  sample_indices(g, n, k, picks);
  result = Ref<P>(new_list(t));
  for (int64_t j : picks) {
    Value v = item_at(t, pop, j);
    if (v.is_null()) return v;
    as_list(*result)->items.push_back(v);
  }
  return result.release();
}

template <LockPolicy P>
Value r_choices(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "choices", g)) return Value();
  Value a[4];
  if (!bind_args(t, "choices", args + 1, nargs - 1, kw, {"population", "weights", "*cum_weights", "*k"}, 1, a))
    return Value();
  const Value& pop = a[0];
  bool has_weights = !a[1].is_null() && !a[1].is_none();
  bool has_cum = !a[2].is_null() && !a[2].is_none();
  int64_t n = length(t, pop);
  if (n < 0) return Value();
  auto repeat_count = [&](int64_t& k) {  // itertools.repeat(None, k)
    if (a[3].is_null()) {
      k = 1;
      return true;
    }
    if (!bi::to_ssize(t, a[3], k)) return false;
    if (k < 0) k = 0;
    return true;
  };
  int64_t k;
  Ref<P> result;
  if (!has_cum && !has_weights) {
    double nf = static_cast<double>(n);
    if (!repeat_count(k)) return Value();
    result = Ref<P>(new_list(t));
    for (int64_t i = 0; i < k; ++i) {
      Value v = item_at(t, pop, static_cast<int64_t>(std::floor(g.random() * nf)));
      if (v.is_null()) return v;
      as_list(*result)->items.push_back(v);
    }
    return result.release();
  }
  bi::Items<P> cum;
  if (!has_cum) {
    if (!accumulate(t, a[1], cum)) {
      if (exception_matches(t, t.types().TypeError) && is_integer_value(a[1])) {
        clear_exception(t);
        std::string ks;
        if (!repr_into(t, a[1], ks)) return Value();
        return raisef(t, t.types().TypeError, "The number of choices must be a keyword argument: k=", ks);
      }
      return Value();
    }
  } else if (has_weights) {
    return raise(t, t.types().TypeError, "Cannot specify both weights and cumulative weights");
  } else {
    int64_t len = length(t, a[2]);
    if (len < 0) return Value();
    if (len != n) return raise(t, t.types().ValueError, "The number of weights does not match the population");
    if (!bi::collect(t, a[2], cum)) return Value();
  }
  if (static_cast<int64_t>(cum.v.size()) != n)
    return raise(t, t.types().ValueError, "The number of weights does not match the population");
  if (cum.v.empty()) return raise(t, t.types().IndexError, "list index out of range");
  // total = cum_weights[-1] + 0.0
  Ref<P> total_v(binary_op(t, Add, cum.v.back(), Value::number(0.0)));
  if (total_v.is_null()) return Value();
  double total;
  if (!mathm::num_arg(t, *total_v, total)) return Value();
  if (total <= 0.0) return raise(t, t.types().ValueError, "Total of weights must be greater than zero");
  if (!std::isfinite(total)) return raise(t, t.types().ValueError, "Total of weights must be finite");
  // Floats and ints of up to 53 bits compare with a float exactly as doubles.
  std::vector<double> fast;
  for (const Value& w : cum.v) {
    if (w.is_float()) fast.push_back(w.f);
    else if (w.is_int() && w.i >= -(int64_t(1) << 53) && w.i <= (int64_t(1) << 53)) fast.push_back(static_cast<double>(w.i));
    else break;
  }
  bool use_fast = fast.size() == cum.v.size();
  int64_t hi = n - 1;
  if (!repeat_count(k)) return Value();
  result = Ref<P>(new_list(t));
  for (int64_t i = 0; i < k; ++i) {
    double x = g.random() * total;
    int64_t idx;
    if (use_fast) {
      idx = std::upper_bound(fast.begin(), fast.begin() + hi, x) - fast.begin();
    } else if (!bisect_right(t, cum.v, Value::number(x), 0, hi, idx)) {
      return Value();
    }
    Value v = item_at(t, pop, idx);
    if (v.is_null()) return v;
    as_list(*result)->items.push_back(v);
  }
  return result.release();
}

// ---------------------------------------------------------- distributions

constexpr double kTwoPi = 2.0 * M_PI;

// Python float arithmetic where random.py relies on it: `a + b * c` with
// whatever numbers the caller passed (ints stay exact until mixed with a float).
template <LockPolicy P>
Value add_mul(Thread<P>& t, const Value& a, const Value& b, const Value& c) {
  Ref<P> prod(binary_op(t, Mult, b, c));
  if (prod.is_null()) return Value();
  return binary_op(t, Add, a, *prod);
}

template <LockPolicy P>
Value r_uniform(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "uniform", g)) return Value();
  Value a[2];
  if (!bind_args(t, "uniform", args + 1, nargs - 1, kw, {"a", "b"}, 2, a)) return Value();
  Ref<P> diff(binary_op(t, Sub, a[1], a[0]));  // a + (b - a) * self.random()
  if (diff.is_null()) return Value();
  return add_mul(t, a[0], *diff, Value::number(g.random()));
}

template <LockPolicy P>
Value r_triangular(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "triangular", g)) return Value();
  Value a[3];
  if (!bind_args(t, "triangular", args + 1, nargs - 1, kw, {"low", "high", "mode"}, 0, a)) return Value();
  Value low = a[0].is_null() ? Value::number(0.0) : a[0];
  Value high = a[1].is_null() ? Value::number(1.0) : a[1];
  double u = g.random();
  Ref<P> c;
  if (a[2].is_null() || a[2].is_none()) {
    c = Ref<P>(Value::number(0.5));
  } else {
    Ref<P> num(binary_op(t, Sub, a[2], low));
    if (num.is_null()) return Value();
    Ref<P> den(binary_op(t, Sub, high, low));
    if (den.is_null()) return Value();
    c = Ref<P>(binary_op(t, Div, *num, *den));
    if (c.is_null()) {
      if (!exception_matches(t, t.types().ZeroDivisionError)) return Value();
      clear_exception(t);
      return share<P>(low);
    }
  }
  int gt = compare_bool(t, Value::number(u), *c, 4);
  if (gt < 0) return Value();
  if (gt) {
    u = 1.0 - u;
    c = Ref<P>(binary_op(t, Sub, Value::number(1.0), *c));
    if (c.is_null()) return Value();
    std::swap(low, high);
  }
  Ref<P> uc(binary_op(t, Mult, Value::number(u), *c));
  if (uc.is_null()) return Value();
  double ucd;
  if (!mathm::num_arg(t, *uc, ucd)) return Value();
  if (ucd < 0) return mathm::domain_error(t);
  Ref<P> span(binary_op(t, Sub, high, low));
  if (span.is_null()) return Value();
  return add_mul(t, low, *span, Value::number(std::sqrt(ucd)));
}

template <LockPolicy P>
Value r_gauss(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "gauss", g)) return Value();
  Value a[2];
  if (!bind_args(t, "gauss", args + 1, nargs - 1, kw, {"mu", "sigma"}, 0, a)) return Value();
  double z;
  {
    ObjectGuard<P> guard(g.obj);
    RandomState& s = *g.s;
    if (s.has_gauss) {
      z = s.gauss_next;
      s.has_gauss = false;
    } else {
      double x2pi = s.mt.random() * kTwoPi;
      double g2rad = std::sqrt(-2.0 * std::log(1.0 - s.mt.random()));
      z = std::cos(x2pi) * g2rad;
      s.gauss_next = std::sin(x2pi) * g2rad;
      s.has_gauss = true;
    }
  }
  return add_mul(t, a[0].is_null() ? Value::number(0.0) : a[0], Value::number(z),
                 a[1].is_null() ? Value::number(1.0) : a[1]);
}

// Kinderman and Monahan's ratio of uniforms, as random.py.
template <LockPolicy P>
double normal_z(Gen<P>& g) {
  static const double nv_magicconst = 4 * libm(c_exp, -0.5) / libm(c_sqrt, 2.0);
  for (;;) {
    double u1 = g.random();
    double u2 = 1.0 - g.random();
    double z = nv_magicconst * (u1 - 0.5) / u2;
    double zz = z * z / 4.0;
    if (zz <= -std::log(u2)) return z;
  }
}

template <LockPolicy P>
Value r_normalvariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  if (!self_of(t, args, nargs, "normalvariate", g)) return Value();
  Value a[2];
  if (!bind_args(t, "normalvariate", args + 1, nargs - 1, kw, {"mu", "sigma"}, 0, a)) return Value();
  double z = normal_z(g);
  return add_mul(t, a[0].is_null() ? Value::number(0.0) : a[0], Value::number(z),
                 a[1].is_null() ? Value::number(1.0) : a[1]);
}

// The remaining distributions take and return floats; their arguments are
// converted up front (CPython would fail only at the first use of a bad one).
template <LockPolicy P, size_t N>
bool float_args(Thread<P>& t, const char* name, const Value* args, size_t nargs, TupleObject* kw,
                std::initializer_list<const char*> names, Gen<P>& g, double (&out)[N]) {
  if (!self_of(t, args, nargs, name, g)) return false;
  Value a[N];
  if (!bind_args(t, name, args + 1, nargs - 1, kw, names, N, a)) return false;
  for (size_t i = 0; i < N; ++i)
    if (!mathm::num_arg(t, a[i], out[i])) return false;
  return true;
}

template <LockPolicy P>
Value r_lognormvariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[2];
  if (!float_args(t, "lognormvariate", args, nargs, kw, {"mu", "sigma"}, g, a)) return Value();
  double r = std::exp(a[0] + normal_z(g) * a[1]);
  if (std::isinf(r)) return mathm::range_error(t);
  return Value::number(r);
}

template <LockPolicy P>
Value r_expovariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[1];
  if (!float_args(t, "expovariate", args, nargs, kw, {"lambd"}, g, a)) return Value();
  double num = -std::log(1.0 - g.random());
  if (a[0] == 0.0) return raise(t, t.types().ZeroDivisionError, "float division by zero");
  return Value::number(num / a[0]);
}

template <LockPolicy P>
Value r_vonmisesvariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[2];
  if (!float_args(t, "vonmisesvariate", args, nargs, kw, {"mu", "kappa"}, g, a)) return Value();
  double mu = a[0], kappa = a[1];
  if (kappa <= 1e-6) return Value::number(kTwoPi * g.random());
  double s = 0.5 / kappa;
  double r = s + std::sqrt(1.0 + s * s);
  double z;
  for (;;) {
    double u1 = g.random();
    z = std::cos(M_PI * u1);
    double d = z / (r + z);
    double u2 = g.random();
    if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * std::exp(d)) break;
  }
  double q = 1.0 / r;
  double f = (q + z) / (1.0 + q * z);
  double u3 = g.random();
  double theta = u3 > 0.5 ? float_floor_mod(mu + std::acos(f), kTwoPi)
                          : float_floor_mod(mu - std::acos(f), kTwoPi);
  return Value::number(theta);
}

// gammavariate's body, shared with betavariate. False: bad parameters.
template <LockPolicy P>
bool gamma(Thread<P>& t, Gen<P>& g, double alpha, double beta, double& out) {
  if (alpha <= 0.0 || beta <= 0.0) {
    raise(t, t.types().ValueError, "gammavariate: alpha and beta must be > 0.0");
    return false;
  }
  if (alpha > 1.0) {
    // R.C.H. Cheng, "The generation of Gamma variables with non-integral
    // shape parameters", Applied Statistics (1977), 26, No. 1, p71-74.
    static const double log4 = libm(c_log, 4.0), sg_magicconst = 1.0 + libm(c_log, 4.5);
    double ainv = std::sqrt(2.0 * alpha - 1.0);
    double bbb = alpha - log4;
    double ccc = alpha + ainv;
    for (;;) {
      double u1 = g.random();
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      double u2 = 1.0 - g.random();
      double v = std::log(u1 / (1.0 - u1)) / ainv;
      double x = alpha * std::exp(v);
      double z = u1 * u1 * u2;
      double r = bbb + ccc * v - x;
      if (r + sg_magicconst - 4.5 * z >= 0.0 || r >= std::log(z)) {
        out = x * beta;
        return true;
      }
    }
  }
  if (alpha == 1.0) {
    out = -std::log(1.0 - g.random()) * beta;
    return true;
  }
  // ALGORITHM GS of Statistical Computing - Kennedy & Gentle
  double x;
  for (;;) {
    double u = g.random();
    double b = (M_E + alpha) / M_E;
    double p = b * u;
    x = p <= 1.0 ? std::pow(p, 1.0 / alpha) : -std::log((b - p) / alpha);
    double u1 = g.random();
    if (p > 1.0) {
      if (u1 <= std::pow(x, alpha - 1.0)) break;
    } else if (u1 <= std::exp(-x)) {
      break;
    }
  }
  out = x * beta;
  return true;
}

template <LockPolicy P>
Value r_gammavariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[2], r;
  if (!float_args(t, "gammavariate", args, nargs, kw, {"alpha", "beta"}, g, a) || !gamma(t, g, a[0], a[1], r))
    return Value();
  return Value::number(r);
}

template <LockPolicy P>
Value r_betavariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[2], y, y2;
  if (!float_args(t, "betavariate", args, nargs, kw, {"alpha", "beta"}, g, a) || !gamma(t, g, a[0], 1.0, y))
    return Value();
  if (y == 0.0) return Value::number(0.0);
  if (!gamma(t, g, a[1], 1.0, y2)) return Value();
  return Value::number(y / (y + y2));
}

template <LockPolicy P>
Value r_paretovariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[1];
  if (!float_args(t, "paretovariate", args, nargs, kw, {"alpha"}, g, a)) return Value();
  double u = 1.0 - g.random();
  if (a[0] == 0.0) return raise(t, t.types().ZeroDivisionError, "float division by zero");
  return Value::number(std::pow(u, -1.0 / a[0]));
}

template <LockPolicy P>
Value r_weibullvariate(Thread<P>& t, const Value* args, size_t nargs, TupleObject* kw) {
  Gen<P> g;
  double a[2];
  if (!float_args(t, "weibullvariate", args, nargs, kw, {"alpha", "beta"}, g, a)) return Value();
  double u = 1.0 - g.random();
  if (a[1] == 0.0) return raise(t, t.types().ZeroDivisionError, "float division by zero");
  return Value::number(a[0] * std::pow(-std::log(u), 1.0 / a[1]));
}

// Every method of Random, also exported as a module function bound to _inst.
template <LockPolicy P>
const std::pair<const char*, NativeFn<P>>* methods(size_t& n) {
  static const std::pair<const char*, NativeFn<P>> table[] = {
      {"seed", r_seed<P>},
      {"random", r_random<P>},
      {"getrandbits", r_getrandbits<P>},
      {"getstate", r_getstate<P>},
      {"setstate", r_setstate<P>},
      {"randrange", r_randrange<P>},
      {"randint", r_randint<P>},
      {"randbytes", r_randbytes<P>},
      {"choice", r_choice<P>},
      {"shuffle", r_shuffle<P>},
      {"sample", r_sample<P>},
      {"choices", r_choices<P>},
      {"uniform", r_uniform<P>},
      {"triangular", r_triangular<P>},
      {"gauss", r_gauss<P>},
      {"normalvariate", r_normalvariate<P>},
      {"lognormvariate", r_lognormvariate<P>},
      {"expovariate", r_expovariate<P>},
      {"vonmisesvariate", r_vonmisesvariate<P>},
      {"gammavariate", r_gammavariate<P>},
      {"betavariate", r_betavariate<P>},
      {"paretovariate", r_paretovariate<P>},
      {"weibullvariate", r_weibullvariate<P>},
  };
  n = std::size(table);
  return table;
}

}  // namespace randm

template <LockPolicy P>
Value make_random_module(Thread<P>& t) {
  using namespace randm;
  Value mod = new_module(t, "random");
  Ref<P> keep(mod);
  DictObject* d = static_cast<ModuleObject*>(mod.o)->dict;

  // The class random.Random: a built-in type whose instances are host data.
  auto* type = new_builtin_class(t, "Random", "random", Kind::HostData);
  Ref<P> tref(Value::object(type));
  add_method(t, type, "__new__", r_new<P>);
  size_t n;
  const auto* table = methods<P>(n);
  for (size_t i = 0; i < n; ++i) add_method(t, type, table[i].first, table[i].second);
  add_value(t, d, "Random", *tref);

  // _inst = Random(), and its bound methods as the module's functions.
  Value tv = Value::object(type);
  Ref<P> inst(call(t, tv, nullptr, 0));
  if (inst.is_null()) return Value();
  add_value(t, d, "_inst", *inst);
  for (size_t i = 0; i < n; ++i) {
    Value f = new_native(t, table[i].first, table[i].second, *inst);
    add_value(t, d, table[i].first, f);
    decref<P>(f);
  }
  return keep.release();
}

}  // namespace lockvm::rt
