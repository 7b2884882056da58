// Code 128: subset planning, symbol values with the mod-103 check, patterns, ZPL field data.
#include "labels/print/code128.h"

#include <fmt/format.h>

#include <array>

namespace rs::labels {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t digit_run(std::string_view data, std::size_t from) {
    std::size_t n = 0;
    while (from + n < data.size() && is_digit(data[from + n]))
        ++n;
    return n;
}

// ISO/IEC 15417 table 1: bar, space, bar, space, bar, space widths of values 0-105; 106 is stop.
constexpr std::array<std::string_view, 107> k_patterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112"};

constexpr int k_code_b = 100;
constexpr int k_fnc1 = 102;
constexpr int k_start_b = 104;
constexpr int k_start_c = 105;
constexpr int k_stop = 106;

}  // namespace

Result<std::vector<Code128Step>> plan_code128(std::string_view data, bool gs1) {
    for (char c : data) {
        bool separator = gs1 && c == '\x1d';
        if (!separator && (c < 32 || c > 126))
            return fail(
                ErrorCode::Invalid,
                fmt::format("Code 128 data \"{}\" has a character outside printable ASCII", data),
                "labels");
    }
    if (data.empty()) return fail(ErrorCode::Invalid, "Code 128 data is empty", "labels");
    std::vector<Code128Step> plan;
    // Subset C from the start pays off for an even run of at least 2 digits (GS1) or 4 (plain).
    std::size_t lead = digit_run(data, 0);
    bool in_c = gs1 ? lead >= 2 : (lead >= 4 || (lead == data.size() && lead % 2 == 0));
    plan.push_back({in_c ? Code128Step::StartC : Code128Step::StartB, ""});
    if (gs1) plan.push_back({Code128Step::Fnc1, ""});
    std::size_t i = 0;
    while (i < data.size()) {
        char c = data[i];
        if (gs1 && c == '\x1d') {
            plan.push_back({Code128Step::Fnc1, ""});
            ++i;
            continue;
        }
        if (in_c) {
            if (digit_run(data, i) >= 2) {
                plan.push_back({Code128Step::PairC, std::string(data.substr(i, 2))});
                i += 2;
                continue;
            }
            plan.push_back({Code128Step::SwitchB, ""});
            in_c = false;
        }
        plan.push_back({Code128Step::CharB, std::string(1, c)});
        ++i;
    }
    return plan;
}

std::vector<int> code128_values(const std::vector<Code128Step>& plan) {
    std::vector<int> values;
    for (const auto& step : plan) {
        switch (step.kind) {
            case Code128Step::StartB:
                values.push_back(k_start_b);
                break;
            case Code128Step::StartC:
                values.push_back(k_start_c);
                break;
            case Code128Step::SwitchB:
                values.push_back(k_code_b);
                break;
            case Code128Step::Fnc1:
                values.push_back(k_fnc1);
                break;
            case Code128Step::CharB:
                values.push_back(step.text[0] - 32);
                break;
            case Code128Step::PairC:
                values.push_back(std::stoi(step.text));
                break;
        }
    }
    long check = values.empty() ? 0 : values[0];
    for (std::size_t i = 1; i < values.size(); ++i)
        check += static_cast<long>(i) * values[i];
    values.push_back(static_cast<int>(check % 103));
    values.push_back(k_stop);
    return values;
}

std::string_view code128_pattern(int value) {
    return k_patterns.at(static_cast<std::size_t>(value));
}

std::string code128_zpl_data(const std::vector<Code128Step>& plan) {
    std::string out;
    for (const auto& step : plan) {
        switch (step.kind) {
            case Code128Step::StartB:
                break;  // subset B is the printer's default
            case Code128Step::StartC:
                out += ">;";
                break;
            case Code128Step::SwitchB:
                out += ">6";
                break;
            case Code128Step::Fnc1:
                out += ">8";
                break;
            case Code128Step::PairC:
                out += step.text;
                break;
            case Code128Step::CharB:
                if (step.text == ">")
                    out += ">0";
                else if (step.text == "^")
                    out += "_5E";
                else if (step.text == "~")
                    out += "_7E";
                else if (step.text == "_")
                    out += "_5F";
                else
                    out += step.text;
                break;
        }
    }
    return out;
}

}  // namespace rs::labels
