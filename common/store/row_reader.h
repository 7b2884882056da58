// RowReader: reads the current row of a statement column after column, so no reader counts
// positions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include "common/enum_names.h"
#include "common/store/statement.h"

namespace rs::store {

namespace detail {
template <class T>
constexpr bool is_optional = false;
template <class T>
constexpr bool is_optional<std::optional<T>> = true;
}  // namespace detail

// Each read takes the next column, in the order of the SELECT list:
//
//   RepairOrder read_order(store::RowReader row) {
//       RepairOrder order;
//       row.read(order.id, order.seq, order.number, order.state);
//       return order;
//   }
//
// read() picks each column's conversion from the field's type: text, integers, reals, bool,
// std::optional of those (NULL is nullopt) and enums with a name table (common/enum_names.h;
// a name the table does not know leaves the field as it was). Implicit from a Statement, so a
// reader taking a RowReader is called with the statement an each_row callback or a step() gave.
class RowReader {
public:
    RowReader(const Statement& row) : m_row(&row) {}

    std::string text() { return m_row->text(m_next++); }
    std::int64_t int64() { return m_row->int64(m_next++); }
    double real() { return m_row->real(m_next++); }
    std::optional<std::string> optional_text() { return m_row->optional_text(m_next++); }
    std::optional<std::int64_t> optional_int64() { return m_row->optional_int64(m_next++); }

    // The next column as T, converted as read() would.
    template <class T>
    T get() {
        T value{};
        read_into(value);
        return value;
    }

    template <class... Fields>
    void read(Fields&... fields) {
        (read_into(fields), ...);  // a fold over the comma operator runs left to right
    }

    void skip() { ++m_next; }
    // The index of the column the next read takes.
    int column() const { return m_next; }

private:
    template <class T>
    void read_into(T& field) {
        if constexpr (std::is_same_v<T, std::string>) {
            field = text();
        } else if constexpr (std::is_same_v<T, bool>) {
            field = int64() != 0;
        } else if constexpr (std::is_integral_v<T>) {
            field = static_cast<T>(int64());
        } else if constexpr (std::is_floating_point_v<T>) {
            field = static_cast<T>(real());
        } else if constexpr (NamedEnum<T>) {
            if (auto value = parse_enum<T>(text())) field = *value;
        } else {
            static_assert(detail::is_optional<T>, "RowReader reads text, numbers, named enums");
            if (m_row->is_null(m_next)) {
                skip();
                field.reset();
                return;
            }
            auto value = field.value_or(typename T::value_type{});
            read_into(value);
            field = std::move(value);
        }
    }

    const Statement* m_row;
    int m_next = 0;
};

}  // namespace rs::store
