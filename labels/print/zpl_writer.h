// ZPL II output: a Label becomes one ^XA...^XZ format a Zebra printer (or any ZPL renderer) reads.
#pragma once

#include <string>
#include <string_view>

#include "labels/print/label.h"

namespace rs::labels {

// Field data safe inside ^FH with `indicator`: the indicator itself, '^', '~' and control bytes
// become "<indicator>HH", so data can never end a field or start a command. UTF-8 passes (^CI28).
std::string zpl_hex_escape(std::string_view data, char indicator);

// Data Matrix quality 200 field data with '_' as the escape character set in ^BX: "_1" is FNC1
// (leading for GS1, and for each GS separator), a literal '_' is "__". Hex escapes use '\'.
std::string datamatrix_zpl_data(std::string_view data, bool gs1);

// The whole format: ^CI28 (UTF-8), print width and length from the label size, each element,
// ^PQ for copies above one.
std::string to_zpl(const Label& label, int copies = 1);

}  // namespace rs::labels
