// Carrier tracking numbers: a table of carriers, patterns and check-digit methods.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "labels/codes/candidate.h"

namespace rs::labels {

enum class TrackingCheck {
    None,          // pattern only: the carrier publishes no check digit
    UpsMod10,      // UPS 1Z modified mod 10
    FedexExpress,  // weights 1,3,7 mod 11
    Gs1Mod10,      // weights 3,1 mod 10 (FedEx Ground, USPS IMpb)
    DhlMod7,       // first 9 digits mod 7
    UpuS10,        // UPU S10 weights 8,6,4,2,3,5,9,7 mod 11, plus the country code
    UspsRouted,    // USPS "420" + ZIP + [GS] + IMpb: split found by the check digit
};

struct TrackingRule {
    std::string_view carrier;  // "FedEx"
    std::string_view service;  // "Ground"
    std::string_view name;     // used in messages: "FedEx Ground"
    // ECMAScript regex over the upper-cased text without spaces; group 1 is the tracking number
    // (a barcode may carry more than the number).
    std::string_view pattern;
    TrackingCheck check;
    bool specific;              // see Candidate::specific
    std::string_view describe;  // the pattern in words, for `why` and docs
};

std::span<const TrackingRule> tracking_rules();

// Every carrier whose rule fits; several can fit at once and all are returned.
Candidates classify_tracking(std::string_view text);

// The carriers whose numbers the table checks, by name; for UPU S10 items, which carry the
// postal operator's country, the operator a repair center in China ships with (China Post's EMS).
std::vector<std::string_view> checked_carriers();

// True when `number` is, whole, a valid tracking number of `carrier` (its check digit passes
// where the carrier has one): how a waybill number from elsewhere is checked before it is used.
bool is_tracking_number_of(std::string_view carrier, std::string_view number);

}  // namespace rs::labels
