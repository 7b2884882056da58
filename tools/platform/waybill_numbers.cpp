// Waybill numbers: one range per carrier, each number with the check digit its carrier uses.
#include "tools/platform/waybill_numbers.h"

#include <fmt/format.h>

#include <array>

#include "labels/codes/check_digits.h"

namespace rs::platform {
namespace {

constexpr std::array<std::string_view, 5> k_carriers{"SF Express", "UPS", "DHL", "FedEx",
                                                     "China Post"};

// Each range starts where a carrier's sample numbers do not, so a number issued here is never
// one a test scans as an inbound parcel.
std::optional<std::string> numbered(std::string_view carrier, std::int64_t serial) {
    if (carrier == "SF Express") {  // "SF" + 12 digits: SF publishes no check digit
        if (serial >= 100'000'000'000) return std::nullopt;
        return fmt::format("SF{:012}", 500'000'000'000 + serial);
    }
    if (carrier == "UPS") {  // 1Z + shipper 6 + service 2 ("03": Ground) + package 7 + check
        if (serial >= 10'000'000) return std::nullopt;
        std::string body = fmt::format("RS0C0103{:07}", serial);
        auto check = labels::ups_mod10(body);
        if (!check) return std::nullopt;
        return fmt::format("1Z{}{}", body, *check);
    }
    if (carrier == "DHL") {  // 10 digits: 9 + (the 9 as a number mod 7)
        if (serial >= 100'000'000) return std::nullopt;
        std::string payload = fmt::format("{:09}", 600'000'000 + serial);
        auto check = labels::dhl_mod7(payload);
        if (!check) return std::nullopt;
        return payload + std::to_string(*check);
    }
    if (carrier == "FedEx") {  // Express 12 digits: 11 + weights 1,3,7 mod 11
        if (serial >= 10'000'000'000) return std::nullopt;
        std::string payload = fmt::format("7{:010}", serial);
        auto check = labels::fedex_express(payload);
        if (!check) return std::nullopt;
        return payload + std::to_string(*check);
    }
    if (carrier == "China Post") {  // EMS: UPU S10 "EA" + 8 digits + check + "CN"
        if (serial >= 100'000'000) return std::nullopt;
        std::string digits = fmt::format("{:08}", serial);
        auto check = labels::upu_s10(digits);
        if (!check) return std::nullopt;
        return fmt::format("EA{}{}CN", digits, *check);
    }
    return std::nullopt;
}

}  // namespace

std::span<const std::string_view> waybill_carriers() {
    return k_carriers;
}

std::optional<std::string> waybill_number(std::string_view carrier, std::int64_t serial) {
    if (serial < 0) return std::nullopt;
    return numbered(carrier, serial);
}

}  // namespace rs::platform
