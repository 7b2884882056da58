// `station firmware list|show|import|flash|attempts`: the firmware catalog and flashing the
// device of a repair order over USB DFU.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "common/clock.h"
#include "firmware/catalog.h"
#include "station/cli/cli_context.h"
#include "station/cli/stop_signal.h"
#include "station/orders/firmware_flash.h"

namespace rs::cli {
namespace {

// A progress bar with bytes, rate and time left when stdout is a terminal; otherwise one line
// per quarter, so logs and tests see progress without carriage returns.
class ProgressPrinter {
public:
    ProgressPrinter() : m_terminal(::isatty(STDOUT_FILENO) == 1) {}

    void update(const char* phase, std::size_t done, std::size_t total) {
        if (phase != m_phase) {
            finish_line();
            m_phase = phase;
            m_start = std::chrono::steady_clock::now();
            m_quarter = -1;
        }
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        int percent = total ? static_cast<int>(done * 100 / total) : 100;
        if (!m_terminal) {
            if (percent / 25 == m_quarter) return;
            m_quarter = percent / 25;
            fmt::print("{} {:3}% {} of {} bytes\n", phase, percent, done, total);
            std::fflush(stdout);
            return;
        }
        auto now = std::chrono::steady_clock::now();
        if (done != total && now - m_last_draw < std::chrono::milliseconds(100)) return;
        m_last_draw = now;
        int filled = percent * 30 / 100;
        double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        fmt::print("\r{:<6} [{:#<{}}{:.<{}}] {:3}% {:.1f}/{:.1f} MiB {:.0f} KiB/s {:.0f}s left ",
                   phase, "", filled, "", 30 - filled, percent,
                   static_cast<double>(done) / 1048576.0, static_cast<double>(total) / 1048576.0,
                   rate / 1024, left);
        std::fflush(stdout);
        m_open_line = true;
    }
    void finish_line() {
        if (m_open_line) fmt::print("\n");
        m_open_line = false;
    }

private:
    bool m_terminal;
    bool m_open_line = false;
    std::string m_phase;
    int m_quarter = -1;
    std::chrono::steady_clock::time_point m_start{};
    std::chrono::steady_clock::time_point m_last_draw{};
};

std::string fits_text(const firmware::CatalogImage& image) {
    std::vector<std::string> fits;
    for (const auto& fit : image.fits)
        fits.push_back(fit.revision.empty() ? fit.model : fit.model + " rev " + fit.revision);
    return fmt::format("{}", fmt::join(fits, ", "));
}

struct CatalogOpen {
    std::unique_ptr<station::StationStore> store;
    std::unique_ptr<firmware::FirmwareCatalog> catalog;
};

std::optional<CatalogOpen> open_catalog(CliContext& context) {
    CatalogOpen opened;
    opened.store = context.open_store();
    if (!opened.store) return std::nullopt;
    opened.catalog = std::make_unique<firmware::FirmwareCatalog>(
        opened.store->db(), station::firmware_image_dir(context.store_path()),
        opened.store->clock());
    return opened;
}

void list_images(CliContext& context, const std::string& model) {
    auto opened = open_catalog(context);
    if (!opened) return;
    auto images =
        opened->catalog->images(model.empty() ? std::nullopt : std::optional<std::string>(model));
    if (!images) return context.report(images.error());
    if (images->empty()) {
        fmt::print(
            "the firmware catalog is empty: `station firmware import DIR` loads a vendor's "
            "file set (docs/firmware.md)\n");
        return;
    }
    for (const auto& image : *images)
        fmt::print("{:<10} {:<6} floor {:<8} {}  {}  fits {}\n", image.version,
                   name_of(image.format), image.floor_version.empty() ? "-" : image.floor_version,
                   image.sha256.substr(0, 12), image.file_name, fits_text(image));
}

void show_image(CliContext& context, const std::string& key) {
    auto opened = open_catalog(context);
    if (!opened) return;
    auto images = opened->catalog->images();
    if (!images) return context.report(images.error());
    int shown = 0;
    for (const auto& image : *images) {
        if (image.version != key && !(key.size() >= 6 && image.sha256.starts_with(key))) continue;
        ++shown;
        fmt::print(
            "{} ({})\n  file      {} ({}, {} bytes)\n  sha256    {}\n  floor     {}\n"
            "  fits      {}\n  vendor    {}\n  imported  {}\n  stored    {}\n",
            image.version, image.vendor, image.file_name, name_of(image.format), image.size,
            image.sha256, image.floor_version.empty() ? "-" : image.floor_version, fits_text(image),
            image.vendor, format_utc_ms(image.imported_ms), opened->catalog->image_path(image));
        if (!image.notes.empty()) fmt::print("  notes     {}\n", image.notes);
    }
    if (!shown)
        context.report({ErrorCode::NotFound,
                        fmt::format("no catalog image with version or SHA-256 \"{}\"", key),
                        "firmware"});
}

void import_file_set(CliContext& context, const std::string& path) {
    auto opened = open_catalog(context);
    if (!opened) return;
    auto report = opened->catalog->import(path);
    if (!report) return context.report(report.error());
    for (const auto& line : report->lines)
        fmt::print("{}\n", line);
    fmt::print("{} image(s) added, {} already known, {} model id(s) recorded\n",
               report->images_added, report->images_known, report->models_added);
}

void print_attempts(CliContext& context, station::StationStore& store, const std::string& order) {
    auto attempts = station::flash_attempts(store, order);
    if (!attempts) return context.report(attempts.error());
    if (attempts->empty()) fmt::print("{}: no firmware flashes\n", order);
    for (const auto& attempt : *attempts)
        fmt::print(
            "{}  {}  {} -> {}  {} {}  by {}  on {}: {}{}\n", format_utc_ms(attempt.started_ms),
            attempt.result_text(), attempt.before_version.empty() ? "?" : attempt.before_version,
            attempt.after_version.empty() ? "?" : attempt.after_version, attempt.image_version,
            attempt.image_sha256.substr(0, 12), attempt.operator_id, attempt.device,
            attempt.message, attempt.recovery.empty() ? "" : " [" + attempt.recovery + "]");
}

struct FlashArguments {
    std::string order;
    std::string device;
    std::string image;
    std::string operator_id;
    bool allow_downgrade = false;
    bool dry_run = false;
};

void flash(CliContext& context, const FlashArguments& arguments) {
    auto opened = open_catalog(context);
    if (!opened) return;
    auto person = context.acting_person(*opened->store, arguments.operator_id);
    if (!person) return;
    station::FlashOrderRequest request{arguments.order,
                                       person->id,
                                       arguments.device,
                                       {arguments.image, arguments.allow_downgrade},
                                       arguments.dry_run};
    ProgressPrinter progress;
    bool announced = false;
    catch_stop_signals();
    auto result = station::flash_order_device(
        *opened->store, *opened->catalog, request,
        [&](const char* phase, std::size_t done, std::size_t total) {
            if (!announced) {
                // Printed once the attempt is on the record: from here on a kill leaves "did not
                // finish" on the order.
                fmt::print("flashing; Ctrl+C stops cleanly\n");
                announced = true;
            }
            progress.update(phase, done, total);
        },
        stop_requested);
    progress.finish_line();
    if (!result) return context.report(result.error());
    const auto& plan = result->plan;
    fmt::print("device   {} serial {} at {} ({} rev {}), running {}\n", plan.device.usb_ids,
               plan.device.serial.empty() ? "-" : plan.device.serial, plan.device.port_path,
               plan.device.model, plan.device.revision.empty() ? "-" : plan.device.revision,
               plan.device.version.empty() ? "an unknown version" : plan.device.version);
    fmt::print("image    {} ({}, {}), floor {}\n", plan.image.version, plan.image.file_name,
               plan.image.sha256.substr(0, 12),
               plan.floor_version.empty() ? "-" : plan.floor_version);
    if (!result->outcome) {
        fmt::print("dry run: every check passed, nothing was sent\n");
        return;
    }
    const auto& outcome = *result->outcome;
    fmt::print("result   {}: {}\n", name_of(outcome.result), outcome.message);
    if (!outcome.recovery.empty()) fmt::print("device   {}\n", outcome.recovery);
    fmt::print("recorded on {} (attempt {})\n", arguments.order, result->attempt_id);
    if (outcome.result != firmware::FlashResult::Succeeded) context.exit_code = k_exit_failure;
}

}  // namespace

void add_firmware_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "firmware",
        "The firmware catalog (vendor images per model and revision) and USB DFU flashing of "
        "the device of a repair order (docs/firmware.md)");
    command->require_subcommand(1);

    auto model = std::make_shared<std::string>();
    auto* list = command->add_subcommand("list", "The catalog's images: version, floor, fits");
    list->add_option("--model", *model, "Only images that fit this model");
    list->callback([&context, model] { list_images(context, *model); });

    auto key = std::make_shared<std::string>();
    auto* show = command->add_subcommand("show", "One image: file, SHA-256, floor, notes");
    show->add_option("IMAGE", *key, "A version or the first digits of a SHA-256")->required();
    show->callback([&context, key] { show_image(context, *key); });

    auto path = std::make_shared<std::string>();
    auto* import = command->add_subcommand(
        "import",
        "Load a vendor's file set: a folder with firmware.json and its images, or the manifest "
        "file. All or nothing: a damaged file or a SHA-256 that differs refuses the import");
    import->add_option("DIR|FILE", *path, "The file set")->required();
    import->callback([&context, path] { import_file_set(context, *path);
});

auto arguments = std::make_shared<FlashArguments>();
auto* flash_command = command->add_subcommand(
    "flash",
    "Flash the device of repair order RO-... over USB DFU: identify it, choose the catalog "
    "image, refuse a wrong model, a downgrade or a changed file before a byte is sent, flash "
    "with progress, verify and record on the order. Ctrl+C stops cleanly (DFU_ABORT)");
flash_command->add_option("ORDER", arguments->order, "The repair order number")->required();
flash_command
    ->add_option("--device", arguments->device,
                 "usb://VID:PID?serial=...&port=... (see `station devices list`), or "
                 "sim:?version=1.0.0&... for the simulated device")
    ->required();
flash_command->add_option("--image", arguments->image,
                          "A catalog version, SHA-256 or a file that is a catalog image; "
                          "default: the newest image that fits");
flash_command->add_option("--operator", arguments->operator_id,
                          "Badge of who flashes (technician or supervisor); also "
                          "STATION_OPERATOR");
flash_command->add_flag("--allow-downgrade", arguments->allow_downgrade,
                        "Flash an older version than the device runs (never below the floor)");
flash_command->add_flag("--dry-run", arguments->dry_run,
                        "Identify and check only; nothing is sent or recorded");
flash_command->callback([&context, arguments] { flash(context, *arguments); });

auto order = std::make_shared<std::string>();
auto* attempts = command->add_subcommand(
    "attempts", "The firmware flashes recorded on a repair order, with their results");
attempts->add_option("ORDER", *order, "The repair order number")->required();
attempts->callback([&context, order] {
    auto store = context.open_store();
    if (store) print_attempts(context, *store, *order);
});
}  // namespace rs::cli

}  // namespace rs::cli
