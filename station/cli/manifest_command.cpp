// `station manifest close|check|list`: the end of a shipping day, carrier by carrier.
#include <fmt/format.h>

#include <iostream>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/print_support.h"
#include "station/cli/scan_argument.h"
#include "station/shipping/manifest.h"

namespace rs::cli {
namespace {

struct ManifestOptions {
    std::string carrier, operator_id, printer;
    std::vector<std::string> scans;
    double wait = 10;
};

void run_close(CliContext& context, const ManifestOptions& options) {
    auto printing = printing_as(context, options.printer, options.operator_id);
    if (!printing) return;
    auto& [printer, labels, store, person] = *printing;
    auto manifest =
        station::close_manifest(*store, {options.carrier, person.id, printer->name, labels});
    if (!manifest) return context.report(manifest.error());
    std::int64_t total_g = 0;
    for (const auto& parcel : manifest->parcels)
        total_g += parcel.weight_g;
    fmt::print("{} manifest {}: {} parcels, {:.3f} kg; {} page(s) queued for {}\n",
               manifest->carrier, manifest->number, manifest->parcels.size(),
               static_cast<double>(total_g) / 1000.0, manifest->print_jobs.size(), printer->name);
    for (const auto& parcel : manifest->parcels)
        fmt::print("  {}  {}  {} g\n", parcel.tracking_number, parcel.order_number,
                   parcel.weight_g);
    run_printer_queue(context, *store, *printer, options.wait);
}

void run_check(CliContext& context, const ManifestOptions& options) {
    auto store = context.open_store();
    if (!store) return;
    std::vector<std::string> scans = options.scans;
    if (scans.size() == 1 && scans.front() == "-") {
        scans.clear();
        for (std::string line; std::getline(std::cin, line);)
            if (auto scan = decode_scan_argument(line); !scan.empty()) scans.push_back(scan);
    }
    int warnings = 0;
    for (const auto& scan : scans) {
        auto result = station::check_pickup(*store, options.carrier, scan);
        if (!result) return context.report(result.error());
        bool ok = result->check == station::PickupCheck::OnManifest;
        if (!ok) ++warnings;
        fmt::print("{} {}\n", ok ? "ok  " : "WARN", result->message);
    }
    if (warnings > 0) {
        fmt::print("{} of {} parcels must not go with this driver: see above\n", warnings,
                   scans.size());
        context.exit_code = k_exit_needs_attention;
    }
}

void run_list(CliContext& context) {
    auto store = context.open_store();
    if (!store) return;
    auto rows = station::list_manifests(*store, 50);
    if (!rows) return context.report(rows.error());
    for (const auto& row : *rows) {
        if (row.number == 0)
            fmt::print("{:<12} {:>4} parcels wait for a manifest\n", row.carrier, row.parcels);
        else
            fmt::print("manifest {:<5} {:<12} {:>4} parcels, closed {}\n", row.number, row.carrier,
                       row.parcels, format_utc_ms(row.closed_ms));
    }
    if (rows->empty()) fmt::print("no parcel shipped yet\n");
}

}  // namespace

void add_manifest_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "manifest",
        "End of the shipping day: close a carrier's manifest (the parcels its driver takes), "
        "check parcels at pick-up, list manifests");
    command->require_subcommand(1);
    auto options = std::make_shared<ManifestOptions>();

    auto* close = command->add_subcommand(
        "close",
        "Put every parcel of a carrier shipped since its last manifest on a new one: printed "
        "with one barcode per parcel, each parcel's handover published");
    close->add_option("--carrier", options->carrier, "The carrier, e.g. \"SF Express\"")
        ->required();
    close->add_option("--printer", options->printer, "Default: [printers] default");
    close->add_option("--operator", options->operator_id,
                      "Badge of who closes it (or STATION_OPERATOR); warehouse or supervisor");
    close->add_option("--wait", options->wait, "Seconds to wait for the pages to print")
        ->check(CLI::Range(0.0, 600.0));
    close->callback([&context, options] { run_close(context, *options); });

    auto* check = command->add_subcommand(
        "check",
        "At pick-up, scan each parcel the driver takes: a parcel on no manifest, another "
        "carrier's, or not ours is pointed out (exit 3)");
    check->add_option("--carrier", options->carrier, "The driver's carrier")->required();
    check->add_option("SCANS", options->scans, "Tracking numbers, or - for one per line on stdin")
        ->required();
    check->callback([&context, options] { run_check(context, *options); });

    command->add_subcommand("list", "Manifests, newest first, and the parcels waiting for one")
        ->callback([&context] { run_list(context); });
}

}  // namespace rs::cli
