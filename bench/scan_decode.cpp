// bench/scan_decode: decoded scans per second from recorded report streams, and the time from
// a code's last report to its Scan (p99), beside what a USB link can deliver at most.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "devices/scanner/hid_pos_protocol.h"
#include "devices/scanner/keyboard_protocol.h"

namespace {

using Clock = std::chrono::steady_clock;
using Reports = std::vector<std::vector<std::uint8_t>>;

Reports read_reports(const std::string& path) {
    std::ifstream file(path);
    if (!file) {
        fmt::print(stderr, "scan_decode: cannot read {}\n", path);
        std::exit(1);
    }
    Reports reports;
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::vector<std::uint8_t> report;
        std::string word;
        while (words >> word)
            report.push_back(static_cast<std::uint8_t>(std::stoul(word, nullptr, 16)));
        reports.push_back(std::move(report));
    }
    return reports;
}

}  // namespace

int main(int argc, char** argv) {
    std::string fixtures = SCANNER_FIXTURES;
    int rounds = 20000;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string name = argv[i];
        if (name == "--rounds") rounds = std::atoi(argv[i + 1]);
        if (name == "--fixtures") fixtures = argv[i + 1];
    }
    Reports keyboard = read_reports(fixtures + "/keyboard_us_gs1.hex");
    Reports hid_pos = read_reports(fixtures + "/hid_pos_honeywell_long.hex");

    rs::devices::KeyboardDecoder keyboard_decoder;
    rs::devices::HidPosDecoder hid_pos_decoder(*rs::devices::find_hid_pos_layout("honeywell"));
    std::vector<double> latencies_us;
    latencies_us.reserve(static_cast<std::size_t>(rounds) * 2);
    std::size_t scans = 0;
    auto start = Clock::now();
    for (int round = 0; round < rounds; ++round) {
        for (std::size_t i = 0; i < keyboard.size(); ++i) {
            auto before = Clock::now();
            auto results = keyboard_decoder.feed_report(keyboard[i], round);
            if (!results.empty() && results.front()) {
                latencies_us.push_back(
                    std::chrono::duration<double, std::micro>(Clock::now() - before).count());
                ++scans;
            }
        }
        for (std::size_t i = 0; i < hid_pos.size(); ++i) {
            auto before = Clock::now();
            auto result = hid_pos_decoder.feed(hid_pos[i], round);
            if (result && *result) {
                latencies_us.push_back(
                    std::chrono::duration<double, std::micro>(Clock::now() - before).count());
                ++scans;
            }
        }
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (scans != static_cast<std::size_t>(rounds) * 2) {
        fmt::print(stderr, "scan_decode: decoded {} scans, expected {}\n", scans, rounds * 2);
        return 1;
    }
    std::sort(latencies_us.begin(), latencies_us.end());
    double p99 = latencies_us[latencies_us.size() * 99 / 100];
    double per_second = static_cast<double>(scans) / seconds;
    // The limit a real link sets: a full-speed keyboard sends at most one report per ms, and a
    // keyboard-wedge code needs two reports per character.
    double usb_limit = 1000.0 / static_cast<double>(keyboard.size());
    fmt::print("keyboard code: {} reports; USB full-speed 1 ms polling allows {:.1f} codes/s\n",
               keyboard.size(), usb_limit);
    fmt::print("decoded {} scans in {:.3f} s\n", scans, seconds);
    fmt::print("RESULT scan_decode scans_per_s={:.0f} p99_us={:.2f}\n", per_second, p99);
    return 0;
}
