// LoadedLibrary: opening shared libraries on first use, and the errors a person reads when one
// is missing.
#include <catch2/catch.hpp>

#include <cstring>

#include "common/loaded_library.h"

using rs::ErrorCode;
using rs::LoadedLibrary;

TEST_CASE("a library is opened by soname and its functions are called as declared") {
    auto libc = LoadedLibrary::open({"libc.so.6"}, "the C library", "test");
    REQUIRE(libc);
    CHECK(libc->path() == "libc.so.6");
    auto length = libc->function<decltype(&std::strlen)>("strlen");
    REQUIRE(length);
    CHECK((*length)("seven c") == 7);
}

TEST_CASE("the first candidate that loads is taken") {
    auto libc =
        LoadedLibrary::open({"/nowhere/libnothing.so", "libc.so.6"}, "the C library", "test");
    REQUIRE(libc);
    CHECK(libc->path() == "libc.so.6");
}

TEST_CASE("a missing library is an error naming its purpose and every place tried") {
    auto missing = LoadedLibrary::open({"/nowhere/libnothing.so", "libnothing-either.so.9"},
                                       "the nothing codecs", "test");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::Unsupported);
    CHECK(missing.error().where == "test");
    CHECK_THAT(missing.error().message, Catch::Contains("the nothing codecs is not available"));
    CHECK_THAT(missing.error().message, Catch::Contains("/nowhere/libnothing.so"));
    CHECK_THAT(missing.error().message, Catch::Contains("libnothing-either.so.9"));
}

TEST_CASE("a missing symbol is an error naming the library and the symbol") {
    auto libc = LoadedLibrary::open({"libc.so.6"}, "the C library", "test");
    REQUIRE(libc);
    auto missing = libc->function<void (*)()>("rs_no_such_function");
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::Contains("libc.so.6 has no rs_no_such_function"));
}
