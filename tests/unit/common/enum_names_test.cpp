// Tests of the one way closed sets are named: name_of, parse_enum, all_values, all_names.
#include <catch2/catch.hpp>

#include "common/enum_names.h"
#include "common/error.h"

using namespace rs;

namespace {

enum class Fruit { Apple, Pear, Quince };

constexpr auto enum_names(Fruit) {
    using enum Fruit;
    return std::to_array<EnumName<Fruit>>({{Apple, "apple"}, {Pear, "pear"}, {Quince, "quince"}});
}

}  // namespace

TEST_CASE("a value's name and a name's value come from the one table") {
    for (Fruit fruit : all_values<Fruit>())
        CHECK(parse_enum<Fruit>(name_of(fruit)) == fruit);
    CHECK(std::string(name_of(Fruit::Pear)) == "pear");
    CHECK_FALSE(parse_enum<Fruit>("Pear").has_value());  // names are exact, as stored
    CHECK_FALSE(parse_enum<Fruit>("").has_value());
    static_assert(name_of(Fruit::Quince)[0] == 'q', "usable at compile time");
}

TEST_CASE("the choices and the message list every name in table order") {
    CHECK(all_names<Fruit>() == std::vector<std::string>{"apple", "pear", "quince"});
    CHECK(names_or<Fruit>() == "apple, pear or quince");
    CHECK(names_or<Fruit>(" and ") == "apple, pear and quince");
}

TEST_CASE("error codes keep the names people and logs see") {
    CHECK(std::string(name_of(ErrorCode::NotFound)) == "NotFound");
    CHECK(Error{ErrorCode::Busy, "locked", "store"}.describe() == "store: Busy: locked");
}
