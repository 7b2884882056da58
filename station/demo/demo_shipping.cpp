// demo_shipping: the pool filled by the platform, `station ship` for each parcel, the labels
// through the real print queue to the emulator, then delivery and closing.
#include "station/demo/demo_shipping.h"

#include <fmt/format.h>

#include <filesystem>

#include "devices/printer/tcp_printer.h"
#include "station/demo/demo_printing.h"
#include "station/orders/ownership.h"
#include "station/orders/policy_store.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/printing/print_worker.h"
#include "station/shipping/manifest.h"
#include "station/shipping/shipment.h"
#include "tools/printer_emulator/printer_emulator.h"

namespace rs::cli {
namespace {

constexpr const char* k_warehouse = "OP-0001U";

Result<std::vector<station::RepairOrder>> orders_in(station::StationStore& store,
                                                    station::OrderState state) {
    return station::list_orders(store, {.state = state, .limit = 1000});
}

// The owner keeps a case (rule O1): the technician hands it to the warehouse, with a reason.
Status to_warehouse(station::StationStore& store, const station::RepairOrder& order,
                    const char* reason) {
    if (order.owner_id == k_warehouse) return {};
    auto handed = station::hand_over(store, order.number, k_warehouse, order.owner_id, reason);
    if (!handed) return std::unexpected(handed.error());
    return {};
}

}  // namespace

Status demo_shipping(CliContext& context, DemoPlatform& platform, station::StationStore& store,
                     const std::string& label_dir, int& step) {
    auto policy = station::policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    if (!*policy) return fail(ErrorCode::Internal, "the demo has no policy in force", "demo");
    auto template_context = demo_template_context(context);
    if (!template_context) return std::unexpected(template_context.error());

    print_step(step,
               "The platform hands the station waybill numbers for each carrier the policy ships "
               "with, in advance: the station ships from this pool, even offline, and never "
               "invents a number:");
    if (auto topped = platform.top_up_waybills("    "); !topped) return topped;

    std::filesystem::remove_all(label_dir);
    auto emulator = tools::PrinterEmulator::start({.label_dir = label_dir});
    if (!emulator) return std::unexpected(emulator.error());
    devices::TcpPrinter printer({"demo-zebra", "127.0.0.1", (*emulator)->port()});
    station::PrintWorker worker(store, printer, {100, 400});

    print_step(step,
               "Each case ready to ship is handed to Wang Fang at the shipping table; she weighs "
               "the parcel and ships it (`station ship`): the carrier, service and freight payer "
               "come from the policy for its route, the return label from the RMA's address:");
    auto ready = orders_in(store, station::OrderState::ReadyToShip);
    if (!ready) return std::unexpected(ready.error());
    std::int64_t weight_g = 420;
    for (auto it = ready->rbegin(); it != ready->rend(); ++it, weight_g += 35) {
        if (auto handed = to_warehouse(store, *it, "to shipping"); !handed) return handed;
        station::ShipRequest request{it->number, k_warehouse, weight_g, printer.name(),
                                     *template_context};
        auto shipped = station::ship_order(store, **policy, request);
        if (!shipped) return std::unexpected(shipped.error());
        fmt::print("    {} {} {} {}, {:.3f} kg, freight: {}; {} things packed\n",
                   shipped->order_number, shipped->carrier, shipped->service,
                   shipped->tracking_number, static_cast<double>(shipped->weight_g) / 1000.0,
                   name_of(shipped->freight), shipped->contents.size());
    }
    print_step(step,
               "At the end of the day she closes each carrier's manifest: one barcode per parcel "
               "for the driver to scan, a line to sign, each parcel's handover published:");
    for (const auto& carrier : (*policy)->shipping.carriers()) {
        auto manifest = station::close_manifest(
            store, {carrier, k_warehouse, printer.name(), *template_context});
        if (!manifest && manifest.error().code == ErrorCode::Conflict) continue;  // none today
        if (!manifest) return std::unexpected(manifest.error());
        fmt::print("    {} manifest {}: {} parcels\n", manifest->carrier, manifest->number,
                   manifest->parcels.size());
    }
    auto printed = worker.run_until_idle(std::chrono::seconds(20));
    if (!printed) return std::unexpected(printed.error());
    if (printed->waiting > 0)
        return fail(ErrorCode::Internal, "the demo's shipping labels still wait", "demo");
    fmt::print(
        "    the printer printed {} return labels, packing slips and manifest pages, kept "
        "in {}\n",
        (*emulator)->printed_labels(), label_dir);

    print_step(step,
               "The carriers deliver; each case is closed (a restocked return is closed "
               "too), and the events go to the platform:");
    for (auto state : {station::OrderState::Shipped, station::OrderState::Restocked}) {
        auto done = orders_in(store, state);
        if (!done) return std::unexpected(done.error());
        for (auto it = done->rbegin(); it != done->rend(); ++it) {
            if (auto handed = to_warehouse(store, *it, "restocked: to the warehouse"); !handed)
                return handed;
            auto closed = station::move_order(
                store, {it->number, station::OrderState::Closed, k_warehouse,
                        state == station::OrderState::Shipped ? "delivered" : "restocked"});
            if (!closed) return std::unexpected(closed.error());
            fmt::print("    {} is now closed\n", closed->number);
        }
    }
    return platform.push("    ");
}

}  // namespace rs::cli
