// PostgresDialect: a small scanner over SQL text that rewrites words, parameters and table
// options outside literals (see the header for the list).
#include "common/store/postgres_dialect.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace rs::store {
namespace {

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool same_word(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

class Rewriter {
public:
    explicit Rewriter(std::string_view sql) : m_in(sql) {}

    PostgresSql run() {
        while (m_at < m_in.size()) {
            char c = m_in[m_at];
            if (c == '\'') {
                copy_quoted('\'');
            } else if (c == '"') {
                copy_quoted('"');
            } else if (c == '-' && next_is('-')) {
                copy_until("\n");
            } else if (c == '/' && next_is('*')) {
                copy_until("*/");
            } else if (c == '?') {
                parameter();
            } else if (c == ')') {
                m_out += c;
                ++m_at;
                drop_table_options();
            } else if (c == ';') {
                m_out += c;
                ++m_at;
                add_rowid_triggers();
            } else if (word_char(c)) {
                word();
            } else {
                m_out += c;
                ++m_at;
            }
        }
        if (!m_rowid_columns.empty()) {
            m_out += ';';
            add_rowid_triggers();
        }
        std::vector<bool> used(static_cast<std::size_t>(m_parameters), false);
        for (int number : m_seen)
            used[static_cast<std::size_t>(number - 1)] = true;
        return {std::move(m_out), m_parameters, std::move(used)};
    }

private:
    bool next_is(char c) const { return m_at + 1 < m_in.size() && m_in[m_at + 1] == c; }

    void copy_quoted(char quote) {
        std::size_t end = m_at + 1;
        for (;;) {
            end = m_in.find(quote, end);
            if (end == std::string_view::npos) {
                end = m_in.size();
                break;
            }
            if (end + 1 < m_in.size() && m_in[end + 1] == quote) {
                end += 2;  // a doubled quote inside the literal
                continue;
            }
            ++end;
            break;
        }
        std::string_view literal = m_in.substr(m_at, end - m_at);
        if (m_glob_pattern_next && quote == '\'') {
            std::string pattern;
            for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
                pattern += literal[i];
                if (literal[i] == '\'') ++i;
            }
            std::string regex = glob_to_regex(pattern);
            m_out += '\'';
            for (char r : regex) {
                m_out += r;
                if (r == '\'') m_out += '\'';
            }
            m_out += '\'';
        } else {
            m_out += literal;
        }
        m_glob_pattern_next = false;
        m_at = end;
    }

    void copy_until(std::string_view terminator) {
        std::size_t end = m_in.find(terminator, m_at + 2);
        end = end == std::string_view::npos ? m_in.size() : end + terminator.size();
        m_out += m_in.substr(m_at, end - m_at);
        m_at = end;
    }

    void parameter() {
        std::size_t digits = m_at + 1;
        while (digits < m_in.size() && std::isdigit(static_cast<unsigned char>(m_in[digits])))
            ++digits;
        int number = 0;
        if (digits > m_at + 1) {
            number = std::stoi(std::string(m_in.substr(m_at + 1, digits - m_at - 1)));
        } else {
            number = m_parameters + 1;  // SQLite numbers a bare `?` after the highest so far
        }
        m_parameters = std::max(m_parameters, number);
        m_seen.push_back(number);
        m_out += '$';
        m_out += std::to_string(number);
        m_at = digits;
    }

    // The next word after whitespace, without moving.
    std::string_view peek_word(std::size_t from) const {
        while (from < m_in.size() && std::isspace(static_cast<unsigned char>(m_in[from])))
            ++from;
        std::size_t end = from;
        while (end < m_in.size() && word_char(m_in[end]))
            ++end;
        return m_in.substr(from, end - from);
    }
    // Where a word peek_word found ends.
    std::size_t end_of(std::string_view peeked) const {
        return static_cast<std::size_t>(peeked.data() - m_in.data()) + peeked.size();
    }
    // Moves past whitespace and the word peek_word found.
    void skip_word(std::string_view peeked) { m_at = end_of(peeked); }

    // Whether the word just read is called with two or more arguments: a `(` follows and,
    // before its `)`, a comma outside nested parentheses and literals.
    bool called_with_many() const {
        std::size_t at = m_at;
        while (at < m_in.size() && std::isspace(static_cast<unsigned char>(m_in[at])))
            ++at;
        if (at >= m_in.size() || m_in[at] != '(') return false;
        int depth = 0;
        for (; at < m_in.size(); ++at) {
            char c = m_in[at];
            if (c == '\'' || c == '"') {
                std::size_t close = m_in.find(c, at + 1);
                if (close == std::string_view::npos) return false;
                at = close;  // a doubled quote is two literals next to each other: same result
            } else if (c == '(') {
                ++depth;
            } else if (c == ')') {
                if (--depth == 0) return false;
            } else if (c == ',' && depth == 1) {
                return true;
            }
        }
        return false;
    }

    // After a `)`: `STRICT`, `WITHOUT ROWID`, alone or both with a comma between.
    void drop_table_options() {
        for (bool first = true;; first = false) {
            std::size_t saved = m_at;
            if (!first) {
                while (m_at < m_in.size() && std::isspace(static_cast<unsigned char>(m_in[m_at])))
                    ++m_at;
                if (m_at >= m_in.size() || m_in[m_at] != ',') {
                    m_at = saved;
                    return;
                }
                ++m_at;
            }
            std::string_view option = peek_word(m_at);
            if (same_word(option, "STRICT")) {
                skip_word(option);
            } else if (same_word(option, "WITHOUT") &&
                       same_word(peek_word(end_of(option)), "ROWID")) {
                skip_word(option);
                skip_word(peek_word(m_at));
            } else {
                m_at = saved;
                return;
            }
        }
    }

    void word() {
        std::size_t end = m_at;
        while (end < m_in.size() && word_char(m_in[end]))
            ++end;
        std::string_view token = m_in.substr(m_at, end - m_at);
        m_at = end;
        if (same_word(token, "INTEGER")) {
            std::string_view next = peek_word(m_at);
            if (same_word(next, "PRIMARY")) {
                skip_word(next);
                std::string_view key = peek_word(m_at);
                if (same_word(key, "KEY")) skip_word(key);
                if (same_word(peek_word(m_at), "AUTOINCREMENT")) {
                    // Never reuses a number, as AUTOINCREMENT promises.
                    m_out += "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                } else {
                    m_out += "BIGINT PRIMARY KEY";
                    m_rowid_columns.push_back({m_table, m_previous_word});
                }
            } else {
                m_out += "BIGINT";
            }
        } else if (same_word(token, "REAL")) {
            m_out += "DOUBLE PRECISION";
        } else if (same_word(token, "BLOB")) {
            m_out += "BYTEA";
        } else if (same_word(token, "AUTOINCREMENT")) {
            // an identity column numbers itself
        } else if ((same_word(token, "MAX") || same_word(token, "MIN")) && called_with_many()) {
            m_out += same_word(token, "MAX") ? "GREATEST" : "LEAST";
        } else if (same_word(token, "LIKE")) {
            m_out += "ILIKE";
        } else if (same_word(token, "NOT") && same_word(peek_word(m_at), "GLOB")) {
            skip_word(peek_word(m_at));
            m_out += "!~";
            m_glob_pattern_next = true;
        } else if (same_word(token, "GLOB")) {
            m_out += "~";
            m_glob_pattern_next = true;
        } else {
            if (same_word(token, "TABLE") &&
                (same_word(m_previous_word, "CREATE") || same_word(m_previous_word, "TEMP") ||
                 same_word(m_previous_word, "TEMPORARY")))
                m_table = table_name_after(m_at);
            m_out += token;
        }
        m_previous_word = std::string(token);
    }

    // The name after CREATE TABLE [IF NOT EXISTS].
    std::string table_name_after(std::size_t at) const {
        std::string_view name = peek_word(at);
        if (same_word(name, "IF")) {
            std::string_view exists = peek_word(end_of(peek_word(end_of(name))));
            name = peek_word(end_of(exists));
        }
        return std::string(name);
    }

    // After the statement that made them: each plain INTEGER PRIMARY KEY numbers itself as
    // SQLite's rowid does, one more than the highest in the table when none is given. (An
    // identity column would count on its own and collide with numbers given explicitly, which
    // SQLite takes in its stride.) Writers run one at a time (postgres_backend.cpp), so the
    // highest cannot change under the trigger.
    void add_rowid_triggers() {
        if (m_rowid_columns.empty()) return;
        m_out +=
            "\nCREATE OR REPLACE FUNCTION rs_next_rowid() RETURNS trigger LANGUAGE plpgsql AS "
            "$rs$ DECLARE next_id BIGINT; BEGIN EXECUTE format('SELECT coalesce(max(%I), 0) + 1 "
            "FROM %I.%I', TG_ARGV[0], TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO next_id; RETURN "
            "jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], next_id)); END $rs$;";
        for (const auto& [table, column] : m_rowid_columns)
            m_out += "\nCREATE TRIGGER " + table + "_rowid BEFORE INSERT ON " + table +
                     " FOR EACH ROW WHEN (NEW." + column +
                     " IS NULL) EXECUTE FUNCTION rs_next_rowid('" + column + "');";
        m_rowid_columns.clear();
    }

    std::string_view m_in;
    std::size_t m_at = 0;
    std::string m_out;
    int m_parameters = 0;
    std::vector<int> m_seen;
    std::string m_previous_word;
    std::string m_table;                                               // of the last CREATE TABLE
    std::vector<std::pair<std::string, std::string>> m_rowid_columns;  // table, column
    bool m_glob_pattern_next = false;
};

}  // namespace

std::string glob_to_regex(std::string_view glob) {
    std::string regex = "^";
    for (std::size_t i = 0; i < glob.size(); ++i) {
        char c = glob[i];
        if (c == '*') {
            regex += ".*";
        } else if (c == '?') {
            regex += '.';
        } else if (c == '[') {
            // A class is the same in both; a GLOB class negates with `^` as a regex class does.
            std::size_t close = glob.find(']', i + 2);
            if (close == std::string_view::npos) {
                regex += "\\[";
                continue;
            }
            regex += glob.substr(i, close - i + 1);
            i = close;
        } else {
            if (std::string_view(".^$+(){}|\\").find(c) != std::string_view::npos) regex += '\\';
            regex += c;
        }
    }
    return regex + "$";
}

PostgresSql to_postgres(std::string_view sqlite_sql) {
    return Rewriter(sqlite_sql).run();
}

}  // namespace rs::store
