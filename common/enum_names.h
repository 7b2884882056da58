// Closed sets named one way: each enum has one table of {value, "name"}, read by name_of and
// parse_enum.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rs {

template <class E>
struct EnumName {
    E value;
    const char* name;
};

// Beside each enum, in its namespace (found by argument-dependent lookup), its one table:
//
//   constexpr auto enum_names(Tracking) {
//       using enum Tracking;
//       return std::to_array<EnumName<Tracking>>({{None, "none"}, {Lot, "lot"}, {Serial,
//       "serial"}});
//   }
//
// The names are what the store keeps and the wire carries: renaming one changes the data.
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E value) {
    enum_names(value);
};

template <NamedEnum E>
constexpr const char* name_of(E value) {
    for (const auto& entry : enum_names(E{}))
        if (entry.value == value) return entry.name;
    return "?";
}

template <NamedEnum E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    for (const auto& entry : enum_names(E{}))
        if (text == entry.name) return entry.value;
    return std::nullopt;
}

// Every value, in the order of the table.
template <NamedEnum E>
constexpr auto all_values() {
    constexpr auto table = enum_names(E{});
    std::array<E, table.size()> values{};
    for (std::size_t i = 0; i < table.size(); ++i)
        values[i] = table[i].value;
    return values;
}

// Every name, in the order of the table: the choices a command line or a message offers.
template <NamedEnum E>
std::vector<std::string> all_names() {
    std::vector<std::string> names;
    for (const auto& entry : enum_names(E{}))
        names.emplace_back(entry.name);
    return names;
}

// "repair, exchange or return": the names for a message that says what is allowed.
template <NamedEnum E>
std::string names_or(std::string_view last_separator = " or ") {
    std::string text;
    auto table = enum_names(E{});
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (i > 0) text += i + 1 == table.size() ? std::string(last_separator) : ", ";
        text += table[i].name;
    }
    return text;
}

}  // namespace rs
