// Part scans: maps the code grammar's reading of a label onto a catalog part.
#include "inventory/part_scan.h"

#include <fmt/format.h>

#include <charconv>

#include "labels/codes/code_grammar.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

Result<std::int64_t> parse_count(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        return fail(ErrorCode::Invalid,
                    fmt::format("quantity '{}' on the label is not a positive count", text),
                    k_where);
    return value;
}
}  // namespace

Result<PartScan> resolve_part_scan(Inventory& inventory, const std::string& text) {
    auto readings = labels::classify(text);
    const labels::Classification* chosen = nullptr;
    for (const auto& reading : readings) {
        if (!reading.valid) continue;
        if (reading.kind == labels::CodeKind::Gs1 || reading.kind == labels::CodeKind::Gtin ||
            reading.kind == labels::CodeKind::PartSku) {
            chosen = &reading;
            break;
        }
    }
    if (!chosen)
        return fail(ErrorCode::Invalid,
                    fmt::format("'{}' is not a part label ({}): scan the GS1 label, the GTIN or "
                                "the SKU of the part",
                                text, readings.front().why),
                    k_where);
    PartScan scan;
    if (chosen->kind == labels::CodeKind::PartSku) {
        auto part = find_part(inventory, chosen->field("number"));
        if (!part) return std::unexpected(part.error());
        scan.part = std::move(*part);
        return scan;
    }
    std::string gtin =
        chosen->kind == labels::CodeKind::Gtin ? chosen->field("gtin") : chosen->field("(01)");
    if (gtin.empty())
        return fail(ErrorCode::Invalid,
                    fmt::format("the GS1 label '{}' has no GTIN (01): scan the label that "
                                "names the product",
                                text),
                    k_where);
    auto part = find_part_by_gtin(inventory, gtin);
    if (!part) return std::unexpected(part.error());
    scan.part = std::move(*part);
    scan.lot = chosen->field("(10)");
    scan.serial = chosen->field("(21)");
    scan.expiry = chosen->field("(17)");
    std::string count = chosen->field("(30)");
    if (count.empty()) count = chosen->field("(37)");
    if (!count.empty()) {
        auto qty = parse_count(count);
        if (!qty) return std::unexpected(qty.error());
        scan.qty = *qty;
    }
    return scan;
}

}  // namespace rs::inventory
