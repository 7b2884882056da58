// The bench scan's JSON form, checked field by field: the server takes nothing half-read.
#include "station/bench/scan_wire.h"

#include <fmt/format.h>

#include "common/uuid.h"

namespace rs::station {
namespace {

Error invalid(const std::string& what) {
    return Error{ErrorCode::Invalid, "bench scan: " + what, "bench"};
}

}  // namespace

std::string to_hex(std::string_view bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        hex += k_digits[byte >> 4];
        hex += k_digits[byte & 0xf];
    }
    return hex;
}

std::optional<std::string> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int high = digit(hex[i]);
        int low = digit(hex[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes += static_cast<char>(high * 16 + low);
    }
    return bytes;
}

nlohmann::json bench_scan_json(const BenchScan& scan) {
    return {{"id", scan.id},
            {"source", scan.scan.source},
            {"text_hex", to_hex(scan.scan.text)},
            {"symbology", scan.scan.symbology},
            {"captured_ms", scan.scan.time_ms},
            {"role", scanner_role_name(scan.role)}};
}

Result<BenchScan> parse_bench_scan(const nlohmann::json& body) {
    if (!body.is_object()) return std::unexpected(invalid("send a JSON object"));
    auto text = [&](const char* key) -> const std::string* {
        auto found = body.find(key);
        if (found == body.end() || !found->is_string()) return nullptr;
        return found->get_ptr<const std::string*>();
    };
    BenchScan scan;
    const std::string* id = text("id");
    if (!id || !is_uuid_v7(*id))
        return std::unexpected(invalid("\"id\" must be the UUIDv7 made when the scan was read"));
    scan.id = *id;
    const std::string* source = text("source");
    if (!source || source->empty())
        return std::unexpected(invalid("\"source\" must name the scanner"));
    scan.scan.source = *source;
    const std::string* hex = text("text_hex");
    auto bytes = hex ? from_hex(*hex) : std::nullopt;
    if (!bytes) return std::unexpected(invalid("\"text_hex\" must be the scan's bytes in hex"));
    scan.scan.text = std::move(*bytes);
    if (const std::string* symbology = text("symbology")) scan.scan.symbology = *symbology;
    auto captured = body.find("captured_ms");
    if (captured == body.end() || !captured->is_number_integer() ||
        captured->get<std::int64_t>() < 0)
        return std::unexpected(invalid("\"captured_ms\" must be the time it was read (UTC ms)"));
    scan.scan.time_ms = captured->get<std::int64_t>();
    const std::string* role = text("role");
    if (!role) return std::unexpected(invalid("\"role\" must be intake or lookup"));
    if (*role == scanner_role_name(ScannerRole::Intake))
        scan.role = ScannerRole::Intake;
    else if (*role == scanner_role_name(ScannerRole::Lookup))
        scan.role = ScannerRole::Lookup;
    else
        return std::unexpected(
            invalid(fmt::format("role \"{}\" is neither intake nor lookup", *role)));
    return scan;
}

}  // namespace rs::station
