// Diagnosis in codes: the fault catalog (IRIS-style codes per product category) and the
// technician's diagnosis of one repair order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/policy/policy.h"
#include "station/policy/rule_engine.h"
#include "station/store/station_store.h"

namespace rs::station {

// The code sets of the consumer-electronics repair reporting (IRIS): condition (how often),
// symptom (what the customer sees), section (where in the device), defect (what is broken),
// repair (what was done, with its standard time) and no-fault-found.
enum class FaultCodeKind { Condition, Symptom, Section, Defect, Repair, NoFaultFound };

constexpr auto enum_names(FaultCodeKind) {
    using enum FaultCodeKind;
    return std::to_array<EnumName<FaultCodeKind>>({{Condition, "condition"},
                                                   {Symptom, "symptom"},
                                                   {Section, "section"},
                                                   {Defect, "defect"},
                                                   {Repair, "repair"},
                                                   {NoFaultFound, "no_fault_found"}});
}

struct FaultCode {
    std::string category;
    FaultCodeKind kind = FaultCodeKind::Symptom;
    std::string code;
    std::string name_zh;
    std::string name_en;
    int standard_minutes = 0;  // repair codes: the labour time a quote charges
};

// Reads a catalog file (JSON: {"category": "phone", "symptom": [{"code", "zh", "en"}], ...,
// "repair": [{..., "minutes": 30}]}). Every code needs both names; a repair code its minutes.
Result<std::vector<FaultCode>> parse_fault_catalog(const std::string& json_text);
// Replaces the category's codes with the file's, in one transaction; returns how many.
Result<int> import_fault_catalog(StationStore& store, const std::vector<FaultCode>& codes);
Result<std::vector<FaultCode>> list_fault_codes(StationStore& store, const std::string& category);
Result<std::optional<FaultCode>> find_fault_code(StationStore& store, const std::string& category,
                                                 FaultCodeKind kind, const std::string& code);

struct Diagnosis {
    std::string order_number;
    std::string operator_id;
    std::string customer_symptom;  // in the customer's words
    std::string condition_code;
    std::string symptom_code;
    std::string section_code;
    std::string defect_code;  // a no_fault_found code when the cause is no_fault_found
    FaultCause cause = FaultCause::ManufacturingDefect;
    std::vector<Damage> damage;
    std::vector<std::string> missing_accessories;
    bool activated = false;
    std::string notes;
    std::vector<std::string> photo_ids;  // photos of this order that show it
    std::int64_t time_ms = 0;            // set when recorded
};

// Checks the codes against the catalog of the order's category (from the policy), records the
// diagnosis and moves the order from inspected to diagnosed in one transaction; the
// `repair_order.diagnosed` event carries the codes.
Result<Diagnosis> record_diagnosis(StationStore& store, const Policy& policy,
                                   const Diagnosis& diagnosis);
Result<std::optional<Diagnosis>> latest_diagnosis(StationStore& store, const std::string& order_id);

// Marks the order's diagnoses that a later one (by time, then id) replaced: only the latest
// stays in force (diagnoses.superseded = 0). Recording a diagnosis calls it; so may a tool that
// writes diagnoses itself.
Status mark_superseded_diagnoses(StationStore& store, const std::string& order_id);

nlohmann::json diagnosis_to_json(const Diagnosis& diagnosis);

}  // namespace rs::station
