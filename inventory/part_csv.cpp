// read_parts_csv: RFC 4180-style fields ("" for a quote inside a quoted field), one part a line.
#include "inventory/part_csv.h"

#include <fmt/format.h>

#include <sstream>

namespace rs::inventory {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, separator))
        out.push_back(item);
    return out;
}

std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    return out;
}

std::unexpected<Error> invalid(const std::string& where, const std::string& what) {
    return fail(ErrorCode::Invalid, fmt::format("{}: {}", where, what), "parts");
}

Result<std::int64_t> whole_number(const std::string& text, const std::string& where) {
    if (text.empty()) return 0;
    try {
        std::size_t used = 0;
        std::int64_t value = std::stoll(text, &used);
        if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
    return invalid(where, "cost and reorder figures must be whole numbers");
}

Result<Part> read_part(const std::vector<std::string>& f, const std::string& where) {
    if (f.size() != 12) return invalid(where, "12 fields expected");
    Part part;
    part.sku = f[0];
    part.mpn = f[1];
    part.gtins = split(f[2], '|');
    part.description_zh = f[3];
    part.description_en = f[4];
    auto tracking = parse_enum<Tracking>(f[5].empty() ? "none" : f[5]);
    if (!tracking) return invalid(where, "tracking is none, lot or serial");
    part.tracking = *tracking;
    part.unit = f[6].empty() ? "pcs" : f[6];
    auto cost = whole_number(f[7], where);
    if (!cost) return std::unexpected(cost.error());
    auto reorder_point = whole_number(f[8], where);
    if (!reorder_point) return std::unexpected(reorder_point.error());
    auto reorder_qty = whole_number(f[9], where);
    if (!reorder_qty) return std::unexpected(reorder_qty.error());
    part.standard_cost = *cost;
    part.reorder_point = *reorder_point;
    part.reorder_qty = *reorder_qty;
    part.compatible_models = split(f[10], '|');
    part.substitutes = split(f[11], '|');
    return part;
}

}  // namespace

Result<std::vector<CsvPart>> read_parts_csv(std::istream& in, const std::string& file_name) {
    std::string line;
    if (!std::getline(in, line) || csv_fields(line) != csv_fields(k_parts_csv_header))
        return fail(
            ErrorCode::Invalid,
            fmt::format("{}: the first line must be the header {}", file_name, k_parts_csv_header),
            "parts");
    std::vector<CsvPart> parts;
    int number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == "\r") continue;
        auto part = read_part(csv_fields(line), fmt::format("{} line {}", file_name, number));
        if (!part) return std::unexpected(part.error());
        parts.push_back({number, std::move(*part)});
    }
    return parts;
}

}  // namespace rs::inventory
