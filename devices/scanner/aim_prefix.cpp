// AIM symbology identifier split: ISO/IEC 15424 "]cm" prefixes sent by scanners.
#include "devices/scanner/aim_prefix.h"

#include <cctype>

namespace rs::devices {

void split_aim_prefix(std::string& text, std::string& symbology) {
    if (!symbology.empty() || text.size() < 4 || text[0] != ']') return;
    auto letter = static_cast<unsigned char>(text[1]);
    auto modifier = static_cast<unsigned char>(text[2]);
    // ISO/IEC 15424: the code character is a letter, the modifier a digit or letter.
    if (!std::isalpha(letter) || !std::isalnum(modifier)) return;
    symbology = text.substr(0, 3);
    text.erase(0, 3);
}

}  // namespace rs::devices
