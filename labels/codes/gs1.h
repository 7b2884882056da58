// GS1 element strings: parses scanner data (GS as FNC1) and the "(01)..." human-readable form.
#pragma once

#include <string_view>

#include "labels/codes/candidate.h"

namespace rs::labels {

// Scanner data: AI + value repeated, a GS after each variable-length value that is not last.
// `origin` says where the data came from, for `why` ("]C1 GS1-128").
Candidate classify_gs1_scanner_data(std::string_view data, std::string_view origin,
                                    int reference_year);

// "(01)09501101530003(17)250630(10)AB-123"; spaces between elements are allowed.
Candidate classify_gs1_human_readable(std::string_view text, int reference_year);

// True when the text starts like "(01)".
bool looks_like_gs1_human_readable(std::string_view text);

}  // namespace rs::labels
