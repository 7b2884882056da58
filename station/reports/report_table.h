// A report as rows of text under named columns, and the three ways it leaves the station: an
// aligned table for a terminal, CSV (RFC 4180) for a spreadsheet or a checking script, JSON for
// the web UI.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rs::station {

struct ReportTable {
    std::string name;  // "fpy", "pareto": the report it is
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // one cell per column, already formatted
};

std::string to_csv(const ReportTable& table);
// {"report": name, "columns": [...], "rows": [{column: cell, ...}, ...]}
nlohmann::json to_json(const ReportTable& table);
std::string to_text(const ReportTable& table);

// A share as the reports print it: four decimals ("0.8750"), "" when there is nothing to
// divide by (a share of no cases is not zero).
std::string share_text(std::int64_t part, std::int64_t whole);

}  // namespace rs::station
