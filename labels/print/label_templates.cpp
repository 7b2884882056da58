// The station's label templates: repair-order tag, return shipping label, packing slip,
// manifest page, supplier-return label, part/bin label, location label and operator badge.
// Field tables first, then the code that fills them.
#include "labels/print/label_templates.h"

#include <fmt/format.h>

#include <algorithm>

#include "labels/codes/check_digits.h"
#include "labels/codes/gs1_ai_table.h"

namespace rs::labels {
namespace {

using K = FieldKind;

// 2" x 1": code 128 across the top, model and intake date, QR for phone cameras.
constexpr FieldSpec k_ro_tag[] = {
    {K::Code128, "ro_number", 1.5, 1.2, 47.8, 10.5, 0, 0, 0.25},
    {K::Text, "model", 2, 12.6, 34, 4.2, 0, 2.2},
    {K::Text, "intake_line", 2, 17.6, 34, 3.6, 0, 2.2},
    {K::Qr, "ro_number", 38.5, 12.2, 11, 11, 0, 0, 0.5},
};

// 4" x 6": sender, carrier, recipient (any script), tracking barcode, RMA, weight.
constexpr FieldSpec k_return_label[] = {
    {K::Rule, "", 2, 2, 97.6, 148.4, 0, 0, 0.4},
    {K::Caption, "FROM", 4, 4, 20, 3.2},
    {K::Block, "sender", 4, 8, 58, 17, 3.4, 2.2},
    {K::Text, "carrier", 65, 4, 33, 7, 0, 3},
    {K::Text, "service", 65, 12.5, 33, 4.5, 0, 2.5},
    {K::Rule, "", 2, 27, 97.6, 0.4, 0, 0, 0.4},
    {K::Caption, "TO", 4, 29, 20, 4},
    {K::Text, "recipient_name", 4, 34, 94, 7.5, 0, 4},
    {K::Text, "recipient_phone", 4, 42.5, 94, 4.5, 0, 3},
    {K::Block, "recipient_address", 4, 48, 94, 30, 6.5, 3.5},
    {K::Rule, "", 2, 80, 97.6, 0.4, 0, 0, 0.4},
    {K::Caption, "TRACKING", 4, 82, 40, 3.2},
    {K::Code128, "tracking_number", 3, 86.5, 95.6, 29, 0, 0, 0.375},
    {K::Rule, "", 2, 118, 97.6, 0.4, 0, 0, 0.4},
    {K::Text, "rma_line", 4, 120.5, 60, 5, 0, 3},
    {K::Code128, "rma", 3, 127, 62, 15, 0, 0, 0.25},
    {K::Text, "weight_line", 67, 120.5, 31, 5, 0, 3},
    {K::Text, "order_line", 67, 128, 31, 4, 0, 2.5},
    {K::Text, "date_line", 67, 134, 31, 4, 0, 2.5},
};

// 4" x 6", in the parcel: the order as Code 128, who it goes to, the tracking number, and a
// line to tick for each thing packed (what came in goes back out).
constexpr FieldSpec k_packing_slip[] = {
    {K::Caption, "PACKING SLIP", 4, 4, 60, 5},
    {K::Text, "date_line", 66, 4, 32, 4, 0, 2.5},
    {K::Code128, "repair_order", 3, 11, 70, 20, 0, 0, 0.375},
    {K::Text, "order_line", 4, 33, 94, 5, 0, 3},
    {K::Text, "customer", 4, 40, 94, 6, 0, 3},
    {K::Text, "tracking_line", 4, 48, 94, 5, 0, 3},
    {K::Rule, "", 2, 55, 97.6, 0.4, 0, 0, 0.4},
    {K::Caption, "CONTENTS", 4, 57, 40, 4},
    {K::Block, "contents", 4, 63, 94, 82, 5, 3},
};

// 4" x 6", one page of a carrier's end-of-day manifest: up to six parcels, each its tracking
// number as Code 128 (the driver scans them) and its order and weight; a line to sign.
constexpr FieldSpec k_manifest_page[] = {
    {K::Caption, "MANIFEST", 4, 3, 40, 5},
    {K::Text, "title_line", 4, 9, 94, 6, 0, 3},
    {K::Text, "date_line", 4, 16, 94, 4, 0, 2.5},
    {K::Rule, "", 2, 22, 97.6, 0.4, 0, 0, 0.4},
    {K::Code128, "row1", 3, 25, 70, 12, 0, 0, 0.25},
    {K::Text, "row1_line", 4, 38, 94, 4, 0, 2.5},
    {K::Code128, "row2", 3, 44.5, 70, 12, 0, 0, 0.25},
    {K::Text, "row2_line", 4, 57.5, 94, 4, 0, 2.5},
    {K::Code128, "row3", 3, 64, 70, 12, 0, 0, 0.25},
    {K::Text, "row3_line", 4, 77, 94, 4, 0, 2.5},
    {K::Code128, "row4", 3, 83.5, 70, 12, 0, 0, 0.25},
    {K::Text, "row4_line", 4, 96.5, 94, 4, 0, 2.5},
    {K::Code128, "row5", 3, 103, 70, 12, 0, 0, 0.25},
    {K::Text, "row5_line", 4, 116, 94, 4, 0, 2.5},
    {K::Code128, "row6", 3, 122.5, 70, 12, 0, 0, 0.25},
    {K::Text, "row6_line", 4, 135.5, 94, 4, 0, 2.5},
    {K::Caption, "SIGNED FOR BY THE DRIVER", 4, 143, 60, 3.2},
    {K::Rule, "", 64, 147, 35, 0.4, 0, 0, 0.4},
};

// 4" x 6", one page of a repair order's report: the order as Code 128, then the report's lines
// (fault codes, repair, parts with lots and serials, firmware, each QA step and its result).
constexpr FieldSpec k_repair_report[] = {
    {K::Caption, "REPAIR REPORT", 4, 4, 60, 5},
    {K::Text, "page_line", 66, 4, 32, 4, 0, 2.5},
    {K::Code128, "repair_order", 3, 11, 70, 16, 0, 0, 0.375},
    {K::Text, "order_line", 4, 29, 94, 5, 0, 2.5},
    {K::Rule, "", 2, 36, 97.6, 0.4, 0, 0, 0.4},
    {K::Block, "body", 4, 38, 94, 108, 3.6, 2.4},
};

// 4" x 6", on the box of parts going back to a supplier: the batch as Code 128 (the supplier
// books it in by it), its return authorization, from and to, and what is inside.
constexpr FieldSpec k_supplier_return[] = {
    {K::Caption, "SUPPLIER RETURN", 4, 4, 60, 5},
    {K::Text, "date_line", 66, 4, 32, 4, 0, 2.5},
    {K::Code128, "return_number", 3, 11, 70, 18, 0, 0, 0.375},
    {K::Text, "return_line", 4, 31, 94, 5, 0, 3},
    {K::Rule, "", 2, 38, 97.6, 0.4, 0, 0, 0.4},
    {K::Caption, "FROM", 4, 40, 20, 3.2},
    {K::Block, "sender", 4, 44, 94, 13, 3.4, 2.2},
    {K::Caption, "TO", 4, 59, 20, 4},
    {K::Text, "supplier_name", 4, 64, 94, 7, 0, 3.5},
    {K::Text, "supplier_contact", 4, 72, 94, 4.5, 0, 2.5},
    {K::Block, "supplier_address", 4, 77.5, 94, 17, 5, 3},
    {K::Rule, "", 2, 96, 97.6, 0.4, 0, 0, 0.4},
    {K::Caption, "CONTENTS", 4, 98, 30, 4},
    {K::Text, "summary_line", 36, 98, 62, 4, 0, 2.5},
    {K::Block, "contents", 4, 104, 94, 44, 4, 2.4},
};

// 4" x 2": GS1 Data Matrix and GS1-128 of GTIN, lot, serial (or our SKU), with the text.
constexpr FieldSpec k_part_label[] = {
    {K::Text, "description", 2, 2, 97, 5, 0, 3},
    {K::Gs1DataMatrix, "gs1", 2, 8.5, 20, 20, 0, 0, 0.5},
    {K::DataMatrix, "sku", 2, 8.5, 20, 20, 0, 0, 0.5},
    {K::Block, "readable", 25, 8.5, 74, 20, 4.2, 2.6},
    {K::Gs1_128, "gs1", 2, 30, 97.6, 19, 0, 0, 0.25},
    {K::Code128, "sku", 2, 30, 97.6, 19, 0, 0, 0.375},
};

// 3" x 1": a bin or shelf: big code 128, QR, and its name.
constexpr FieldSpec k_location_label[] = {
    {K::Code128, "location", 2, 1.5, 54, 17, 0, 0, 0.375},
    {K::Qr, "location", 58.5, 2, 16, 16, 0, 0, 0.75},
    {K::Text, "name", 2, 19.5, 72, 4.5, 0, 2.5},
};

// CR80 card (3.375" x 2.125"): name in any script, role, badge code for the scanner.
constexpr FieldSpec k_badge[] = {
    {K::Rule, "", 1.5, 1.5, 82.7, 51, 0, 0, 0.3}, {K::Text, "name", 4, 4, 77, 9, 0, 4},
    {K::Text, "role", 4, 15, 60, 5, 0, 3},        {K::Code128, "badge", 3, 23, 60, 25, 0, 0, 0.375},
    {K::Qr, "badge", 66, 24, 16, 16, 0, 0, 0.75},
};

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "labels");
}

// A JSON value as text: strings as they are, numbers printed, absent or null empty.
std::string text_of(const nlohmann::json& data, const char* key) {
    if (!data.is_object() || !data.contains(key)) return "";
    const auto& value = data.at(key);
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    if (value.is_number()) return fmt::format("{}", value.get<double>());
    return "";
}

Result<std::string> required(const nlohmann::json& data, const char* template_name,
                             const char* key) {
    std::string value = text_of(data, key);
    if (value.empty()) return invalid(fmt::format("{}: the data needs \"{}\"", template_name, key));
    return value;
}

Status require_object(const nlohmann::json& data, const char* template_name) {
    if (!data.is_object())
        return invalid(fmt::format("{}: the data must be a JSON object", template_name));
    return {};
}

Result<LabelValues> prepare_ro_tag(const nlohmann::json& data, const TemplateContext&) {
    if (auto ok = require_object(data, "ro-tag"); !ok) return std::unexpected(ok.error());
    auto number = required(data, "ro-tag", "ro_number");
    if (!number) return std::unexpected(number.error());
    LabelValues values{{"ro_number", *number}, {"model", text_of(data, "model")}};
    std::string date = text_of(data, "intake_date");
    if (!date.empty()) values["intake_line"] = "Intake " + date;
    return values;
}

std::string join_nonempty(std::initializer_list<std::string> parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

// "Name, phone, address" of a party given as {name, phone, address} in one line per piece.
std::string party_block(const nlohmann::json& party) {
    if (party.is_string()) return party.get<std::string>();
    return join_nonempty(
        {text_of(party, "name"), text_of(party, "phone"),
         format_address(party.contains("address") ? party.at("address") : nlohmann::json())},
        "\n");
}

Result<LabelValues> prepare_return_label(const nlohmann::json& data,
                                         const TemplateContext& context) {
    const char* name = "return-label";
    if (auto ok = require_object(data, name); !ok) return std::unexpected(ok.error());
    auto tracking = required(data, name, "tracking_number");
    auto carrier = required(data, name, "carrier");
    if (!tracking) return std::unexpected(tracking.error());
    if (!carrier) return std::unexpected(carrier.error());
    if (!data.contains("recipient") || !data.at("recipient").is_object())
        return invalid(fmt::format(
            "{}: the data needs \"recipient\": {{\"name\", \"phone\", \"address\"}}", name));
    const auto& recipient = data.at("recipient");
    auto recipient_name = required(recipient, name, "name");
    if (!recipient_name)
        return invalid(fmt::format("{}: the data needs \"recipient\".\"name\"", name));
    if (!recipient.contains("address"))
        return invalid(fmt::format("{}: the data needs \"recipient\".\"address\"", name));
    nlohmann::json sender = data.contains("sender") ? data.at("sender") : context.sender;
    std::string sender_text = party_block(sender);
    if (sender_text.empty())
        return invalid(
            fmt::format("{}: no sender: give \"sender\" in the data or [labels] sender_* in the "
                        "configuration",
                        name));
    LabelValues values{
        {"sender", sender_text},
        {"carrier", *carrier},
        {"service", text_of(data, "service")},
        {"recipient_name", *recipient_name},
        {"recipient_phone", text_of(recipient, "phone")},
        {"recipient_address", format_address(recipient.at("address"))},
        {"tracking_number", *tracking},
    };
    if (values["recipient_address"].empty())
        return invalid(fmt::format("{}: \"recipient\".\"address\" is empty", name));
    std::string rma = text_of(data, "rma");
    if (!rma.empty()) {
        values["rma"] = rma;
        values["rma_line"] = rma;
    }
    std::string weight = text_of(data, "weight_kg");
    if (!weight.empty()) values["weight_line"] = "Weight " + weight + " kg";
    std::string order = text_of(data, "repair_order");
    if (!order.empty()) values["order_line"] = order;
    std::string date = text_of(data, "ship_date");
    if (!date.empty()) values["date_line"] = date;
    return values;
}

// One line per thing packed: "[ ] device Phone X2 128GB (490154203237518)".
Result<std::string> contents_lines(const nlohmann::json& contents) {
    if (!contents.is_array() || contents.empty())
        return invalid("packing-slip: \"contents\" must be a list of {\"item\", \"detail\"}");
    std::string lines;
    for (const auto& entry : contents) {
        std::string item = text_of(entry, "item");
        if (item.empty())
            return invalid("packing-slip: every entry of \"contents\" needs its \"item\"");
        std::string detail = text_of(entry, "detail");
        if (!lines.empty()) lines += "\n";
        lines += "[ ] " + item + (detail.empty() ? "" : " " + detail);
    }
    return lines;
}

Result<LabelValues> prepare_packing_slip(const nlohmann::json& data, const TemplateContext&) {
    const char* name = "packing-slip";
    if (auto ok = require_object(data, name); !ok) return std::unexpected(ok.error());
    auto order = required(data, name, "repair_order");
    if (!order) return std::unexpected(order.error());
    auto contents =
        contents_lines(data.contains("contents") ? data.at("contents") : nlohmann::json());
    if (!contents) return std::unexpected(contents.error());
    LabelValues values{
        {"repair_order", *order},
        {"order_line", join_nonempty({*order, text_of(data, "rma")}, "  ")},
        {"customer", text_of(data, "customer")},
        {"tracking_line",
         join_nonempty({text_of(data, "carrier"), text_of(data, "tracking_number")}, " ")},
        {"contents", *contents}};
    std::string date = text_of(data, "ship_date");
    if (!date.empty()) values["date_line"] = date;
    return values;
}

Result<LabelValues> prepare_manifest_page(const nlohmann::json& data, const TemplateContext&) {
    const char* name = "manifest-page";
    if (auto ok = require_object(data, name); !ok) return std::unexpected(ok.error());
    auto carrier = required(data, name, "carrier");
    auto manifest = required(data, name, "manifest");
    if (!carrier) return std::unexpected(carrier.error());
    if (!manifest) return std::unexpected(manifest.error());
    const auto& rows = data.contains("rows") ? data.at("rows") : nlohmann::json();
    if (!rows.is_array() || rows.empty() || rows.size() > 6)
        return invalid(
            "manifest-page: \"rows\" must list 1 to 6 parcels {tracking_number, "
            "repair_order, weight_g}");
    LabelValues values{
        {"title_line", fmt::format("{} manifest {}", *carrier, *manifest)},
        {"date_line",
         join_nonempty({text_of(data, "date"),
                        fmt::format("page {} of {}", text_of(data, "page"), text_of(data, "pages")),
                        fmt::format("{} parcels, {} kg", text_of(data, "parcels"),
                                    text_of(data, "total_kg"))},
                       "  ")}};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string tracking = text_of(rows[i], "tracking_number");
        if (tracking.empty() || !printer_font_can_draw(tracking))
            return invalid(
                fmt::format("manifest-page: row {} needs a printable tracking_number", i + 1));
        std::string key = fmt::format("row{}", i + 1);
        values[key] = tracking;
        values[key + "_line"] = join_nonempty(
            {tracking, text_of(rows[i], "repair_order"),
             text_of(rows[i], "weight_g").empty() ? std::string()
                                                  : text_of(rows[i], "weight_g") + " g"},
            "  ");
    }
    return values;
}

Result<LabelValues> prepare_repair_report(const nlohmann::json& data, const TemplateContext&) {
    const char* name = "repair-report";
    if (auto ok = require_object(data, name); !ok) return std::unexpected(ok.error());
    auto order = required(data, name, "repair_order");
    if (!order) return std::unexpected(order.error());
    const auto& lines = data.contains("lines") ? data.at("lines") : nlohmann::json();
    if (!lines.is_array() || lines.empty())
        return invalid("repair-report: \"lines\" must list the report's lines (strings)");
    std::string body;
    for (const auto& line : lines) {
        if (!line.is_string())
            return invalid("repair-report: every entry of \"lines\" must be a string");
        body += (body.empty() ? "" : "\n") + line.get<std::string>();
    }
    LabelValues values{
        {"repair_order", *order}, {"order_line", text_of(data, "order_line")}, {"body", body}};
    if (!text_of(data, "page").empty())
        values["page_line"] =
            fmt::format("page {} of {}", text_of(data, "page"), text_of(data, "pages"));
    return values;
}

// Lines shown on a supplier-return label before the rest is summed up: the batch's list
// (`station supplier-returns show`) has them all; the label says how many it left out.
constexpr std::size_t k_return_lines_shown = 12;

Result<LabelValues> prepare_supplier_return(const nlohmann::json& data,
                                            const TemplateContext& context) {
    const char* name = "supplier-return";
    if (auto ok = require_object(data, name); !ok) return std::unexpected(ok.error());
    auto number = required(data, name, "return_number");
    if (!number) return std::unexpected(number.error());
    if (!printer_font_can_draw(*number))
        return invalid(fmt::format("{}: \"return_number\" must be printable ASCII", name));
    if (!data.contains("supplier") || !data.at("supplier").is_object())
        return invalid(
            fmt::format("{}: the data needs \"supplier\": {{\"name\", \"contact\", \"phone\", "
                        "\"address\"}}",
                        name));
    const auto& supplier = data.at("supplier");
    auto supplier_name = required(supplier, name, "name");
    if (!supplier_name)
        return invalid(fmt::format("{}: the data needs \"supplier\".\"name\"", name));
    std::string address =
        format_address(supplier.contains("address") ? supplier.at("address") : nlohmann::json());
    if (address.empty())
        return invalid(fmt::format(
            "{}: \"supplier\".\"address\" is empty: a return needs where it goes (`station "
            "suppliers edit '{}' --address ...`)",
            name, *supplier_name));
    nlohmann::json sender = data.contains("sender") ? data.at("sender") : context.sender;
    std::string sender_text = party_block(sender);
    if (sender_text.empty())
        return invalid(
            fmt::format("{}: no sender: give \"sender\" in the data or [labels] sender_* in the "
                        "configuration",
                        name));
    const auto& lines = data.contains("lines") ? data.at("lines") : nlohmann::json();
    if (!lines.is_array() || lines.empty())
        return invalid(fmt::format(
            "{}: \"lines\" must list the parts: [{{sku, qty, reason, supplier_part_number, "
            "lot, serial, reference}}]",
            name));
    std::string contents;
    long long units = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        std::string sku = text_of(line, "sku");
        if (sku.empty()) return invalid(fmt::format("{}: line {} needs its \"sku\"", name, i + 1));
        long long qty = line.contains("qty") && line.at("qty").is_number_integer()
                            ? line.at("qty").get<long long>()
                            : 1;
        units += qty;
        if (i >= k_return_lines_shown) continue;
        std::string part_number = text_of(line, "supplier_part_number");
        std::string lot = text_of(line, "lot");
        std::string serial = text_of(line, "serial");
        if (!contents.empty()) contents += "\n";
        contents += join_nonempty(
            {fmt::format("{} x{}", sku, qty), part_number.empty() ? "" : "(" + part_number + ")",
             text_of(line, "reason"), lot.empty() ? "" : "lot " + lot,
             serial.empty() ? "" : "SN " + serial, text_of(line, "reference")},
            " ");
    }
    if (lines.size() > k_return_lines_shown)
        contents += fmt::format("\n+ {} more lines: see the list in the box",
                                lines.size() - k_return_lines_shown);
    LabelValues values{
        {"return_number", *number},
        {"return_line",
         join_nonempty({*number, text_of(data, "supplier_rma").empty()
                                     ? std::string()
                                     : "supplier RMA " + text_of(data, "supplier_rma")},
                       "  ")},
        {"sender", sender_text},
        {"supplier_name", *supplier_name},
        {"supplier_contact",
         join_nonempty({text_of(supplier, "contact"), text_of(supplier, "phone")}, "  ")},
        {"supplier_address", address},
        {"summary_line",
         join_nonempty(
             {fmt::format("{} parts, {} lines", units, lines.size()),
              join_nonempty({text_of(data, "carrier"), text_of(data, "tracking_number")}, " ")},
             "  ")},
        {"contents", contents},
    };
    std::string date = text_of(data, "ship_date");
    if (!date.empty()) values["date_line"] = date;
    return values;
}

// GTIN-8/12/13/14 to 14 digits with a valid check digit.
Result<std::string> gtin14(const std::string& gtin) {
    if (!all_digits(gtin) ||
        (gtin.size() != 8 && gtin.size() != 12 && gtin.size() != 13 && gtin.size() != 14))
        return invalid(fmt::format("part-label: gtin \"{}\" must be 8, 12, 13 or 14 digits", gtin));
    std::string padded = std::string(14 - gtin.size(), '0') + gtin;
    auto check = gs1_mod10(std::string_view(padded).substr(0, 13));
    if (!check || *check != padded[13] - '0')
        return invalid(fmt::format("part-label: gtin \"{}\" has a wrong check digit (expected {})",
                                   gtin, check ? *check : -1));
    return padded;
}

Status check_cset82(const std::string& value, const char* key, std::size_t max_length) {
    // GS1 General Specifications figure 7.11-1: the characters an AI value may use.
    static constexpr std::string_view k_cset82 =
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    if (value.size() > max_length)
        return invalid(fmt::format("part-label: {} \"{}\" is longer than {} characters", key, value,
                                   max_length));
    for (char c : value)
        if (k_cset82.find(c) == std::string_view::npos)
            return invalid(fmt::format(
                "part-label: {} \"{}\" has '{}', which GS1 does not allow in an AI value", key,
                value, c));
    return {};
}

Result<LabelValues> prepare_part_label(const nlohmann::json& data, const TemplateContext&) {
    if (auto ok = require_object(data, "part-label"); !ok) return std::unexpected(ok.error());
    LabelValues values{{"description", text_of(data, "description")}};
    std::string gtin = text_of(data, "gtin");
    std::string sku = text_of(data, "sku");
    if (gtin.empty() == sku.empty())
        return invalid(
            "part-label: the data needs either \"gtin\" (with \"lot\", \"serial\") or "
            "\"sku\"");
    if (!sku.empty()) {
        if (!printer_font_can_draw(sku))
            return invalid(fmt::format("part-label: sku \"{}\" must be printable ASCII", sku));
        values["sku"] = sku;
        values["readable"] = "SKU " + sku;
        return values;
    }
    auto gtin_value = gtin14(gtin);
    if (!gtin_value) return std::unexpected(gtin_value.error());
    std::string lot = text_of(data, "lot");
    std::string serial = text_of(data, "serial");
    for (auto [value, key, ai] : {std::tuple{&lot, "lot", "10"}, {&serial, "serial", "21"}}) {
        const AiRule* rule = find_ai_rule(ai);
        if (auto ok = check_cset82(*value, key, static_cast<std::size_t>(rule->max_length())); !ok)
            return std::unexpected(ok.error());
    }
    // Fixed-length GTIN first, then the variable-length ones, a GS after each that is not last.
    std::string gs1 = "01" + *gtin_value;
    std::string readable = "(01) " + *gtin_value;
    if (!lot.empty()) {
        gs1 += "10" + lot;
        readable += "\n(10) " + lot;
    }
    if (!serial.empty()) {
        if (!lot.empty()) gs1 += '\x1d';
        gs1 += "21" + serial;
        readable += "\n(21) " + serial;
    }
    values["gs1"] = gs1;
    values["readable"] = readable;
    return values;
}

Result<LabelValues> prepare_location(const nlohmann::json& data, const TemplateContext&) {
    if (auto ok = require_object(data, "location-label"); !ok) return std::unexpected(ok.error());
    auto location = required(data, "location-label", "location");
    if (!location) return std::unexpected(location.error());
    return LabelValues{{"location", *location}, {"name", text_of(data, "name")}};
}

Result<LabelValues> prepare_badge(const nlohmann::json& data, const TemplateContext&) {
    if (auto ok = require_object(data, "badge"); !ok) return std::unexpected(ok.error());
    auto badge = required(data, "badge", "badge");
    auto name = required(data, "badge", "name");
    if (!badge) return std::unexpected(badge.error());
    if (!name) return std::unexpected(name.error());
    return LabelValues{{"badge", *badge}, {"name", *name}, {"role", text_of(data, "role")}};
}

constexpr LabelTemplate k_templates[] = {
    {"ro-tag", "repair-order tag, 2\" x 1\": RO number as Code 128 and QR, model, intake date", 2.0,
     1.0, k_ro_tag, prepare_ro_tag, "ro_number, model, intake_date"},
    {"return-label",
     "return shipping label, 4\" x 6\": sender, recipient (any script), carrier and service, "
     "tracking number barcode, RMA, weight",
     4.0, 6.0, k_return_label, prepare_return_label,
     "carrier, service, tracking_number, recipient {name, phone, address}, rma, weight_kg, "
     "repair_order, ship_date, sender (default: the configuration's)"},
    {"packing-slip",
     "packing slip, 4\" x 6\": repair order as Code 128, customer, tracking number, a line to "
     "tick per thing packed",
     4.0, 6.0, k_packing_slip, prepare_packing_slip,
     "repair_order, rma, customer, carrier, tracking_number, ship_date, contents [{item, "
     "detail}]"},
    {"manifest-page",
     "one page of a carrier's end-of-day manifest, 4\" x 6\": up to six parcels, each its "
     "tracking number as Code 128, order and weight; a line for the driver to sign",
     4.0, 6.0, k_manifest_page, prepare_manifest_page,
     "carrier, manifest, date, page, pages, parcels, total_kg, rows [{tracking_number, "
     "repair_order, weight_g}] (1-6)"},
    {"supplier-return",
     "supplier return packing label, 4\" x 6\": the batch number as Code 128, the supplier's "
     "return authorization, from and to, the parts inside with their reasons",
     4.0, 6.0, k_supplier_return, prepare_supplier_return,
     "return_number, supplier {name, contact, phone, address}, supplier_rma, ship_date, carrier, "
     "tracking_number, lines [{sku, qty, reason, supplier_part_number, lot, serial, reference}], "
     "sender (default: the configuration's)"},
    {"part-label",
     "part or bin label, 4\" x 2\": GS1 Data Matrix + GS1-128 of GTIN, lot, serial; or our SKU",
     4.0, 2.0, k_part_label, prepare_part_label, "gtin, lot, serial | sku; description"},
    {"location-label", "location label, 3\" x 1\": location code as Code 128 and QR, name", 3.0,
     1.0, k_location_label, prepare_location, "location, name"},
    {"badge", "operator badge, CR80 card: name (any script), role, badge code", 3.375, 2.125,
     k_badge, prepare_badge, "badge, name, role"},
    {"repair-report",
     "one page of a repair order's report, 4\" x 6\": the order as Code 128, fault and repair "
     "codes, parts with lots and serials, firmware, each QA step with its result",
     4.0, 6.0, k_repair_report, prepare_repair_report,
     "repair_order, order_line, page, pages, lines [text] (station qa report --print makes "
     "them)"},
};

Status place_field(LabelLayout& layout, const FieldSpec& field, const std::string& value) {
    Box area{layout.mm(field.x), layout.mm(field.y), layout.mm(field.width),
             layout.mm(field.height)};
    int module = std::max(1, layout.mm(field.module_mm));
    std::string name(field.value);
    switch (field.kind) {
        case K::Text:
        case K::Caption:
            return layout.text(
                name, value, area,
                std::max(1, layout.mm(field.min_text_mm ? field.min_text_mm : field.height)));
        case K::Block: {
            auto used = layout.text_block(name, value, area, layout.mm(field.text_mm),
                                          std::max(1, layout.mm(field.min_text_mm)));
            if (!used) return std::unexpected(used.error());
            return {};
        }
        case K::Code128:
        case K::Gs1_128:
            return layout.code128(name, value, field.kind == K::Gs1_128, area, module);
        case K::Qr:
            return layout.matrix_code(name, Symbology::Qr, value, area, module);
        case K::DataMatrix:
            return layout.matrix_code(name, Symbology::DataMatrix, value, area, module);
        case K::Gs1DataMatrix:
            return layout.matrix_code(name, Symbology::Gs1DataMatrix, value, area, module);
        case K::Rule:
            layout.box(area, std::max(1, module));
            return {};
    }
    return {};
}

}  // namespace

std::string format_address(const nlohmann::json& address) {
    if (address.is_string()) return address.get<std::string>();
    if (!address.is_object()) return "";
    std::string country = text_of(address, "country");
    std::string street = text_of(address, "street");
    std::string district = text_of(address, "district");
    std::string city = text_of(address, "city");
    std::string province = text_of(address, "province");
    std::string postal = text_of(address, "postal_code");
    if (country == "CN" || country == "TW" || country == "JP") {
        // Largest to smallest, written together: 518057 广东省深圳市南山区科苑路15号
        return join_nonempty({postal, province + city + district + street}, " ");
    }
    return join_nonempty({street, district, join_nonempty({city, province, postal}, " "), country},
                         ", ");
}

std::span<const LabelTemplate> label_templates() {
    return k_templates;
}

const LabelTemplate* find_label_template(std::string_view name) {
    for (const auto& candidate : k_templates)
        if (candidate.name == name) return &candidate;
    return nullptr;
}

Result<Label> build_label(const LabelTemplate& label_template, const nlohmann::json& data,
                          const TemplateContext& context) {
    auto values = label_template.prepare(data, context);
    if (!values) return std::unexpected(values.error());
    LabelLayout layout(
        std::string(label_template.name),
        LabelSize::inches(label_template.width_in, label_template.height_in, context.dpi),
        context.text);
    for (const auto& field : label_template.fields) {
        std::string value;
        if (field.kind == K::Caption) {
            value = std::string(field.value);
        } else if (field.kind != K::Rule) {
            auto found = values->find(std::string(field.value));
            if (found == values->end() || found->second.empty()) continue;  // optional, absent
            value = found->second;
        }
        if (auto placed = place_field(layout, field, value); !placed) {
            Error error = placed.error();
            error.message = fmt::format("{}: {}", label_template.name, error.message);
            return std::unexpected(error);
        }
    }
    return layout.take();
}

Result<Label> build_label(std::string_view name, const nlohmann::json& data,
                          const TemplateContext& context) {
    const LabelTemplate* found = find_label_template(name);
    if (!found) {
        std::string names;
        for (const auto& candidate : k_templates)
            names += (names.empty() ? "" : ", ") + std::string(candidate.name);
        return fail(ErrorCode::NotFound,
                    fmt::format("no label template \"{}\"; there are: {}", name, names), "labels");
    }
    return build_label(*found, data, context);
}

}  // namespace rs::labels
