// The example after-sales rules (examples/policy.toml, examples/faults/*.json) in a test store,
// and the steps a test takes to bring an order to a route.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "station/orders/diagnosis.h"
#include "station/orders/policy_store.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"

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

}  // namespace rs::test
