// The demo's six routes: intake, handover, diagnosis in codes, decision with its trace, and
// each route's way to its end, the customers' quote decisions arriving through the platform.
#include "station/demo/demo_rules.h"

#include <fmt/format.h>

#include "demo_data.h"
#include "station/cli/rules_output.h"
#include "station/demo/demo_returns.h"
#include "station/orders/diagnosis.h"
#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/policy_samples.h"
#include "station/orders/policy_store.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"

namespace rs::cli {
namespace {

constexpr const char* k_warehouse = "OP-0001U";
constexpr const char* k_technician = "OP-0002S";
constexpr const char* k_supervisor = "OP-0003Q";
constexpr const char* k_returned_phone_imei = "490154203237518";

Result<station::Policy> demo_policy() {
    return station::parse_policy(k_demo_policy_toml, "examples/policy.toml");
}

// Days to add to the samples' dates so their "received" day is today (the center's local day).
Result<station::PolicySamples> samples_for_today(station::StationStore& store) {
    auto policy = demo_policy();
    if (!policy) return std::unexpected(policy.error());
    auto as_filed = station::parse_policy_samples(k_demo_samples_json, 0);
    if (!as_filed) return std::unexpected(as_filed.error());
    station::Day today = policy->calendar.local_day(store.now_ms());
    return station::parse_policy_samples(k_demo_samples_json,
                                         today - as_filed->received_ms / 86'400'000);
}

Status move(station::StationStore& store, const std::string& number, station::OrderState to,
            const char* who, const std::string& note) {
    auto moved = station::move_order(store, {number, to, who, note});
    if (!moved) return std::unexpected(moved.error());
    fmt::print("    {} is now {}\n", moved->number, name_of(moved->state));
    return {};
}

// The repair, then QA against the category's checklist (demo_qa.h) up to ready_to_ship.
Status repair_and_test(station::StationStore& store, DemoQa& qa, const std::string& number) {
    if (auto moved =
            move(store, number, station::OrderState::InRepair, k_technician, "on the bench");
        !moved)
        return moved;
    return demo_qa(store, qa, number, k_technician);
}

}  // namespace

Result<std::string> demo_rmas_with_samples(station::StationStore& store) {
    auto samples = samples_for_today(store);
    if (!samples) return std::unexpected(samples.error());
    auto document = nlohmann::json::parse(k_demo_rmas_json, nullptr, false);
    if (!document.is_object() || !document.contains("rmas"))
        return fail(ErrorCode::Internal, "the demo RMAs are not {\"rmas\": [...]}", "demo");
    for (const auto& sample : samples->samples)
        document["rmas"].push_back(sample.rma_json);
    return document.dump();
}

Status demo_load_rules(station::StationStore& store, int& step) {
    print_step(step,
               "The center's after-sales rules are put in force (examples/policy.toml), "
               "and the fault catalogs of phones and tablets are imported:");
    auto loaded =
        station::load_policy(store, k_demo_policy_toml, "examples/policy.toml", k_supervisor);
    if (!loaded) return std::unexpected(loaded.error());
    fmt::print("    policy {} in force: {} categories\n", loaded->policy.version,
               loaded->policy.categories.size());
    for (const char* catalog : {k_demo_phone_faults_json, k_demo_tablet_faults_json}) {
        auto codes = station::parse_fault_catalog(catalog);
        if (!codes) return std::unexpected(codes.error());
        auto imported = station::import_fault_catalog(store, *codes);
        if (!imported) return std::unexpected(imported.error());
        fmt::print("    {} fault codes for {}\n", *imported, codes->front().category);
    }
    return {};
}

Status demo_quote_first(station::StationStore& store, const std::string& number) {
    auto policy = demo_policy();
    if (!policy) return std::unexpected(policy.error());
    station::Diagnosis diagnosis;
    diagnosis.order_number = number;
    diagnosis.operator_id = k_technician;
    diagnosis.customer_symptom = "屏幕闪烁 / screen flickers";
    diagnosis.condition_code = "4";
    diagnosis.symptom_code = "S120";
    diagnosis.section_code = "DSP";
    diagnosis.defect_code = "D03";
    diagnosis.cause = station::FaultCause::CustomerDamage;
    diagnosis.damage = {station::Damage::Physical};
    diagnosis.notes = "display cracked at the corner: dropped";
    if (auto diagnosed = station::record_diagnosis(store, *policy, diagnosis); !diagnosed)
        return std::unexpected(diagnosed.error());
    auto decided = station::decide_order(store, *policy, number, k_technician);
    if (!decided) return std::unexpected(decided.error());
    print_decision(*decided);
    auto quote = station::make_quote(store, *policy,
                                     {number, k_technician, {}, {"R10"}, "quote: new display"});
    if (!quote) return std::unexpected(quote.error());
    fmt::print("    {} is now awaiting_approval\n", number);
    print_quote(*quote);
    return {};
}

Status demo_routes(DemoPlatform& platform, station::StationStore& store, DemoQa& qa, int& step) {
    auto policy = demo_policy();
    if (!policy) return std::unexpected(policy.error());
    auto samples = samples_for_today(store);
    if (!samples) return std::unexpected(samples.error());

    print_step(step,
               "Eight more parcels arrive, one for each route the rules can take. Wang Fang "
               "scans each RMA number and hands the cases to Zhao Lei (a handover needs a "
               "reason, and is audited and published):");
    auto session = station::IntakeSession::start(store, k_warehouse);
    if (!session) return std::unexpected(session.error());
    std::vector<std::string> numbers;
    for (const auto& sample : samples->samples) {
        auto received = session->scan(Scan{"demo", sample.rma.number, "", store.now_ms()});
        if (!received) return std::unexpected(received.error());
        if (received->order_numbers.empty())
            return fail(ErrorCode::Internal, "no order for " + sample.rma.number, "demo");
        std::string number = received->order_numbers.front();
        numbers.push_back(number);
        // The returned phone goes back on a shelf by its IMEI: scanned from its box at intake.
        if (sample.expected_route == "return_accepted") {
            auto identified =
                session->scan(Scan{"demo", k_returned_phone_imei, "", store.now_ms()});
            if (!identified) return std::unexpected(identified.error());
        }
        auto handed =
            station::hand_over(store, number, k_technician, k_warehouse, "to the repair bench");
        if (!handed) return std::unexpected(handed.error());
        fmt::print("    {} for {} ({}): owner {}\n", number, sample.rma.number,
                   name_of(sample.rma.type), handed->owner_id);
    }

    for (std::size_t i = 0; i < samples->samples.size(); ++i) {
        const auto& sample = samples->samples[i];
        const std::string& number = numbers[i];
        print_step(step, fmt::format("{}: {}", number, sample.story));
        if (auto moved = move(store, number, station::OrderState::Inspected, k_technician,
                              "unpacked and photographed");
            !moved)
            return moved;
        station::Diagnosis diagnosis = sample.diagnosis;
        diagnosis.order_number = number;
        diagnosis.operator_id = k_technician;
        auto diagnosed = station::record_diagnosis(store, *policy, diagnosis);
        if (!diagnosed) return std::unexpected(diagnosed.error());
        fmt::print("    diagnosed: symptom {} section {} defect {}, cause {}\n",
                   diagnosis.symptom_code,
                   diagnosis.section_code.empty() ? "-" : diagnosis.section_code,
                   diagnosis.defect_code, name_of(diagnosis.cause));
        auto decided = station::decide_order(store, *policy, number, k_technician);
        if (!decided) return std::unexpected(decided.error());
        print_decision(*decided);

        using enum station::Route;
        using enum station::OrderState;
        Status done = {};
        switch (decided->route) {
            case WarrantyRepair:
                done = repair_and_test(store, qa, number);
                break;
            case Quote: {
                if (i + 1 == samples->samples.size()) {
                    // Once, the refusal a technician meets when skipping the quote.
                    auto refused = station::move_order(
                        store, {number, InRepair, k_technician, "start anyway"});
                    if (refused)
                        return fail(ErrorCode::Internal, "a repair without a quote was accepted",
                                    "demo");
                    fmt::print("    repair before a quote refused: {}\n", refused.error().message);
                }
                auto quote = station::make_quote(
                    store, *policy,
                    {number, k_technician, {}, sample.quote_labour, "quote sent to the customer"});
                if (!quote) return std::unexpected(quote.error());
                fmt::print("    {} is now awaiting_approval\n", number);
                print_quote(*quote);
                break;
            }
            case Exchange:
                done = demo_exchange(store, number, sample.rma.product_model, k_technician);
                break;
            case ReturnAccepted:
                done =
                    demo_resale_inspection(store, number, sample.rma.product_model, k_technician);
                break;
            case ReturnRefused:
            case NoFaultFound:
                done = move(store, number, ReadyToShip, k_technician, "ships back as it came");
                break;
        }
        if (!done) return done;
    }

    print_step(step,
               "The quotes go to the platform; the customers answer there, and the next "
               "pull brings their decisions to the bench:");
    if (auto pushed = platform.push("    "); !pushed) return pushed;
    for (const auto& sample : samples->samples)
        if (!sample.customer.empty()) {
            if (auto decided =
                    platform.platform_store().decide_quote(sample.rma.id, sample.customer);
                !decided)
                return decided;
            fmt::print("    the customer of {} {} the quote\n", sample.rma.number, sample.customer);
        }
    if (auto pulled = platform.pull("    "); !pulled) return pulled;

    print_step(step, "Approved quotes are repaired; a declined one goes back unrepaired:");
    for (std::size_t i = 0; i < samples->samples.size(); ++i) {
        auto order = station::find_order_by_number(store, numbers[i]);
        if (!order) return std::unexpected(order.error());
        if (!*order) continue;
        Status done = {};
        if ((*order)->state == station::OrderState::Approved)
            done = repair_and_test(store, qa, numbers[i]);
        else if ((*order)->state == station::OrderState::Declined) {
            done = move(store, numbers[i], station::OrderState::ReturnedUnrepaired, k_supervisor,
                        "the customer declined the quote");
            if (done)
                done = move(store, numbers[i], station::OrderState::ReadyToShip, k_technician,
                            "packed to go back unrepaired");
        }
        if (!done) return done;
    }
    print_step(step, "Their events go to the platform:");
    return platform.push("    ");
}

}  // namespace rs::cli
