// See center_seed.h.
#include "bench/center_seed.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "inventory/catalog.h"
#include "inventory/locations.h"
#include "labels/codes/code_grammar.h"
#include "station/bench/bench_registry.h"
#include "station/orders/backorder_fill.h"
#include "station/orders/diagnosis.h"
#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/policy_store.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "station/people/operators.h"
#include "station/people/pins.h"
#include "station/rma/rma_json.h"
#include "station/rma/rma_store.h"

namespace rs::bench {
namespace {

using station::StationStore;

Result<std::string> read_text(const std::string& path) {
    std::ifstream in(path);
    if (!in) return fail(ErrorCode::NotFound, "cannot read " + path, "bench");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string badge(int number) {
    return labels::make_own_id(labels::CodeKind::OperatorBadge, std::to_string(number));
}

// A day `days_ago` before now, as the platform writes dates.
std::string date_days_ago(int days_ago) {
    auto when = std::chrono::system_clock::now() - std::chrono::hours(24 * days_ago);
    std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

// A phone bought a month ago and delivered last week: in warranty under the example policy.
nlohmann::json phone_rma(int number) {
    std::string rma = labels::make_own_id(labels::CodeKind::Rma, std::to_string(40000000 + number));
    return {{"id", fmt::format("center-{}", number)},
            {"number", rma},
            {"type", "repair"},
            {"status", "approved"},
            {"customer",
             {{"name", "李娜"},
              {"address",
               {{"country", "CN"},
                {"province", "广东省"},
                {"city", "深圳市"},
                {"street", "科苑路15号"},
                {"postal_code", "518057"}}}}},
            {"product_model", "Phone X2"},
            {"product_sku", "PX2-128-BLK"},
            {"expected_imei", "490154203237518"},
            {"purchase_date", date_days_ago(30)},
            {"delivered_date", date_days_ago(7)},
            {"inbound_tracking", nlohmann::json::array({fmt::format("CT{:010}", number)})}};
}

// A technician's diagnosis that the example policy routes to a warranty repair.
station::Diagnosis defect_found(const std::string& order, const std::string& who) {
    station::Diagnosis diagnosis;
    diagnosis.order_number = order;
    diagnosis.operator_id = who;
    diagnosis.customer_symptom = "屏幕闪烁 / the screen flickers";
    diagnosis.condition_code = "2";
    diagnosis.symptom_code = "S110";
    diagnosis.section_code = "DSP";
    diagnosis.defect_code = "D02";
    diagnosis.cause = station::FaultCause::ManufacturingDefect;
    return diagnosis;
}

// Where a step of the seed failed, in the words of the library that refused it.
template <class T>
Status checked(const Result<T>& result, const std::string& step) {
    if (result) return {};
    return fail(result.error().code, step + ": " + result.error().message, "bench");
}
Status checked(const Status& status, const std::string& step) {
    if (status) return {};
    return fail(status.error().code, step + ": " + status.error().message, "bench");
}

// The order of a phone received by the warehouse and repaired by `technician`: scanned in with
// its IMEI, handed over, inspected, diagnosed, routed by the rules, in repair.
Result<std::string> order_in_repair(StationStore& store, const station::Policy& policy,
                                    const std::string& rma, const std::string& warehouse,
                                    const std::string& technician) {
    auto intake = station::IntakeSession::start(store, warehouse);
    if (auto ok = checked(intake, "intake"); !ok) return std::unexpected(ok.error());
    auto received = intake->scan(Scan{"seed", rma, "", store.now_ms()});
    if (auto ok = checked(received, "receiving " + rma); !ok) return std::unexpected(ok.error());
    if (received->order_numbers.empty())
        return fail(ErrorCode::Conflict, "receiving " + rma + ": " + received->message, "bench");
    std::string order = received->order_numbers.front();
    auto identified = intake->scan(Scan{"seed", "490154203237518", "", store.now_ms()});
    if (auto ok = checked(identified, "its IMEI"); !ok) return std::unexpected(ok.error());
    // Each step only once the one before it held.
    const std::function<Status()> steps[] = {
        [&] {
            return checked(station::hand_over(store, order, technician, warehouse, "to the bench"),
                           "hand-over");
        },
        [&] {
            return checked(
                station::move_order(store, {order, station::OrderState::Inspected, technician, ""}),
                "inspection");
        },
        [&] {
            return checked(
                station::record_diagnosis(store, policy, defect_found(order, technician)),
                "diagnosis");
        },
        [&] {
            return checked(station::decide_order(store, policy, order, technician),
                           "route decision");
        },
        [&] {
            return checked(
                station::move_order(store, {order, station::OrderState::InRepair, technician, ""}),
                "repair start");
        }};
    for (const auto& step : steps)
        if (auto done = step(); !done) return std::unexpected(done.error());
    return order;
}

}  // namespace

Result<SeededCenter> seed_center(const std::string& location, const CenterPlan& plan,
                                 const std::function<void(const std::string&)>& progress) {
    auto opened = StationStore::open(location);
    if (!opened) return std::unexpected(opened.error());
    StationStore& store = **opened;
    SeededCenter center;
    center.pin = "2468";

    // The rules, the people who are not at a bench, the stockroom.
    auto policy_text = read_text(plan.examples_dir + "/policy.toml");
    if (!policy_text) return std::unexpected(policy_text.error());
    auto policy = station::load_policy(store, *policy_text, "policy.toml", "system");
    if (auto ok = checked(policy, "the example policy"); !ok) return std::unexpected(ok.error());
    auto faults = read_text(plan.examples_dir + "/faults/phone.json");
    if (!faults) return std::unexpected(faults.error());
    auto codes = station::parse_fault_catalog(*faults);
    if (auto ok = checked(codes, "the phone fault catalog"); !ok)
        return std::unexpected(ok.error());
    if (auto ok = checked(station::import_fault_catalog(store, *codes), "the fault catalog"); !ok)
        return std::unexpected(ok.error());
    const std::string warehouse = badge(1), parts_manager = badge(2);
    for (const station::Operator& person :
         {station::Operator{warehouse, "王芳", station::Role::Warehouse},
          station::Operator{parts_manager, "陈静", station::Role::PartsManager}})
        if (auto ok = checked(station::add_operator(store, person), "adding " + person.name); !ok)
            return std::unexpected(ok.error());

    inventory::Inventory stockroom(store.db(), store.clock());
    center.bin = labels::make_own_id(labels::CodeKind::Bin, "C-01");
    if (auto ok =
            checked(inventory::add_location(stockroom, {0, center.bin, inventory::LocationKind::Bin,
                                                        "", "the stockroom's shelf"}),
                    "the bin");
        !ok)
        return std::unexpected(ok.error());
    const int repairs = plan.benches * plan.repairs;
    center.scarce_units =
        plan.scarce_units > 0 ? plan.scarce_units : std::max<std::int64_t>(1, repairs * 6 / 10);
    center.plain_units = repairs;  // enough for everyone
    center.scarce_sku = labels::make_own_id(labels::CodeKind::PartSku, "LCD-C1");
    center.plain_sku = labels::make_own_id(labels::CodeKind::PartSku, "SCR-C1");
    for (auto [sku, units, what] :
         {std::tuple{center.scarce_sku, center.scarce_units, "screen assembly"},
          std::tuple{center.plain_sku, center.plain_units, "screw set"}}) {
        inventory::Part part;
        part.sku = sku;
        part.description_en = what;
        part.standard_cost = 2500;
        if (auto ok = checked(inventory::add_part(stockroom, part), std::string("part ") + sku);
            !ok)
            return std::unexpected(ok.error());
        auto received = station::receive_stock(
            store, {center.bin, sku, units, 2500, "seed delivery", parts_manager});
        if (auto ok = checked(received, std::string("receiving ") + sku); !ok)
            return std::unexpected(ok.error());
    }

    // The RMAs: each bench's parcels to scan, and the phones its technician repairs.
    std::vector<nlohmann::json> rmas;
    const int per_bench = plan.parcels + plan.repairs;
    for (int i = 0; i < plan.benches * per_bench; ++i)
        rmas.push_back(phone_rma(i + 1));
    auto parsed = station::parse_rmas(nlohmann::json(rmas).dump());
    if (auto ok = checked(parsed, "the RMAs"); !ok) return std::unexpected(ok.error());
    if (auto ok = checked(station::import_rmas(store, *parsed, warehouse), "importing RMAs"); !ok)
        return std::unexpected(ok.error());
    progress(fmt::format("{} RMAs, {} units of a scarce part and {} of a plain one", rmas.size(),
                         center.scarce_units, center.plain_units));

    for (int b = 0; b < plan.benches; ++b) {
        SeededBench bench;
        bench.name = fmt::format("bench-{:02}", b + 1);
        bench.person = badge(100 + b);
        station::Operator technician{bench.person, fmt::format("技师 {}", b + 1),
                                     station::Role::Technician};
        if (auto ok = checked(station::add_operator(store, technician), "adding a technician"); !ok)
            return std::unexpected(ok.error());
        if (auto ok = checked(station::set_pin(store, bench.person, center.pin, warehouse),
                              "a technician's PIN");
            !ok)
            return std::unexpected(ok.error());
        auto added = station::add_bench(store, bench.name);
        if (auto ok = checked(added, "registering " + bench.name); !ok)
            return std::unexpected(ok.error());
        bench.token = added->token;
        for (int p = 0; p < per_bench; ++p) {
            std::string rma = rmas[static_cast<std::size_t>(b * per_bench + p)]["number"];
            if (p < plan.parcels) {
                bench.parcels.push_back(rma);
                continue;
            }
            auto order = order_in_repair(store, policy->policy, rma, warehouse, bench.person);
            if (!order) return std::unexpected(order.error());
            bench.repairs.push_back(*order);
        }
        center.benches.push_back(std::move(bench));
        if ((b + 1) % 10 == 0 || b + 1 == plan.benches)
            progress(fmt::format("{} of {} benches ready", b + 1, plan.benches));
    }
    return center;
}

}  // namespace rs::bench
