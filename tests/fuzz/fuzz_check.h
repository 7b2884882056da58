// FUZZ_FAIL_IF(condition): a broken property of a fuzz target, reported with the condition and its
// line before aborting (libFuzzer then keeps the input; the bounded driver's FUZZ_LAST_INPUT too).
// Not __builtin_trap(): the compiler merges traps, and the line a debugger shows is then a guess.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_FAIL_IF(condition)                                                              \
    do {                                                                                     \
        if (condition) {                                                                     \
            std::fprintf(stderr, "fuzz: property broken at %s:%d: %s\n", __FILE__, __LINE__, \
                         #condition);                                                        \
            std::abort();                                                                    \
        }                                                                                    \
    } while (false)
