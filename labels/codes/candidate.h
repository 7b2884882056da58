// Candidate: one reading proposed by a rule, with what the grammar needs to rank and filter it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "labels/codes/code_grammar.h"

namespace rs::labels {

// How much a valid reading proves. Readings are ranked by it after validity, so a check digit
// that passes comes before a pattern that merely fits.
enum class Confidence {
    Fallback = 0,     // nothing else fitted (serial number)
    PatternOnly = 1,  // the shape fits and no public check digit exists
    Checked = 2,      // a check digit or a full syntax check passed
};

// Specific rules have a distinctive shape (a prefix such as "1Z" or "RO-", an AIM GS1 id, S10
// letters); when they fail, the text was almost certainly meant as that kind, so the failure is
// reported and no serial-number fallback is offered. Generic rules only match a length of digits
// (GTIN, IMEI, FedEx 12/15, DHL 10): their failures are reported only when nothing is valid.
struct Candidate {
    Classification reading;
    bool specific = false;
    Confidence confidence = Confidence::Checked;
};

using Candidates = std::vector<Candidate>;

}  // namespace rs::labels
