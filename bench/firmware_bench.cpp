// firmware: flashing the simulated DFU device through DfuDriver, against the protocol's own floor
// for that device: every block costs its transfer at the link's rate plus the bwPollTimeout the
// device asks for, and nothing else is required by DFU 1.1. Our overhead is the rest.
// Then a real USB stack: the USB guest (tests/usb/) boots, and `station firmware flash` and
// Debian's dfu-util flash the same image into the same DFU gadget in the same run; the guest's
// plan times both and prints them (RESULT usb_dfu_flash), which are reported here as ours_s and
// dfu_util_s. The comparison is at equal work: ours detaches, downloads, reads the image back,
// restarts the device and checks the version it reports, so dfu_util_s is dfu-util doing the
// same (-e, -D, -U and a compare, -R, the run-time device's bcdDevice); dfu-util as people
// usually run it (detach, download, reset: no check) is printed beside it as
// dfu_util_download_s. Ours acts with a station token, as a flashing script does (a person's PIN
// adds a PBKDF2 of 120,000 rounds).
#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
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
    bool guest = true;
};

// The two whole flashes timed in the USB guest, or why they could not be.
struct GuestFlash {
    std::string bytes, proof, ours_s, ours_start_s, dfu_util_s, dfu_util_download_s;
    std::string missing;  // empty when measured
};

GuestFlash unmeasured(std::string why) {
    GuestFlash flash;
    flash.missing = std::move(why);
    return flash;
}

#if defined(RS_USB_RUN_GUEST)
// The value of KEY in a "RESULT name key=value ..." line.
std::string value_of(const std::string& line, const std::string& key) {
    auto at = line.find(" " + key + "=");
    if (at == std::string::npos) return {};
    at += key.size() + 2;
    return line.substr(at, line.find(' ', at) - at);
}
#endif

// Runs tests/usb/run_guest.sh with dfu_plan.sh (the DFU part of the USB tests: the two flashes
// and their checks) and takes the RESULT line the plan prints. The guest's console goes to this
// program's stderr.
GuestFlash flash_in_guest() {
#if defined(RS_USB_RUN_GUEST)
    std::string command =
        fmt::format("RS_GUEST_DIR='{}' '{}' '{}' STATION='{}' USB_GADGET='{}' RS_SOURCE='{}' 2>&1",
                    RS_USB_GUEST_DIR, RS_USB_RUN_GUEST, RS_USB_PLAN, STATION_BINARY,
                    USB_GADGET_BINARY, RS_SOURCE_DIR);
    fmt::print("USB guest: booting (tests/usb/run_guest.sh; a minute or two under TCG)\n");
    std::fflush(stdout);
    FILE* guest = ::popen(command.c_str(), "r");
    if (!guest) return unmeasured("cannot start tests/usb/run_guest.sh");
    GuestFlash flash;
    std::string result, summary;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, guest)) {
        std::string line = buffer;
        fmt::print(stderr, "{}", line);
        if (line.rfind("RESULT usb_dfu_flash ", 0) == 0) result = line.substr(0, line.find('\n'));
        if (line.rfind("run_guest: ", 0) == 0) summary = line.substr(0, line.find('\n'));
    }
    int status = ::pclose(guest);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 77)
        return unmeasured(
            "qemu-system-x86_64 is missing (scripts/install-deps.sh installs "
            "scripts/deps/usb.txt): the guest cannot boot");
    if (result.empty())
        return unmeasured(fmt::format("the guest printed no RESULT usb_dfu_flash line ({})",
                                      summary.empty() ? "no summary" : summary));
    if (code != 0)
        return unmeasured(
            fmt::format("a check of the guest failed, the times are not trusted ({})", summary));
    flash.bytes = value_of(result, "bytes");
    flash.ours_s = value_of(result, "ours_s");
    flash.ours_start_s = value_of(result, "ours_start_s");
    flash.dfu_util_s = value_of(result, "dfu_util_s");
    flash.dfu_util_download_s = value_of(result, "dfu_util_download_s");
    flash.proof = value_of(result, "proof");
    return flash;
#else
    return unmeasured("this build has no USB guest (RS_BUILD_TESTS off: no usb_gadget)");
#endif
}

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
        } else if (key == "--guest" && (value == "on" || value == "off")) {
            settings.guest = value == "on";
        } else {
            fmt::print(stderr,
                       "usage: firmware [--sizes-kib 1024,16384] [--transfer 8192] [--poll-ms 2] "
                       "[--rate-mib 8] [--guest on|off]\n");
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
    // The guest's figures, or "none" with the reason: never a number that was not measured.
    GuestFlash guest = unmeasured("not run (--guest off)");
    if (settings.guest) guest = flash_in_guest();
    if (guest.missing.empty()) {
        fmt::print(
            "USB guest (gadgetfs DFU gadget, 256-byte blocks), {} bytes:\n"
            "  ours      {} s  station firmware flash (proof of who acts: {}): {} s to the first "
            "block (start, store, catalog, checks, detach), then download, read-back, restart, "
            "version\n"
            "  dfu-util  {} s  the same work: detach, download, upload and compare, reset, wait "
            "for the run-time device's version\n"
            "  dfu-util  {} s  detach, download, reset (no check)\n",
            guest.bytes, guest.ours_s, guest.proof, guest.ours_start_s, guest.dfu_util_s,
            guest.dfu_util_download_s);
    } else {
        fmt::print("USB guest: not measured: {}\n", guest.missing);
        guest.ours_s = guest.dfu_util_s = guest.dfu_util_download_s = "none";
    }
    fmt::print(
        "RESULT firmware mib_per_s={:.3f} floor_mib_per_s={:.3f} ratio={:.3f} ours_s={} "
        "dfu_util_s={} dfu_util_download_s={}\n",
        total_mib / total_ours, total_mib / total_floor, total_floor / total_ours, guest.ours_s,
        guest.dfu_util_s, guest.dfu_util_download_s);
    // Asked for and not measured is a failure; --guest off leaves the guest out on purpose.
    return settings.guest && !guest.missing.empty() ? 1 : 0;
}
