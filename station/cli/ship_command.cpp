// `station ship RO-…` and `station waybills list|refill`: a parcel back to its customer, with a
// waybill number from the pool the platform fills.
#include <fmt/format.h>

#include <cmath>

#include "station/cli/cli_context.h"
#include "station/cli/print_support.h"
#include "station/shipping/shipment.h"
#include "station/shipping/waybill_pool.h"
#include "station/sync/sync_config.h"
#include "station/sync/waybill_refill.h"

namespace rs::cli {
namespace {

struct ShipOptions {
    std::string number, operator_id, printer;
    double weight_kg = 0;
    double wait = 10;
    bool offline = false;
};

// The platform client when [platform] is configured; nullopt (and nothing reported) otherwise.
std::unique_ptr<station::PlatformClient> platform_client(CliContext& context) {
    auto sync = station::parse_sync_config(*context.config(), context.store_path());
    if (!sync || !sync->enabled()) return nullptr;
    auto client = station::PlatformClient::create(*sync);
    return client ? std::move(*client) : nullptr;
}

// Before shipping, a pool running low is topped up while the platform answers; when it does not,
// the parcel ships from what is left (that is what the pool is for) and the person is told.
void top_up_before_shipping(CliContext& context, station::StationStore& store,
                            const station::ShippingTerms& terms) {
    auto client = platform_client(context);
    if (!client) return;
    auto topped = station::top_up_waybills(store, *client, terms);
    if (!topped) {
        fmt::print(stderr, "station: waybill pool not refilled ({}); shipping from the pool\n",
                   topped.error().message);
        return;
    }
    for (const auto& top_up : *topped)
        fmt::print("{} {} waybill numbers added to the pool\n", top_up.added, top_up.carrier);
}

void run_ship(CliContext& context, const ShipOptions& options) {
    auto printing = printing_as(context, options.printer, options.operator_id);
    if (!printing) return;
    auto& [printer, labels, store, person] = *printing;
    auto policy = policy_for(context, *store);
    if (!policy) return;
    if (!options.offline) top_up_before_shipping(context, *store, policy->shipping);

    station::ShipRequest request{options.number, person.id,
                                 std::llround(options.weight_kg * 1000.0), printer->name, labels};
    auto shipped = station::ship_order(*store, *policy, request);
    if (!shipped) return context.report(shipped.error());
    fmt::print("{} shipped: {} {} {}, {:.3f} kg, freight paid by the {}\n", shipped->order_number,
               shipped->carrier, shipped->service, shipped->tracking_number,
               static_cast<double>(shipped->weight_g) / 1000.0, name_of(shipped->freight));
    fmt::print("  in the parcel:");
    for (const auto& item : shipped->contents)
        fmt::print(" [{}{}]", item.value("item", ""),
                   item.value("detail", "").empty() ? "" : " " + item.value("detail", ""));
    fmt::print("\n  return label job {}, packing slip job {} queued for {}\n", shipped->label_job,
               shipped->slip_job, printer->name);
    if (auto left = station::free_waybills(*store, shipped->carrier); left)
        fmt::print("  {} {} waybill numbers left in the pool\n", *left, shipped->carrier);
    run_printer_queue(context, *store, *printer, options.wait);
}

void run_waybills_list(CliContext& context) {
    auto store = context.open_store();
    if (!store) return;
    auto levels = station::waybill_levels(*store);
    if (!levels) return context.report(levels.error());
    if (levels->empty())
        fmt::print("no waybill numbers yet: `station waybills refill` asks the platform\n");
    for (const auto& level : *levels)
        fmt::print("{:<12} {:>6} free {:>6} used\n", level.carrier, level.free, level.used);
}

void run_waybills_refill(CliContext& context, const std::string& carrier, int count) {
    if (!context.config()) return;
    auto sync = station::parse_sync_config(*context.config(), context.store_path());
    if (!sync) return context.report(sync.error());
    if (!sync->enabled())
        return context.report({ErrorCode::Invalid,
                               "waybill numbers come from the platform: add a [platform] section "
                               "with url and token (see docs/configuration.md)",
                               "waybills"});
    auto store = context.open_store();
    if (!store) return;
    auto client = station::PlatformClient::create(*sync);
    if (!client) return context.report(client.error());
    if (carrier.empty()) {
        auto policy = policy_for(context, *store);
        if (!policy) return;
        auto topped = station::top_up_waybills(*store, **client, policy->shipping);
        if (!topped) return context.report(topped.error());
        if (topped->empty()) fmt::print("every carrier's pool is above its low mark\n");
        for (const auto& top_up : *topped)
            fmt::print("{} {} waybill numbers added\n", top_up.added, top_up.carrier);
        return;
    }
    auto added = station::refill_waybills(*store, **client, carrier, count);
    if (!added) return context.report(added.error());
    fmt::print("{} {} waybill numbers added\n", *added, carrier);
}

}  // namespace

void add_ship_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<ShipOptions>();
    auto* ship = app.add_subcommand(
        "ship",
        "Ship a repair order that is ready to ship back to its customer: carrier and service "
        "from the policy's [shipping] for its route, a waybill number from the pool, the return "
        "label and a packing slip printed, and the move to shipped, all in one step");
    ship->add_option("ORDER", options->number, "The repair order (RO-…)")->required();
    ship->add_option("--weight", options->weight_kg, "The parcel's weight in kg, e.g. 0.45")
        ->required()
        ->check(CLI::Range(0.001, 70.0));
    ship->add_option("--printer", options->printer,
                     "Printer for the label and slip (default: [printers] default)");
    ship->add_option("--operator", options->operator_id,
                     "Badge of who ships (or STATION_OPERATOR); warehouse or supervisor");
    ship->add_option("--wait", options->wait,
                     "Seconds to wait for the labels to print (0: queue only)")
        ->check(CLI::Range(0.0, 600.0));
    ship->add_flag("--offline", options->offline,
                   "Do not ask the platform to top up a low pool first; ship from the pool");
    ship->callback([&context, options] { run_ship(context, *options); });

    auto* waybills = app.add_subcommand(
        "waybills",
        "The pool of waybill numbers the platform issued to this station, for shipping offline");
    waybills->require_subcommand(1);
    waybills->add_subcommand("list", "Free and used numbers per carrier")->callback([&context] {
        run_waybills_list(context);
    });
    struct RefillOptions {
        std::string carrier;
        int count = 50;
    };
    auto refill_options = std::make_shared<RefillOptions>();
    auto* refill = waybills->add_subcommand(
        "refill",
        "Ask the platform for numbers: without --carrier, every carrier of the policy's "
        "[shipping] whose pool is under pool_low is filled to twice that mark");
    refill->add_option("--carrier", refill_options->carrier, "One carrier, e.g. \"SF Express\"");
    refill->add_option("--count", refill_options->count, "With --carrier: how many (1-500)")
        ->check(CLI::Range(1, 500));
    refill->callback([&context, refill_options] {
        run_waybills_refill(context, refill_options->carrier, refill_options->count);
    });
}

}  // namespace rs::cli
