// `station demo`'s firmware steps: import a generated vendor file set, refuse a downgrade,
// flash the simulated watch and show the record on its order.
#include "station/demo/demo_firmware.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "firmware/catalog.h"
#include "firmware/dfu_file.h"
#include "station/orders/firmware_flash.h"
#include "station/orders/repair_orders.h"
#include "station/rma/rma_store.h"

namespace rs::cli {
namespace {

// An image the simulated device reads its version from (devices/dfu/simulated_dfu_device.h).
std::string demo_image(const std::string& version, std::size_t size) {
    std::string image = "RSFW-VERSION=" + version + "\n";
    while (image.size() < size)
        image += fmt::format("demo watch firmware {} block {:06}\n", version, image.size());
    image.resize(size);
    return image;
}

Status write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return fail(ErrorCode::Io, "cannot write " + path, "demo");
    return {};
}

Status write_file_set(const std::string& folder) {
    std::filesystem::create_directories(folder);
    for (const auto& [name, version] :
         {std::pair{"watch4-1.4.0.bin", "1.4.0"}, std::pair{"watch4-2.1.0.dfu", "2.1.0"}}) {
        std::string image = demo_image(version, 256 * 1024);
        if (std::string(name).ends_with(".dfu"))
            image = firmware::add_dfu_suffix(image, {0x0210, 0x2002, 0x1209, 0x0100, 0});
        if (auto written = write_file(folder + "/" + name, image); !written) return written;
    }
    nlohmann::json manifest = {{"vendor", "Demo Wearables"},
                               {"models",
                                {{{"model", "Watch 4"},
                                  {"revision", "B"},
                                  {"vendor_id", "1209"},
                                  {"runtime_product_id", "2001"},
                                  {"dfu_product_id", "2002"}}}},
                               {"images",
                                {{{"file", "watch4-1.4.0.bin"},
                                  {"version", "1.4.0"},
                                  {"notes", "first release"},
                                  {"fits", {{{"model", "Watch 4"}}}}},
                                 {{"file", "watch4-2.1.0.dfu"},
                                  {"version", "2.1.0"},
                                  {"floor_version", "1.5.0"},
                                  {"notes", "new bootloader: devices must not go back below 1.5.0"},
                                  {"fits", {{{"model", "Watch 4"}, {"revisions", {"B"}}}}}}}}};
    return write_file(folder + "/firmware.json", manifest.dump(2));
}

}  // namespace

bool demo_firmware(CliContext& context, station::StationStore& store, const std::string& folder,
                   const std::string& technician,
                   const std::function<void(const std::string&)>& announce) {
    // The order of the watch received at the counter.
    std::string order_number;
    auto orders = station::list_orders(store, {.state = std::nullopt, .limit = 1000});
    if (!orders) {
        context.report(orders.error());
        return false;
    }
    for (const auto& order : *orders) {
        auto rma = station::find_rma(store, order.rma_id);
        if (rma && *rma && (*rma)->product_model.starts_with("Watch 4"))
            order_number = order.number;
    }
    if (order_number.empty()) {
        context.report({ErrorCode::Internal, "the demo received no watch", "demo"});
        return false;
    }
    announce("The repair center loads the watch vendor's firmware file set into the catalog:");
    std::string vendor = folder + "/vendor";
    if (auto written = write_file_set(vendor); !written) {
        context.report(written.error());
        return false;
    }
    firmware::FirmwareCatalog catalog(store.db(), folder + "/images", store.clock());
    auto imported = catalog.import(vendor);
    if (!imported) {
        context.report(imported.error());
        return false;
    }
    for (const auto& line : imported->lines)
        fmt::print("    {}\n", line);

    // The watch of this order, simulated: it runs 1.2.0 and takes 2 ms per 4 KiB block.
    const std::string device = "sim:?serial=DEMO-W4-0001&version=1.2.0&tolerant=1&poll_ms=2";
    announce(
        fmt::format("Zhao Lei asks for the old 1.4.0 image for {}: refused before a byte is "
                    "sent, because 2.1.0 set a floor of 1.5.0:",
                    order_number));
    auto refused = station::flash_order_device(
        store, catalog, {order_number, technician, device, {"1.4.0", true}, false}, {}, {});
    if (refused) {
        context.report({ErrorCode::Internal, "the demo's downgrade was accepted", "demo"});
        return false;
    }
    fmt::print("    {}\n", refused.error().message);

    announce(
        fmt::format("He flashes the catalog's newest image on the device of {} through the "
                    "simulated DFU device (detach, download, manifest, read back):",
                    order_number));
    int quarter = -1;
    auto flashed = station::flash_order_device(
        store, catalog, {order_number, technician, device, {}, false},
        [&](const char* phase, std::size_t done, std::size_t total) {
            int now = static_cast<int>(done * 4 / total);
            if (now == quarter) return;
            quarter = now;
            fmt::print("    {:<6} {:3}%  {} of {} bytes\n", phase, done * 100 / total, done, total);
        },
        {});
    if (!flashed) {
        context.report(flashed.error());
        return false;
    }
    fmt::print("    {}: {}\n", name_of(flashed->outcome->result), flashed->outcome->message);
    auto attempts = station::flash_attempts(store, order_number);
    if (!attempts) {
        context.report(attempts.error());
        return false;
    }
    for (const auto& attempt : *attempts)
        fmt::print("    on the order: {} -> {}, image {} ({}), by {}, {}\n", attempt.before_version,
                   attempt.after_version, attempt.image_version, attempt.image_sha256.substr(0, 12),
                   attempt.operator_id, attempt.result_text());
    return true;
}

}  // namespace rs::cli
