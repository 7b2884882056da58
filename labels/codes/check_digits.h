// Check-digit algorithms used by the code grammar (GS1, Luhn, carriers, ISO/IEC 7064).
#pragma once

#include <optional>
#include <string_view>

namespace rs::labels {

// True when every byte is '0'..'9' (and the text is not empty).
bool all_digits(std::string_view text);

// GS1 modulo 10 (weights 3,1 from the right) over `payload` without its check digit.
// GS1 General Specifications section 7.9.1; also used by SSCC, GLN, FedEx Ground and USPS IMpb.
std::optional<int> gs1_mod10(std::string_view payload);

// Luhn (ISO/IEC 7812 annex B) over `payload` without its check digit; IMEI per 3GPP TS 23.003
// annex B.
std::optional<int> luhn(std::string_view payload);

// UPS 1Z: modified mod 10 over the 15 characters after "1Z"; letters map to (ordinal + 2) mod 10.
std::optional<int> ups_mod10(std::string_view body15);

// FedEx Express 12-digit: weights 1,3,7 repeating from the right over 11 digits, mod 11,
// remainder 10 gives 0.
std::optional<int> fedex_express(std::string_view payload11);

// DHL Express 10-digit waybill: the first 9 digits as a number, mod 7.
std::optional<int> dhl_mod7(std::string_view payload9);

// UPU S10: weights 8,6,4,2,3,5,9,7 over the 8-digit serial, 11 - sum mod 11, 10 -> 0, 11 -> 5.
std::optional<int> upu_s10(std::string_view serial8);

// ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet 0-9A-Z) over `payload` (upper-case
// alphanumerics only). Returns the check character.
std::optional<char> iso7064_mod37_36(std::string_view payload);

}  // namespace rs::labels
