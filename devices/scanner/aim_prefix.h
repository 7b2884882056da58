// AIM symbology identifier at the start of a scanner's text: recognised and split off.
#pragma once

#include <string>

namespace rs::devices {

// Moves a leading AIM identifier ("]" + symbology letter + modifier, ISO/IEC 15424) from
// `text` to `symbology` when `symbology` is still empty. The devices layer does not interpret
// the identifier; labels/ does.
void split_aim_prefix(std::string& text, std::string& symbology);

}  // namespace rs::devices
