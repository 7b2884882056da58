// Event schemas of the sync API as one table: payload fields per type and the state a move reaches.
#include "tools/platform/event_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/clock.h"
#include "common/sha256.h"

namespace rs::platform {
namespace {

using json = nlohmann::json;
using F = FieldType;

// The repair order states of docs/sync-api.md; "from" and "to" must be one of them.
constexpr std::array<const char*, 17> k_states{
    "received",
    "inspected",
    "diagnosed",
    "awaiting_approval",
    "approved",
    "declined",
    "awaiting_parts",
    "in_repair",
    "qa",
    "ready_to_ship",
    "shipped",
    "closed",
    "cancelled",
    "returned_unrepaired",
    "scrapped",
    "restocked",
    "exchanged",
};

// The routes of the after-sales rules (docs/policy.md) and the causes a diagnosis names.
constexpr std::array<const char*, 6> k_routes{
    "warranty_repair", "quote", "exchange", "return_accepted", "return_refused", "no_fault_found"};
constexpr std::array<const char*, 5> k_causes{"manufacturing_defect", "customer_damage", "liquid",
                                              "transit", "no_fault_found"};

constexpr FieldRule k_received[] = {
    {"repair_order", F::NonEmptyText, true}, {"rma_id", F::NonEmptyText, true},
    {"rma_number", F::NonEmptyText, true},   {"owner", F::NonEmptyText, true},
    {"inbound_scan", F::NonEmptyText, true},
};
constexpr FieldRule k_move[] = {
    {"repair_order", F::NonEmptyText, true}, {"rma_id", F::NonEmptyText, true},
    {"from", F::NonEmptyText, true},         {"to", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},     {"note", F::Text, true},
};
constexpr FieldRule k_quoted[] = {
    {"quote", F::Object, false},  // the station sends it always (lines and total) since issue 12
};
constexpr FieldRule k_diagnosed[] = {
    {"diagnosis", F::Object, false},  // absent when a person moved the order without codes
    {"category", F::NonEmptyText, false},
};
constexpr FieldRule k_diagnosis[] = {
    {"customer_symptom", F::NonEmptyText, true},
    {"condition", F::Text, true},
    {"symptom", F::NonEmptyText, true},
    {"section", F::Text, true},
    {"defect", F::NonEmptyText, true},
    {"cause", F::NonEmptyText, true},
    {"damage", F::Array, true},
    {"missing_accessories", F::Array, true},
    {"activated", F::Bool, true},
    {"notes", F::Text, true},
    {"photos", F::Array, true},
};
constexpr FieldRule k_route[] = {
    {"repair_order", F::NonEmptyText, true},
    {"rma_id", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},
    {"route", F::NonEmptyText, true},
    {"category", F::Text, true},
    {"policy_version", F::NonEmptyText, true},
    {"trace", F::Array, true},
    {"kind", F::NonEmptyText, true},
};
constexpr FieldRule k_route_decided[] = {
    {"review_by", F::NonEmptyText, true},
    {"carrier_claim", F::Bool, true},
    {"reasons", F::Array, true},
};
constexpr FieldRule k_route_overridden[] = {
    {"reason", F::NonEmptyText, true},
};
constexpr FieldRule k_handed_over[] = {
    {"repair_order", F::NonEmptyText, true}, {"rma_id", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},     {"from_owner", F::NonEmptyText, true},
    {"to_owner", F::NonEmptyText, true},     {"reason", F::NonEmptyText, true},
};
constexpr FieldRule k_identity_cleared[] = {
    {"repair_order", F::NonEmptyText, true}, {"rma_id", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},     {"device_identity", F::Text, true},
    {"reason", F::NonEmptyText, true},
};
constexpr FieldRule k_trace_line[] = {
    {"rule", F::NonEmptyText, true},
    {"finding", F::NonEmptyText, true},
};
constexpr FieldRule k_quote_line[] = {
    {"kind", F::NonEmptyText, true},  {"code", F::NonEmptyText, true},
    {"description", F::Text, true},   {"quantity", F::Integer, true},
    {"unit_minor", F::Integer, true}, {"amount_minor", F::Integer, true},
    {"substitute", F::Bool, true},
};
// A parcel handed to the carrier (station/shipping/shipment.h): with its waybill number.
constexpr FieldRule k_shipped[] = {
    {"tracking_number", F::NonEmptyText, true},
    {"carrier", F::NonEmptyText, true},
    {"service", F::NonEmptyText, true},
    {"freight_payer", F::NonEmptyText, true},
    {"weight_g", F::Integer, true},
    {"contents", F::Array, true},  // [{item, detail}]: the device, then each accessory
    {"cost", F::Object, true},     // the order's cost: k_cost
};
// An exchange (station/returns/exchange.h): the replacement unit and the returned unit's fate.
constexpr FieldRule k_exchanged[] = {
    {"replacement_product", F::NonEmptyText, true}, {"replacement_sku", F::NonEmptyText, true},
    {"replacement_serial", F::NonEmptyText, true},  {"replacement_cost", F::Integer, true},
    {"returned_unit", F::NonEmptyText, true},     // refurbishment, supplier_return, scrap
    {"supplier_return", F::NonEmptyText, false},  // the batch (SR-...) a supplier_return joined
};
// A no-reason return's resale inspection (station/returns/resale_inspection.h): the platform
// refunds on it.
constexpr FieldRule k_restocked[] = {
    {"grade", F::NonEmptyText, true},    // A, B, C, D
    {"outcome", F::NonEmptyText, true},  // restock, return_to_vendor
    {"missing_accessories", F::Array, true},
    {"activated", F::Bool, true},
    {"serial", F::Text, true},
    {"restocked_sku", F::Text, true},  // empty when returned to the vendor
};
// A parcel on a carrier's end-of-day manifest (station/shipping/manifest.h): handed over.
constexpr FieldRule k_manifested[] = {
    {"repair_order", F::NonEmptyText, true}, {"rma_id", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},     {"manifest", F::Integer, true},
    {"carrier", F::NonEmptyText, true},      {"tracking_number", F::NonEmptyText, true},
};
constexpr FieldRule k_identity[] = {
    {"repair_order", F::NonEmptyText, true},
    {"rma_id", F::NonEmptyText, true},
    {"device", F::Object, true},
};
constexpr FieldRule k_device[] = {
    {"kind", F::NonEmptyText, true},
    {"scanned", F::NonEmptyText, true},
    {"expected", F::Text, true},
};
constexpr FieldRule k_quote[] = {
    {"amount_minor", F::Integer, true},  {"currency", F::NonEmptyText, true},
    {"lines", F::Array, true},           {"valid_until", F::NonEmptyText, true},
    {"consent_required", F::Bool, true},
};

constexpr FieldRule k_photo[] = {
    {"repair_order", F::NonEmptyText, true}, {"rma_id", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},     {"photo_id", F::NonEmptyText, true},
    {"sha256", F::NonEmptyText, true},
};
constexpr FieldRule k_photo_added[] = {
    {"stage", F::NonEmptyText, true},
    {"verdict", F::NonEmptyText, true},
    {"camera", F::Text, false},
};
constexpr FieldRule k_photo_annotated[] = {
    {"annotation", F::Integer, true},
    {"label", F::Text, true},
};

constexpr FieldRule k_firmware[] = {
    {"repair_order", F::NonEmptyText, true},  {"rma_id", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},      {"usb_device", F::NonEmptyText, true},
    {"model", F::NonEmptyText, true},         {"image_sha256", F::NonEmptyText, true},
    {"image_version", F::NonEmptyText, true}, {"before_version", F::Text, true},
};
constexpr FieldRule k_firmware_flashed[] = {
    {"result", F::NonEmptyText, true},
    {"after_version", F::Text, true},
    {"verified_by", F::Text, true},
    {"message", F::Text, true},
};
// The parts of a repair order (station/orders/order_parts.h): no state change of their own.
constexpr FieldRule k_parts_step[] = {
    {"repair_order", F::NonEmptyText, true},
    {"operator", F::NonEmptyText, true},
};
constexpr FieldRule k_parts_reserved[] = {
    {"sku", F::NonEmptyText, true},
    {"reserved", F::Array, true},        // [{sku, qty, lot, serial, location}]
    {"backordered", F::Integer, false},  // the units short, when some were
    {"substitute", F::Bool, false},      // not the original part (the customer consented)
};
// Received stock filled (part of) a backorder of the order: reserved for it now.
constexpr FieldRule k_backorder_filled[] = {
    {"sku", F::NonEmptyText, true},       {"qty", F::Integer, true},
    {"still_short", F::Integer, true},    {"reserved", F::Array, true},
    {"substitute", F::Bool, true},        {"owner", F::NonEmptyText, true},
    {"deadline", F::NonEmptyText, false},  // the order's completion deadline, when known
};
// The customer accepted the quote (station/orders/quotes.h): which quote, and whether they
// consented to its substitute parts (the SKUs consented to).
constexpr FieldRule k_quote_approved[] = {
    {"quote_id", F::NonEmptyText, false},
    {"consent_substitutes", F::Bool, false},
    {"substitutes", F::Array, false},
};
// The repair starts; the station starts it by itself when its backordered parts arrived.
constexpr FieldRule k_repair_started[] = {
    {"parts_arrived", F::Array, false},  // [{sku, qty}]
    {"owner", F::NonEmptyText, false},
};
constexpr FieldRule k_part_picked[] = {
    {"sku", F::NonEmptyText, true}, {"qty", F::Integer, true},   {"lot", F::Text, true},
    {"serial", F::Text, true},      {"location", F::Text, true},
};
constexpr FieldRule k_parts_used[] = {
    {"parts", F::Array, true},  // [{sku, lot, serial, qty, unit_cost}]
    {"parts_cost", F::Integer, true},
};
// QA (station/orders/qa.h): entering QA names the checklist it records; a failed QA says why
// it goes back to repair; a passed one carries the repair report.
constexpr FieldRule k_repaired[] = {
    {"qa", F::Object, false},  // {attempt, category, checklist, policy_version, steps}
};
constexpr FieldRule k_qa_failed[] = {
    {"reason", F::NonEmptyText, true},
    {"qa", F::Object, false},  // {attempt, outcome, failed_steps}; absent without a checklist
};
constexpr FieldRule k_qa_passed[] = {
    {"qa", F::Object, true},  // {attempts, first_pass, checklist}
    {"repair_report", F::Object, true},
    {"cost", F::Object, true},  // the order's cost: k_cost
};
// What a repair order cost the center (station/orders/order_cost.h): parts at their ledger cost
// plus labour (standard minutes of its repair codes at the policy's hourly rate).
constexpr FieldRule k_cost[] = {
    {"parts_minor", F::Integer, true},
    {"labour_minor", F::Integer, true},
    {"total_minor", F::Integer, true},
    {"currency", F::NonEmptyText, false},  // absent when the station has no policy
};
constexpr FieldRule k_repair_report[] = {
    {"repair_order", F::NonEmptyText, true},
    {"rma", F::Text, true},
    {"diagnosis", F::Object, false},
    {"repair_codes", F::Array, true},
    {"parts", F::Array, true},
    {"parts_cost", F::Integer, true},
    {"qa", F::Object, true},
    {"photos", F::Array, true},
    {"firmware", F::Object, false},
};
constexpr FieldRule k_report_part[] = {
    {"sku", F::NonEmptyText, true},
    {"qty", F::Integer, true},
    {"unit_cost", F::Integer, true},
};
constexpr FieldRule k_report_qa[] = {
    {"attempts", F::Integer, true},
    {"passed", F::Bool, true},
    {"first_pass", F::Bool, true},
    {"latest", F::Object, false},  // the last attempt: {attempt, outcome, steps [...]}
};
constexpr FieldRule k_parts_released[] = {
    {"units", F::Integer, true},
};
constexpr std::span<const FieldRule> k_none;

constexpr EventSchema k_schemas[] = {
    {"repair_order.received", nullptr, k_received, k_none,
     "a parcel was scanned in: the order exists"},
    {"repair_order.identity.confirmed", nullptr, k_identity, k_none,
     "the device's serial or IMEI matches the RMA"},
    {"repair_order.identity.mismatch", nullptr, k_identity, k_none,
     "the device's serial or IMEI differs from the RMA: held for a supervisor"},
    {"repair_order.inspected", "inspected", k_move, k_none, "looked at and photographed"},
    {"repair_order.diagnosed", "diagnosed", k_move, k_diagnosed,
     "the fault is known, in the fault catalog's codes"},
    {"repair_order.quoted", "awaiting_approval", k_move, k_quoted,
     "out of warranty or void: the customer must approve a quote (lines and total)"},
    {"repair_order.route_decided", nullptr, k_route, k_route_decided,
     "the after-sales rules decided the route, with the trace of every rule looked at"},
    {"repair_order.route_overridden", nullptr, k_route, k_route_overridden,
     "a supervisor replaced the route, with a reason (the original stays in the trace)"},
    {"repair_order.handed_over", nullptr, k_handed_over, k_none,
     "the owner (or a supervisor) gave the case to another person"},
    {"repair_order.identity.cleared", nullptr, k_identity_cleared, k_none,
     "a supervisor accepted the device despite its identity mismatch"},
    {"repair_order.restocked", "restocked", k_move, k_restocked,
     "a no-reason return was inspected for resale: its grade, and restocked or returned to the "
     "vendor; the platform refunds the customer"},
    {"repair_order.exchanged", "exchanged", k_move, k_exchanged,
     "a replacement unit goes to the customer (quality defect in the exchange window)"},
    {"repair_order.replacement_packed", "ready_to_ship", k_move, k_none,
     "the replacement unit is packed, waiting for the carrier"},
    {"repair_order.quote_expired", "returned_unrepaired", k_move, k_none,
     "the quote expired unanswered: sent back without repair"},
    {"repair_order.quote_approved", "approved", k_move, k_quote_approved,
     "the quote was approved (with or without consent to its substitute parts)"},
    {"repair_order.quote_declined", "declined", k_move, k_none, "the quote was declined"},
    {"repair_order.awaiting_parts", "awaiting_parts", k_move, k_none, "waiting for spare parts"},
    {"repair_order.repair_started", "in_repair", k_move, k_repair_started,
     "a technician works on it (the station moves it on when its backordered parts arrived)"},
    {"repair_order.repaired", "qa", k_move, k_repaired,
     "repaired, in quality checks (with the checklist of its category, when there is one)"},
    {"repair_order.qa_passed", "ready_to_ship", k_move, k_qa_passed,
     "passed quality checks: every step of its checklist; carries the repair report"},
    {"repair_order.qa_failed", "in_repair", k_move, k_qa_failed,
     "failed quality checks: back to repair, with the reason"},
    {"repair_order.ready_to_ship", "ready_to_ship", k_move, k_none,
     "packed, waiting for the carrier"},
    {"repair_order.shipped", "shipped", k_move, k_shipped,
     "handed to the carrier: carrier, service, waybill number, weight and contents"},
    {"repair_order.manifested", nullptr, k_manifested, k_none,
     "the parcel is on its carrier's end-of-day manifest: handed over to the driver"},
    {"repair_order.closed", "closed", k_move, k_none, "finished"},
    {"repair_order.returned_unrepaired", "returned_unrepaired", k_move, k_none,
     "sent back without repair (quote declined)"},
    {"repair_order.cancelled", "cancelled", k_move, k_none, "cancelled before the repair was done"},
    {"repair_order.scrapped", "scrapped", k_move, k_none, "beyond economic repair"},
    {"repair_order.photo_added", nullptr, k_photo, k_photo_added,
     "a photo of the device was filed (uploaded before, by its SHA-256)"},
    {"repair_order.photo_annotated", nullptr, k_photo, k_photo_annotated,
     "a damaged area was marked on a photo"},
    {"repair_order.firmware_flash_started", nullptr, k_firmware, k_none,
     "a firmware flash of the device began (recorded before the first byte)"},
    {"repair_order.firmware_flashed", nullptr, k_firmware, k_firmware_flashed,
     "a firmware flash of the device ended: succeeded, failed or aborted"},
    {"repair_order.parts_reserved", nullptr, k_parts_step, k_parts_reserved,
     "spare parts were reserved for the order (what was short is backordered)"},
    {"repair_order.part_picked", nullptr, k_parts_step, k_part_picked,
     "a reserved part was taken from its bin to the workbench"},
    {"repair_order.parts_used", nullptr, k_parts_step, k_parts_used,
     "the repair used its picked parts: each with lot, serial and ledger cost"},
    {"repair_order.backorder_filled", nullptr, k_parts_step, k_backorder_filled,
     "received stock filled a backorder of the order (earliest deadline first): reserved for it, "
     "its owner told"},
    {"repair_order.parts_released", nullptr, k_parts_step, k_parts_released,
     "the order's parts went back to stock and its backorders were cancelled"},
};

Rejection invalid(const char* code, std::string reason) {
    return Rejection{code, std::move(reason)};
}

const char* type_name(FieldType type) {
    switch (type) {
        case F::Text:
            return "a string";
        case F::NonEmptyText:
            return "a non-empty string";
        case F::Integer:
            return "a whole number";
        case F::Object:
            return "an object";
        case F::Array:
            return "a list";
        case F::Bool:
            return "true or false";
    }
    return "?";
}

bool has_type(const json& value, FieldType type) {
    switch (type) {
        case F::Text:
            return value.is_string();
        case F::NonEmptyText:
            return value.is_string() && !value.get_ref<const std::string&>().empty();
        case F::Integer:
            return value.is_number_integer();
        case F::Object:
            return value.is_object();
        case F::Array:
            return value.is_array();
        case F::Bool:
            return value.is_boolean();
    }
    return false;
}

// Checks `object` against `rules`; `where` prefixes field names ("payload.", "payload.device.").
std::optional<Rejection> check_fields(const json& object, std::span<const FieldRule> rules,
                                      const std::string& where) {
    for (const auto& rule : rules) {
        auto found = object.find(rule.name);
        if (found == object.end() || found->is_null()) {
            if (rule.required)
                return invalid("invalid_payload", fmt::format("{}{} is missing", where, rule.name));
            continue;
        }
        if (!has_type(*found, rule.type))
            return invalid("invalid_payload",
                           fmt::format("{}{} must be {}", where, rule.name, type_name(rule.type)));
    }
    return std::nullopt;
}

bool is_state(const std::string& name) {
    return std::find(k_states.begin(), k_states.end(), name) != k_states.end();
}

template <std::size_t N>
bool is_one_of(const std::array<const char*, N>& names, const std::string& name) {
    return std::find_if(names.begin(), names.end(),
                        [&](const char* known) { return name == known; }) != names.end();
}

// Every item of `list` is an object with `rules`; `where` names the list.
std::optional<Rejection> check_items(const json& list, std::span<const FieldRule> rules,
                                     const std::string& where) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_object())
            return invalid("invalid_payload", fmt::format("{}[{}] must be an object", where, i));
        if (auto bad = check_fields(list[i], rules, fmt::format("{}[{}].", where, i))) return bad;
    }
    return std::nullopt;
}

// A quote's lines add up to its total, each amount non-negative.
std::optional<Rejection> check_quote(const json& quote) {
    if (auto bad = check_fields(quote, k_quote, "payload.quote.")) return bad;
    if (quote["amount_minor"].get<std::int64_t>() < 0)
        return invalid("invalid_payload", "payload.quote.amount_minor must not be negative");
    const json& lines = quote["lines"];
    if (lines.empty())
        return invalid("invalid_payload", "payload.quote.lines must hold at least one line");
    if (auto bad = check_items(lines, k_quote_line, "payload.quote.lines")) return bad;
    std::int64_t sum = 0;
    for (const auto& line : lines) {
        const std::string& kind = line["kind"].get_ref<const std::string&>();
        if (kind != "part" && kind != "labour")
            return invalid(
                "invalid_payload",
                fmt::format("payload.quote.lines kind \"{}\" must be part or labour", kind));
        if (line["amount_minor"].get<std::int64_t>() < 0)
            return invalid("invalid_payload", "payload.quote.lines amounts must not be negative");
        sum += line["amount_minor"].get<std::int64_t>();
    }
    if (sum != quote["amount_minor"].get<std::int64_t>())
        return invalid("invalid_payload",
                       fmt::format("payload.quote.amount_minor is {} but its lines add up to {}",
                                   quote["amount_minor"].get<std::int64_t>(), sum));
    if (parse_utc(quote["valid_until"].get<std::string>()) < 0)
        return invalid("invalid_payload", "payload.quote.valid_until must be a UTC time");
    return std::nullopt;
}

std::optional<Rejection> check_payload(const EventSchema& schema, const json& payload) {
    if (auto bad = check_fields(payload, schema.fields, "payload.")) return bad;
    if (auto bad = check_fields(payload, schema.extra, "payload.")) return bad;
    if (schema.to_state) {
        const auto& from = payload["from"].get_ref<const std::string&>();
        const auto& to = payload["to"].get_ref<const std::string&>();
        if (!is_state(from))
            return invalid("invalid_payload",
                           fmt::format("payload.from \"{}\" is not a repair order state", from));
        if (to != schema.to_state)
            return invalid("invalid_payload",
                           fmt::format("payload.to is \"{}\" but {} always moves to \"{}\"", to,
                                       schema.type, schema.to_state));
    }
    if (auto device = payload.find("device"); device != payload.end()) {
        if (auto bad = check_fields(*device, k_device, "payload.device.")) return bad;
        const auto& kind = (*device)["kind"].get_ref<const std::string&>();
        if (kind != "imei" && kind != "serial")
            return invalid(
                "invalid_payload",
                fmt::format("payload.device.kind is \"{}\"; it must be imei or serial", kind));
    }
    if (auto digest = payload.find("sha256");
        digest != payload.end() && !rs::is_sha256_hex(digest->get<std::string>()))
        return invalid("invalid_payload", "payload.sha256 must be 64 lower-case hex digits");
    if (auto quote = payload.find("quote"); quote != payload.end() && quote->is_object())
        if (auto bad = check_quote(*quote)) return bad;
    if (auto diagnosis = payload.find("diagnosis");
        diagnosis != payload.end() && diagnosis->is_object()) {
        if (auto bad = check_fields(*diagnosis, k_diagnosis, "payload.diagnosis.")) return bad;
        const auto& cause = (*diagnosis)["cause"].get_ref<const std::string&>();
        if (!is_one_of(k_causes, cause))
            return invalid(
                "invalid_payload",
                fmt::format("payload.diagnosis.cause \"{}\" is not a known cause", cause));
    }
    if (auto report = payload.find("repair_report");
        report != payload.end() && report->is_object()) {
        if (auto bad = check_fields(*report, k_repair_report, "payload.repair_report.")) return bad;
        if (auto bad =
                check_items((*report)["parts"], k_report_part, "payload.repair_report.parts"))
            return bad;
        if (auto bad = check_fields((*report)["qa"], k_report_qa, "payload.repair_report.qa."))
            return bad;
        const json& qa = (*report)["qa"];
        if (qa["first_pass"].get<bool>() && !qa["passed"].get<bool>())
            return invalid("invalid_payload",
                           "payload.repair_report.qa: first_pass without passed");
    }
    if (auto cost = payload.find("cost"); cost != payload.end() && cost->is_object()) {
        if (auto bad = check_fields(*cost, k_cost, "payload.cost.")) return bad;
        std::int64_t parts = (*cost)["parts_minor"].get<std::int64_t>();
        std::int64_t labour = (*cost)["labour_minor"].get<std::int64_t>();
        if (parts < 0 || labour < 0)
            return invalid("invalid_payload", "payload.cost amounts must not be negative");
        if ((*cost)["total_minor"].get<std::int64_t>() != parts + labour)
            return invalid("invalid_payload",
                           fmt::format("payload.cost.total_minor is {} but parts and labour add "
                                       "up to {}",
                                       (*cost)["total_minor"].get<std::int64_t>(), parts + labour));
    }
    if (auto route = payload.find("route"); route != payload.end() && route->is_string()) {
        if (!is_one_of(k_routes, route->get<std::string>()))
            return invalid("invalid_payload", fmt::format("payload.route \"{}\" is not a route",
                                                          route->get<std::string>()));
        if (auto bad = check_items(payload["trace"], k_trace_line, "payload.trace")) return bad;
        if (payload["trace"].empty())
            return invalid("invalid_payload", "payload.trace must list the rules looked at");
    }
    return std::nullopt;
}

}  // namespace

std::span<const EventSchema> event_schemas() {
    return k_schemas;
}

const EventSchema* find_event_schema(const std::string& type) {
    for (const auto& schema : k_schemas)
        if (type == schema.type) return &schema;
    return nullptr;
}

bool is_canonical_uuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

std::optional<Rejection> check_event(const json& event) {
    if (!event.is_object()) return invalid("invalid_envelope", "an event must be a JSON object");
    static constexpr FieldRule k_envelope[] = {
        {"id", F::NonEmptyText, true},           {"type", F::NonEmptyText, true},
        {"aggregate_id", F::NonEmptyText, true}, {"sequence", F::Integer, true},
        {"time", F::NonEmptyText, true},         {"payload", F::Object, true},
    };
    if (auto bad = check_fields(event, k_envelope, "")) {
        bad->code = "invalid_envelope";
        return bad;
    }
    if (!is_canonical_uuid(event["id"].get<std::string>()))
        return invalid("invalid_envelope", "id must be a lower-case UUID (8-4-4-4-12 hex digits)");
    if (parse_utc(event["time"].get<std::string>()) < 0)
        return invalid("invalid_envelope", "time must be a UTC time like 2026-11-23T14:05:09.123Z");
    const std::string& type = event["type"].get_ref<const std::string&>();
    const EventSchema* schema = find_event_schema(type);
    if (!schema)
        return invalid("unknown_type",
                       fmt::format("event type \"{}\" is not in this API version", type));
    return check_payload(*schema, event["payload"]);
}

}  // namespace rs::platform
