// Statement: a prepared statement with typed binds and reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/enum_names.h"
#include "common/error.h"

namespace rs::store {

class StatementBackend;

// Parameters are 1-based (`?1` or `?` in the SQL, whatever the engine), columns 0-based. A bind
// error (wrong index) is kept and reported by the next step(), so binding can be chained.
class Statement {
public:
    explicit Statement(std::unique_ptr<StatementBackend> backend);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);
    // A closed set is stored as its name (common/enum_names.h).
    template <NamedEnum E>
    Statement& bind(int index, E value) {
        return bind(index, std::string_view(name_of(value)));
    }
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // Binds every argument in order, starting at parameter 1.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances: true when a row is ready, false when done.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Status run();
    // Steps to completion and says how many rows it inserted, updated or deleted (an
    // `ON CONFLICT DO NOTHING` that met its conflict counts 0).
    Result<std::int64_t> run_and_count();
    // Calls `on_row(*this)` for every row; the callback takes a RowReader (row_reader.h).
    template <class OnRow>
    Status each_row(OnRow&& on_row) {
        for (;;) {
            auto row = step();
            if (!row) return std::unexpected(row.error());
            if (!*row) return {};
            on_row(*this);
        }
    }

    // Columns by position, for RowReader (row_reader.h), which every reader goes through.
    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;

    // Ready for new binds and steps; previous bindings are cleared.
    void reset();

    const char* sql() const;

private:
    Statement& remember(Status bound);

    std::unique_ptr<StatementBackend> m_backend;
    std::optional<Error> m_bind_error;
};

}  // namespace rs::store
