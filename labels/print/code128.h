// Code 128 encodation: which subset carries which characters (ISO/IEC 15417), shared by the
// ZPL field data and the preview so both describe the same symbol.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace rs::labels {

// One step of the symbol: a start code, a switch, an FNC1, or data in the current subset.
struct Code128Step {
    enum Kind { StartB, StartC, SwitchB, Fnc1, CharB, PairC } kind;
    std::string text;  // CharB: one character; PairC: two digits
};

// Plans the encodation of printable ASCII `data`. With `gs1`, the symbol starts with FNC1 and
// each GS (0x1D) in `data` becomes FNC1. Digits go in subset C while they come in pairs; once
// in subset B the symbol stays there, so the printer never needs the "switch to C" code (a
// ZPL renderer we test with mishandles it). Invalid for characters outside ASCII 32-126.
Result<std::vector<Code128Step>> plan_code128(std::string_view data, bool gs1);

// Symbol values (start, data, check, stop) of a plan.
std::vector<int> code128_values(const std::vector<Code128Step>& plan);

// Bar/space module widths of a value (0-106), as in the symbology's table.
std::string_view code128_pattern(int value);

// ZPL ^BC field data in mode N with invocation codes (>; start C, >8 FNC1, >6 to B, >0 for a
// literal '>'); '^', '~' and '_' leave as ^FH hex escapes with indicator '_'.
std::string code128_zpl_data(const std::vector<Code128Step>& plan);

}  // namespace rs::labels
