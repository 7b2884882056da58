// The example after-sales rules (examples/policy.toml, examples/faults/*.json) in a test store,
// and the steps a test takes to bring an order to a route.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "station/orders/diagnosis.h"
#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/policy_store.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "tests/support/station_fixture.h"

namespace rs::test {

inline std::string example_text(const std::string& name) {
    std::ifstream file(std::string(EXAMPLES_DIR) + "/" + name, std::ios::binary);
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// Puts the example policy in force and imports the phone and tablet fault catalogs.
inline station::Policy load_example_rules(station::StationStore& store) {
    auto loaded = station::load_policy(store, example_text("policy.toml"), "policy.toml", "system");
    REQUIRE(loaded);
    for (const char* catalog : {"faults/phone.json", "faults/tablet.json"}) {
        auto codes = station::parse_fault_catalog(example_text(catalog));
        REQUIRE(codes);
        REQUIRE(station::import_fault_catalog(store, *codes));
    }
    return loaded->policy;
}

// A phone diagnosis with the example catalog's codes.
inline station::Diagnosis phone_diagnosis(const std::string& order, const std::string& who,
                                          station::FaultCause cause) {
    station::Diagnosis d;
    d.order_number = order;
    d.operator_id = who;
    d.customer_symptom = "屏幕闪烁 / the screen flickers";
    d.condition_code = "2";
    d.symptom_code = "S110";
    d.section_code = "DSP";
    d.defect_code = cause == station::FaultCause::NoFaultFound ? "N01" : "D02";
    d.cause = cause;
    if (cause == station::FaultCause::Liquid) d.damage = {station::Damage::Liquid};
    return d;
}

// An RMA of `type` for a phone bought a month before StationFixture's clock (2025-11-23) and
// delivered four days before it: in warranty under the example policy.
inline nlohmann::json recent_rma(int number, const std::string& tracking,
                                 const char* type = "repair") {
    nlohmann::json rma = rma_json(number, tracking);
    rma["type"] = type;
    rma["purchase_date"] = "2025-10-20";
    rma["delivered_date"] = "2025-11-19";
    return rma;
}

// The warehouse scans the parcel in (`scan`: its tracking or RMA number), then the device's
// IMEI; the order goes to the technician. Returns the order's number.
inline std::string receive_for_technician(StationFixture& f, const std::string& scan,
                                          const std::string& imei = "490154203237518") {
    auto session = station::IntakeSession::start(*f.store, f.warehouse);
    REQUIRE(session);
    auto received = session->scan(Scan{"t", scan, "", 0});
    REQUIRE(received);
    std::string order = received->order_numbers.at(0);
    REQUIRE(session->scan(Scan{"t", imei, "", 0}));
    REQUIRE(station::hand_over(*f.store, order, f.technician, f.warehouse, "to the repair bench"));
    return order;
}

// The technician inspects the order and records a phone diagnosis of `cause`.
inline void inspect_and_diagnose(StationFixture& f, const station::Policy& policy,
                                 const std::string& order, station::FaultCause cause) {
    REQUIRE(
        station::move_order(*f.store, {order, station::OrderState::Inspected, f.technician, ""}));
    auto diagnosed =
        station::record_diagnosis(*f.store, policy, phone_diagnosis(order, f.technician, cause));
    INFO((diagnosed ? "" : diagnosed.error().message));
    REQUIRE(diagnosed);
}

}  // namespace rs::test
