// Scans typed on a command line: escapes for the bytes a keyboard cannot type.
#pragma once

#include <string>
#include <vector>

namespace rs::cli {

// "<GS>" and "\x1d" (any two hex digits after \x) become the byte; "\\" a backslash. So a GS1
// scan can be typed as "]C101095060001343521ABC<GS>10LOT1".
std::string decode_scan_argument(const std::string& typed);

// The scans of a command: its arguments, or the lines of standard input when the only
// argument is "-" (one scan per line, escapes decoded the same way).
std::vector<std::string> collect_scans(const std::vector<std::string>& arguments);

}  // namespace rs::cli
