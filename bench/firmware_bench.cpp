// firmware: flashing the simulated DFU device through DfuDriver, against the protocol's own floor
// for that device: every block costs its transfer at the link's rate plus the bwPollTimeout the
// device asks for, and nothing else is required by DFU 1.1. Our overhead is the rest.
#include <fmt/format.h>
#include <sys/prctl.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "devices/dfu/dfu_driver.h"
#include "devices/dfu/simulated_dfu_device.h"

using namespace rs::devices::dfu;

namespace {

struct Settings {
    std::vector<std::size_t> sizes_kib{1024, 16384};
    std::uint16_t transfer = 8192;
    std::uint32_t poll_ms = 2;
    double rate_mib = 8;  // MiB/s across the link: a high-speed device's control pipe
};

Settings parse(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        std::string value = argv[i + 1];
        if (key == "--sizes-kib") {
            settings.sizes_kib.clear();
            for (std::size_t at = 0; at <= value.size();) {
                auto comma = value.find(',', at);
                settings.sizes_kib.push_back(std::stoul(value.substr(at, comma - at)));
                if (comma == std::string::npos) break;
                at = comma + 1;
            }
        } else if (key == "--transfer") {
            settings.transfer = static_cast<std::uint16_t>(std::stoul(value));
        } else if (key == "--poll-ms") {
            settings.poll_ms = static_cast<std::uint32_t>(std::stoul(value));
        } else if (key == "--rate-mib") {
            settings.rate_mib = std::stod(value);
        } else {
            fmt::print(stderr,
                       "usage: firmware [--sizes-kib 1024,16384] [--transfer 8192] [--poll-ms 2] "
                       "[--rate-mib 8]\n");
            std::exit(2);
        }
    }
    return settings;
}

}  // namespace

int main(int argc, char** argv) {
    Settings settings = parse(argc, argv);
    // The default timer slack (50 us) would add itself to every sleep of the device and of the
    // driver: ask the kernel for exact wake-ups, as a flashing tool on a bench would.
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    double rate = settings.rate_mib * 1024 * 1024;
    fmt::print("simulated device: wTransferSize {} bytes, bwPollTimeout {} ms, link {:.1f} MiB/s\n",
               settings.transfer, settings.poll_ms, settings.rate_mib);
    double total_mib = 0, total_ours = 0, total_floor = 0;
    for (std::size_t kib : settings.sizes_kib) {
        std::size_t size = kib * 1024;
        std::vector<std::uint8_t> image(size);
        for (std::size_t i = 0; i < size; ++i)
            image[i] = static_cast<std::uint8_t>(i * 2654435761u >> 24);
        SimulatedDfuOptions options;
        options.start_in_dfu_mode = true;
        options.functional.transfer_size = settings.transfer;
        options.functional.manifestation_tolerant = true;
        options.poll_timeout_ms = settings.poll_ms;
        options.manifest_poll_ms = settings.poll_ms;
        options.link_bytes_per_second = rate;
        options.memory_size = size;
        SimulatedDfuDevice device(options);
        DfuDriver driver(device);
        auto start = std::chrono::steady_clock::now();
        auto flashed = driver.download(image, {}, {});
        double ours =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!flashed || device.firmware().size() != size) {
            fmt::print(stderr, "flash failed: {}\n",
                       flashed ? "the device holds another image" : flashed.error().describe());
            return 1;
        }
        // The floor: each block and the manifestation wait their poll timeout, and every byte
        // crosses the link once.
        std::size_t blocks = (size + settings.transfer - 1) / settings.transfer;
        double floor = static_cast<double>(blocks + 1) * settings.poll_ms / 1000.0 +
                       static_cast<double>(size) / rate;
        double mib = static_cast<double>(size) / (1024.0 * 1024.0);
        fmt::print(
            "{:>8.2f} MiB  {:>5} blocks  ours {:.3f} s ({:.2f} MiB/s)  floor {:.3f} s "
            "({:.2f} MiB/s)  ratio {:.3f}\n",
            mib, blocks, ours, mib / ours, floor, mib / floor, floor / ours);
        total_mib += mib;
        total_ours += ours;
        total_floor += floor;
    }
    fmt::print("RESULT firmware mib_per_s={:.3f} floor_mib_per_s={:.3f} ratio={:.3f}\n",
               total_mib / total_ours, total_mib / total_floor, total_floor / total_ours);
    return 0;
}
