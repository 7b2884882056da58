// Rendering a ReportTable as CSV, JSON or an aligned text table.
#include "station/reports/report_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace rs::station {
namespace {

// RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled.
std::string csv_cell(const std::string& cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csv_line(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i)
        line += (i ? "," : "") + csv_cell(cells[i]);
    return line + "\r\n";
}

// Display width of UTF-8 text in a terminal: a CJK character takes two columns.
std::size_t width_of(const std::string& text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        width += length == 3 ? 2 : 1;
        i += length;
    }
    return width;
}

}  // namespace

std::string to_csv(const ReportTable& table) {
    std::string csv = csv_line(table.columns);
    for (const auto& row : table.rows)
        csv += csv_line(row);
    return csv;
}

nlohmann::json to_json(const ReportTable& table) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i)
            object[table.columns[i]] = row[i];
        rows.push_back(std::move(object));
    }
    return {{"report", table.name}, {"columns", table.columns}, {"rows", rows}};
}

std::string to_text(const ReportTable& table) {
    std::vector<std::size_t> widths;
    for (const auto& column : table.columns)
        widths.push_back(width_of(column));
    for (const auto& row : table.rows)
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], width_of(row[i]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
            text += cells[i];
            if (i + 1 < cells.size()) text += std::string(widths[i] - width_of(cells[i]) + 2, ' ');
        }
        return text + "\n";
    };
    std::string text = line(table.columns);
    for (const auto& row : table.rows)
        text += line(row);
    if (table.rows.empty()) text += "(no cases in this period)\n";
    return text;
}

std::string share_text(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return "";
    return fmt::format("{:.4f}", static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace rs::station
