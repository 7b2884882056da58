// Check-digit algorithms used by the code grammar (GS1, Luhn, carriers, ISO/IEC 7064).
#include "labels/codes/check_digits.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace rs::labels {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// ISO/IEC 7064 alphanumeric value: 0-9 -> 0..9, A-Z -> 10..35.
int alnum_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (!is_digit(c)) return false;
    }
    return true;
}

std::optional<int> gs1_mod10(std::string_view payload) {
    if (!all_digits(payload)) return std::nullopt;
    // The digit next to the check digit has weight 3, whatever the length (GTIN-8..SSCC).
    int sum = 0;
    int weight = 3;
    for (std::size_t i = payload.size(); i-- > 0;) {
        sum += (payload[i] - '0') * weight;
        weight = weight == 3 ? 1 : 3;
    }
    return (10 - sum % 10) % 10;
}

std::optional<int> luhn(std::string_view payload) {
    if (!all_digits(payload)) return std::nullopt;
    // 3GPP TS 23.003 B.2: double the digits in odd positions counted from the right (D1, D3...),
    // add the digits of the products and the other digits.
    int sum = 0;
    bool doubled = true;
    for (std::size_t i = payload.size(); i-- > 0;) {
        int d = payload[i] - '0';
        if (doubled) {
            d *= 2;
            d = d / 10 + d % 10;
        }
        sum += d;
        doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
}

std::optional<int> ups_mod10(std::string_view body15) {
    if (body15.size() != 15) return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < body15.size(); ++i) {
        char c = body15[i];
        int v = 0;
        if (is_digit(c)) {
            v = c - '0';
        } else if (c >= 'A' && c <= 'Z') {
            // UPS letter table: A=2 ... H=9, I=0, J=1 ... i.e. (ordinal + 2) mod 10.
            v = (c - 'A' + 2) % 10;
        } else {
            return std::nullopt;
        }
        // Even positions counted from the left (2nd, 4th...) are doubled.
        sum += (i % 2 == 1) ? 2 * v : v;
    }
    return (10 - sum % 10) % 10;
}

std::optional<int> fedex_express(std::string_view payload11) {
    if (payload11.size() != 11 || !all_digits(payload11)) return std::nullopt;
    static constexpr std::array<int, 3> kWeights = {1, 3, 7};
    int sum = 0;
    std::size_t k = 0;
    for (std::size_t i = payload11.size(); i-- > 0; ++k) {
        sum += (payload11[i] - '0') * kWeights[k % kWeights.size()];
    }
    return (sum % 11) % 10;
}

std::optional<int> dhl_mod7(std::string_view payload9) {
    if (payload9.size() != 9 || !all_digits(payload9)) return std::nullopt;
    std::int64_t value = 0;
    for (char c : payload9)
        value = value * 10 + (c - '0');
    return static_cast<int>(value % 7);
}

std::optional<int> upu_s10(std::string_view serial8) {
    if (serial8.size() != 8 || !all_digits(serial8)) return std::nullopt;
    static constexpr std::array<int, 8> kWeights = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i)
        sum += (serial8[i] - '0') * kWeights[i];
    int check = 11 - sum % 11;
    if (check == 10) check = 0;
    if (check == 11) check = 5;
    return check;
}

std::optional<char> iso7064_mod37_36(std::string_view payload) {
    if (payload.empty()) return std::nullopt;
    // ISO/IEC 7064 hybrid system with M = 36: P starts at M; for each character
    // S = (P + value) mod M (0 read as M), P = 2S mod (M + 1); the check value makes the next
    // S equal to 1.
    constexpr int kM = 36;
    int p = kM;
    for (char c : payload) {
        int v = alnum_value(c);
        if (v < 0) return std::nullopt;
        int s = (p + v) % kM;
        if (s == 0) s = kM;
        p = (2 * s) % (kM + 1);
    }
    int check = (kM + 1 - p) % kM;
    static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    return kAlphabet[static_cast<std::size_t>(check)];
}

}  // namespace rs::labels
