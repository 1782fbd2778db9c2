// Unit tests of str.encode / bytes.decode's codecs (runtime/str_text.hpp),
// run directly, without a VM.
//
// Every expected value below was produced by CPython 3.11 by a small
// generator script that prints these tables, so an entry is never
// hand-edited: regenerate it from python3 instead.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>

#include "runtime/str_text.hpp"

using namespace std::string_view_literals;
namespace st = lockvm::rt::strtext;

namespace {

std::pair<bool, std::string> encodex(std::string_view s, const char* codec, const char* errors) {
  std::string out, err;
  bool ok = st::encode(s, codec, errors, out, err);
  return {ok, ok ? out : err};
}

std::pair<bool, std::string> decodex(std::string_view b, const char* codec, const char* errors) {
  std::string out, err;
  bool ok = st::decode(b, codec, errors, out, err);
  return {ok, ok ? out : err};
}

}  // namespace

TEST_CASE("codecs") {
  CHECK(encodex(""sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "ascii", "strict") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex(""sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex("abc"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "ascii", "strict") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("abc"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(encodex("\303\251"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("\303\251"sv)});
  CHECK(encodex("\303\251"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("\303\251"sv)});
  CHECK(encodex("\303\251"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\303\251"sv)});
  CHECK(encodex("\303\251"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"sv)});
  CHECK(encodex("\303\251"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex("\303\251"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\077"sv)});
  CHECK(encodex("\303\251"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\351"sv)});
  CHECK(encodex("\303\251"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\351"sv)});
  CHECK(encodex("\303\251"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\351"sv)});
  CHECK(encodex("a\303\277b"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("a\303\277b"sv)});
  CHECK(encodex("a\303\277b"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("a\303\277b"sv)});
  CHECK(encodex("a\303\277b"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("a\303\277b"sv)});
  CHECK(encodex("a\303\277b"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't encode character '\\xff' in position 1: ordinal not in range(128)"sv)});
  CHECK(encodex("a\303\277b"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(encodex("a\303\277b"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("a\077b"sv)});
  CHECK(encodex("a\303\277b"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("a\377b"sv)});
  CHECK(encodex("a\303\277b"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("a\377b"sv)});
  CHECK(encodex("a\303\277b"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("a\377b"sv)});
  CHECK(encodex("a\304\200b"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("a\304\200b"sv)});
  CHECK(encodex("a\304\200b"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("a\304\200b"sv)});
  CHECK(encodex("a\304\200b"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("a\304\200b"sv)});
  CHECK(encodex("a\304\200b"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't encode character '\\u0100' in position 1: ordinal not in range(128)"sv)});
  CHECK(encodex("a\304\200b"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(encodex("a\304\200b"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("a\077b"sv)});
  CHECK(encodex("a\304\200b"sv, "latin-1", "strict") == std::pair<bool, std::string>{false, std::string("'latin-1' codec can't encode character '\\u0100' in position 1: ordinal not in range(256)"sv)});
  CHECK(encodex("a\304\200b"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(encodex("a\304\200b"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("a\077b"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("\346\227\245\360\237\220\215"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("\346\227\245\360\237\220\215"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\346\227\245\360\237\220\215"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\077\077"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "latin-1", "strict") == std::pair<bool, std::string>{false, std::string("'latin-1' codec can't encode characters in position 0-1: ordinal not in range(256)"sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(encodex("\346\227\245\360\237\220\215"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\077\077"sv)});
  CHECK(decodex(""sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "ascii", "strict") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex(""sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("abc"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "ascii", "strict") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("abc"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("abc"sv)});
  CHECK(decodex("\303\251"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("\303\251"sv)});
  CHECK(decodex("\303\251"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("\303\251"sv)});
  CHECK(decodex("\303\251"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\303\251"sv)});
  CHECK(decodex("\303\251"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xc3 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\303\251"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\303\251"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275"sv)});
  CHECK(decodex("\303\251"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\203\302\251"sv)});
  CHECK(decodex("\303\251"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\203\302\251"sv)});
  CHECK(decodex("\303\251"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\203\302\251"sv)});
  CHECK(decodex("\377"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"sv)});
  CHECK(decodex("\377"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\377"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275"sv)});
  CHECK(decodex("\377"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\377"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\377"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275"sv)});
  CHECK(decodex("\377"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\277"sv)});
  CHECK(decodex("\377"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\277"sv)});
  CHECK(decodex("\377"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\277"sv)});
  CHECK(decodex("a\377b"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"sv)});
  CHECK(decodex("a\377b"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(decodex("a\377b"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("a\357\277\275b"sv)});
  CHECK(decodex("a\377b"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xff in position 1: ordinal not in range(128)"sv)});
  CHECK(decodex("a\377b"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(decodex("a\377b"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("a\357\277\275b"sv)});
  CHECK(decodex("a\377b"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("a\303\277b"sv)});
  CHECK(decodex("a\377b"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("a\303\277b"sv)});
  CHECK(decodex("a\377b"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("a\303\277b"sv)});
  CHECK(decodex("\342\202"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"sv)});
  CHECK(decodex("\342\202"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\342\202"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275"sv)});
  CHECK(decodex("\342\202"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xe2 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\342\202"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\342\202"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275"sv)});
  CHECK(decodex("\342\202"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\242\302\202"sv)});
  CHECK(decodex("\342\202"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\242\302\202"sv)});
  CHECK(decodex("\342\202"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\242\302\202"sv)});
  CHECK(decodex("\342\202a"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"sv)});
  CHECK(decodex("\342\202a"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("a"sv)});
  CHECK(decodex("\342\202a"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275a"sv)});
  CHECK(decodex("\342\202a"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xe2 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\342\202a"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("a"sv)});
  CHECK(decodex("\342\202a"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275a"sv)});
  CHECK(decodex("\342\202a"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\242\302\202a"sv)});
  CHECK(decodex("\342\202a"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\242\302\202a"sv)});
  CHECK(decodex("\342\202a"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\242\302\202a"sv)});
  CHECK(decodex("\355\240\200"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"sv)});
  CHECK(decodex("\355\240\200"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\355\240\200"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\355\240\200"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xed in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\355\240\200"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\355\240\200"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\355\240\200"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\255\302\240\302\200"sv)});
  CHECK(decodex("\355\240\200"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\255\302\240\302\200"sv)});
  CHECK(decodex("\355\240\200"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\255\302\240\302\200"sv)});
  CHECK(decodex("\300\200"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"sv)});
  CHECK(decodex("\300\200"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\300\200"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275"sv)});
  CHECK(decodex("\300\200"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xc0 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\300\200"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\300\200"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275"sv)});
  CHECK(decodex("\300\200"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\200\302\200"sv)});
  CHECK(decodex("\300\200"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\200\302\200"sv)});
  CHECK(decodex("\300\200"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\200\302\200"sv)});
  CHECK(decodex("\360\220\200"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"sv)});
  CHECK(decodex("\360\220\200"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\360\220\200"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275"sv)});
  CHECK(decodex("\360\220\200"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xf0 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\360\220\200"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\360\220\200"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\360\220\200"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\260\302\220\302\200"sv)});
  CHECK(decodex("\360\220\200"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\260\302\220\302\200"sv)});
  CHECK(decodex("\360\220\200"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\260\302\220\302\200"sv)});
  CHECK(decodex("\360\237\220\215"sv, "utf-8", "strict") == std::pair<bool, std::string>{true, std::string("\360\237\220\215"sv)});
  CHECK(decodex("\360\237\220\215"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("\360\237\220\215"sv)});
  CHECK(decodex("\360\237\220\215"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\360\237\220\215"sv)});
  CHECK(decodex("\360\237\220\215"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xf0 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\360\237\220\215"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\360\237\220\215"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\360\237\220\215"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\260\302\237\302\220\302\215"sv)});
  CHECK(decodex("\360\237\220\215"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\260\302\237\302\220\302\215"sv)});
  CHECK(decodex("\360\237\220\215"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\260\302\237\302\220\302\215"sv)});
  CHECK(decodex("\364\220\200\200"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"sv)});
  CHECK(decodex("\364\220\200\200"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\364\220\200\200"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\364\220\200\200"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xf4 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\364\220\200\200"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\364\220\200\200"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\364\220\200\200"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\264\302\220\302\200\302\200"sv)});
  CHECK(decodex("\364\220\200\200"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\264\302\220\302\200\302\200"sv)});
  CHECK(decodex("\364\220\200\200"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\264\302\220\302\200\302\200"sv)});
  CHECK(decodex("a\200\200b"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0x80 in position 1: invalid start byte"sv)});
  CHECK(decodex("a\200\200b"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(decodex("a\200\200b"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("a\357\277\275\357\277\275b"sv)});
  CHECK(decodex("a\200\200b"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0x80 in position 1: ordinal not in range(128)"sv)});
  CHECK(decodex("a\200\200b"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string("ab"sv)});
  CHECK(decodex("a\200\200b"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("a\357\277\275\357\277\275b"sv)});
  CHECK(decodex("a\200\200b"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("a\302\200\302\200b"sv)});
  CHECK(decodex("a\200\200b"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("a\302\200\302\200b"sv)});
  CHECK(decodex("a\200\200b"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("a\302\200\302\200b"sv)});
  CHECK(decodex("\340\200\200"sv, "utf-8", "strict") == std::pair<bool, std::string>{false, std::string("'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"sv)});
  CHECK(decodex("\340\200\200"sv, "utf-8", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\340\200\200"sv, "utf-8", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\340\200\200"sv, "ascii", "strict") == std::pair<bool, std::string>{false, std::string("'ascii' codec can't decode byte 0xe0 in position 0: ordinal not in range(128)"sv)});
  CHECK(decodex("\340\200\200"sv, "ascii", "ignore") == std::pair<bool, std::string>{true, std::string(""sv)});
  CHECK(decodex("\340\200\200"sv, "ascii", "replace") == std::pair<bool, std::string>{true, std::string("\357\277\275\357\277\275\357\277\275"sv)});
  CHECK(decodex("\340\200\200"sv, "latin-1", "strict") == std::pair<bool, std::string>{true, std::string("\303\240\302\200\302\200"sv)});
  CHECK(decodex("\340\200\200"sv, "latin-1", "ignore") == std::pair<bool, std::string>{true, std::string("\303\240\302\200\302\200"sv)});
  CHECK(decodex("\340\200\200"sv, "latin-1", "replace") == std::pair<bool, std::string>{true, std::string("\303\240\302\200\302\200"sv)});
  CHECK(st::codec_name("utf-8"sv) == "utf-8"sv);
  CHECK(st::codec_name("UTF8"sv) == "utf-8"sv);
  CHECK(st::codec_name("utf_8"sv) == "utf-8"sv);
  CHECK(st::codec_name("U8"sv) == "utf-8"sv);
  CHECK(st::codec_name("ascii"sv) == "ascii"sv);
  CHECK(st::codec_name("US-ASCII"sv) == "ascii"sv);
  CHECK(st::codec_name("latin1"sv) == "latin-1"sv);
  CHECK(st::codec_name("ISO-8859-1"sv) == "latin-1"sv);
  CHECK(st::codec_name("cp1252"sv) == ""sv);
  CHECK(st::codec_name("foo"sv) == ""sv);
}
