// Tests of the platform's event schema check: envelope, payload fields, states.
#include <catch2/catch.hpp>

#include <set>

#include "tools/platform/event_schema.h"

using namespace rs::platform;
using nlohmann::json;

namespace {
json inspected() {
    return {{"id", "01936f1e-8a2b-7c3d-9e4f-0a1b2c3d4e5f"},
            {"type", "repair_order.inspected"},
            {"aggregate_id", "order-1"},
            {"sequence", 12},
            {"time", "2026-11-23T14:05:09.123Z"},
            {"payload",
             {{"repair_order", "RO-000001O"},
              {"rma_id", "plat-rma-0001"},
              {"from", "received"},
              {"to", "inspected"},
              {"operator", "OP-0002S"},
              {"note", ""}}}};
}

std::string code_of(const json& event) {
    auto bad = check_event(event);
    return bad ? bad->code + ": " + bad->reason : "ok";
}
}  // namespace

TEST_CASE("a well-formed event passes") {
    CHECK(code_of(inspected()) == "ok");
}

TEST_CASE("envelope problems are invalid_envelope and name the field") {
    json event = inspected();
    event.erase("sequence");
    CHECK(code_of(event) == "invalid_envelope: sequence is missing");
    event = inspected();
    event["id"] = "01936F1E-8A2B-7C3D-9E4F-0A1B2C3D4E5F";
    CHECK_THAT(code_of(event), Catch::StartsWith("invalid_envelope: id must be a lower-case UUID"));
    event = inspected();
    event["time"] = "yesterday";
    CHECK_THAT(code_of(event), Catch::StartsWith("invalid_envelope: time must be"));
    event = inspected();
    event["payload"] = "text";
    CHECK(code_of(event) == "invalid_envelope: payload must be an object");
    CHECK_THAT(code_of(json::array()), Catch::StartsWith("invalid_envelope"));
}

TEST_CASE("an unknown type is unknown_type") {
    json event = inspected();
    event["type"] = "repair_order.teleported";
    CHECK_THAT(code_of(event),
               Catch::StartsWith("unknown_type: event type \"repair_order.teleported\""));
}

TEST_CASE("payload problems are invalid_payload and say what was expected") {
    json event = inspected();
    event["payload"].erase("operator");
    CHECK(code_of(event) == "invalid_payload: payload.operator is missing");
    event = inspected();
    event["payload"]["note"] = 5;
    CHECK(code_of(event) == "invalid_payload: payload.note must be a string");
    event = inspected();
    event["payload"]["to"] = "shipped";
    CHECK(code_of(event) ==
          "invalid_payload: payload.to is \"shipped\" but repair_order.inspected always moves to "
          "\"inspected\"");
    event = inspected();
    event["payload"]["from"] = "limbo";
    CHECK(code_of(event) == "invalid_payload: payload.from \"limbo\" is not a repair order state");
}

TEST_CASE("nested objects are checked: the device of identity events, a quote") {
    json event = inspected();
    event["type"] = "repair_order.identity.mismatch";
    event["payload"] = {
        {"repair_order", "RO-1"},
        {"rma_id", "r"},
        {"device", {{"kind", "imei"}, {"scanned", "353918056789015"}, {"expected", ""}}}};
    CHECK(code_of(event) == "ok");
    event["payload"]["device"]["kind"] = "barcode";
    CHECK(code_of(event) ==
          "invalid_payload: payload.device.kind is \"barcode\"; it must be imei or serial");
    event["payload"]["device"].erase("scanned");
    CHECK(code_of(event) == "invalid_payload: payload.device.scanned is missing");

    event = inspected();
    event["type"] = "repair_order.quoted";
    event["payload"]["to"] = "awaiting_approval";
    CHECK(code_of(event) == "ok");  // the quote itself is optional
    json line = {{"kind", "labour"},   {"code", "R10"},       {"description", ""},
                 {"quantity", 45},     {"unit_minor", 12000}, {"amount_minor", 9000},
                 {"substitute", false}};
    event["payload"]["quote"] = {{"amount_minor", 9000},
                                 {"currency", "CNY"},
                                 {"lines", json::array({line})},
                                 {"valid_until", "2026-12-07T01:15:50.703Z"},
                                 {"consent_required", false}};
    CHECK(code_of(event) == "ok");
    event["payload"]["quote"]["amount_minor"] = -5;
    CHECK(code_of(event) == "invalid_payload: payload.quote.amount_minor must not be negative");
    event["payload"]["quote"]["amount_minor"] = 9500;
    CHECK(code_of(event) ==
          "invalid_payload: payload.quote.amount_minor is 9500 but its lines add up to 9000");
    event["payload"]["quote"]["amount_minor"] = 9000;
    event["payload"]["quote"]["lines"][0].erase("unit_minor");
    CHECK(code_of(event) == "invalid_payload: payload.quote.lines[0].unit_minor is missing");
    event["payload"]["quote"] = {{"amount_minor", 39900}};
    CHECK(code_of(event) == "invalid_payload: payload.quote.currency is missing");
}

TEST_CASE("a route decision names a known route and lists its trace") {
    json event = inspected();
    event["type"] = "repair_order.route_decided";
    event["payload"] = {{"repair_order", "RO-1"},
                        {"rma_id", "r"},
                        {"operator", "OP-0002S"},
                        {"route", "exchange"},
                        {"category", "phone"},
                        {"policy_version", "2026.11-1"},
                        {"kind", "computed"},
                        {"trace", json::array({{{"rule", "X1"}, {"finding", "day 10 of 15"}}})},
                        {"review_by", "2026-12-03"},
                        {"carrier_claim", false},
                        {"reasons", json::array()}};
    CHECK(code_of(event) == "ok");
    event["payload"]["route"] = "refund";
    CHECK(code_of(event) == "invalid_payload: payload.route \"refund\" is not a route");
    event["payload"]["route"] = "exchange";
    event["payload"]["trace"] = json::array();
    CHECK(code_of(event) == "invalid_payload: payload.trace must list the rules looked at");
    event["payload"]["trace"] = json::array({{{"rule", "X1"}}});
    CHECK(code_of(event) == "invalid_payload: payload.trace[0].finding is missing");
}

TEST_CASE("every schema of a move names a state, and types are unique") {
    std::set<std::string> types;
    for (const auto& schema : event_schemas()) {
        CHECK(types.insert(schema.type).second);
        CHECK(find_event_schema(schema.type) == &schema);
    }
    CHECK(find_event_schema("nope") == nullptr);
    CHECK(is_canonical_uuid("01936f1e-8a2b-7c3d-9e4f-0a1b2c3d4e5f"));
    CHECK_FALSE(is_canonical_uuid("01936f1e8a2b7c3d9e4f0a1b2c3d4e5f"));
    CHECK_FALSE(is_canonical_uuid("01936f1e-8a2b-7c3d-9e4f-0a1b2c3d4e5g"));
}

TEST_CASE("qa_passed carries the repair report; qa_failed says why") {
    json event = inspected();
    event["type"] = "repair_order.qa_passed";
    event["payload"]["from"] = "qa";
    event["payload"]["to"] = "ready_to_ship";
    CHECK(code_of(event) == "invalid_payload: payload.qa is missing");
    event["payload"]["qa"] = {{"attempts", 1}, {"first_pass", true}, {"checklist", "Phone"}};
    CHECK(code_of(event) == "invalid_payload: payload.repair_report is missing");
    json report = {
        {"repair_order", "RO-000001O"},
        {"rma", "RMA-26110001X"},
        {"repair_codes", json::array({"R10"})},
        {"parts", json::array({{{"sku", "SKU-LCD-X2Q"}, {"qty", 1}, {"unit_cost", 2500}}})},
        {"parts_cost", 2500},
        {"qa", {{"attempts", 1}, {"passed", true}, {"first_pass", true}}},
        {"photos", json::array()}};
    event["payload"]["repair_report"] = report;
    CHECK(code_of(event) == "invalid_payload: payload.cost is missing");
    event["payload"]["cost"] = {
        {"parts_minor", 2500}, {"labour_minor", 9000}, {"total_minor", 11000}};
    CHECK(
        code_of(event) ==
        "invalid_payload: payload.cost.total_minor is 11000 but parts and labour add up to 11500");
    event["payload"]["cost"]["total_minor"] = 11500;
    CHECK(code_of(event) == "ok");  // currency is optional (a station without a policy)
    event["payload"]["cost"]["labour_minor"] = "90.00";
    CHECK(code_of(event) == "invalid_payload: payload.cost.labour_minor must be a whole number");
    event["payload"]["cost"] = {
        {"parts_minor", 2500}, {"labour_minor", 9000}, {"total_minor", 11500}, {"currency", "CNY"}};
    CHECK(code_of(event) == "ok");
    event["payload"]["repair_report"]["parts"][0].erase("unit_cost");
    CHECK(code_of(event) == "invalid_payload: payload.repair_report.parts[0].unit_cost is missing");
    event["payload"]["repair_report"] = report;
    event["payload"]["repair_report"]["qa"]["passed"] = false;
    CHECK(code_of(event) == "invalid_payload: payload.repair_report.qa: first_pass without passed");
    event["payload"]["repair_report"] = report;
    event["payload"]["repair_report"].erase("photos");
    CHECK(code_of(event) == "invalid_payload: payload.repair_report.photos is missing");

    json failed = inspected();
    failed["type"] = "repair_order.qa_failed";
    failed["payload"]["from"] = "qa";
    failed["payload"]["to"] = "in_repair";
    CHECK(code_of(failed) == "invalid_payload: payload.reason is missing");
    failed["payload"]["reason"] = "step 3 (Battery voltage): 3.41 V (expected 3.7..4.4 V)";
    CHECK(code_of(failed) == "ok");
}
