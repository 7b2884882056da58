// bench/labels: print request -> last byte at the printer emulator (p50/p99), labels per second
// through the durable queue for a queue of 1,000, and preview render time; each beside its peer
// measured in the same run (the same bytes over a bare socket; ZPL generation for the preview).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/logger.h"
#include "devices/printer/tcp_printer.h"
#include "devices/transport/tcp_connection.h"
#include "labels/print/label_preview.h"
#include "labels/print/label_templates.h"
#include "labels/print/zpl_writer.h"
#include "station/printing/print_queue.h"
#include "station/printing/print_worker.h"
#include "station/store/station_store.h"
#include "tools/printer_emulator/printer_emulator.h"

namespace {

using SteadyClock = std::chrono::steady_clock;

double ms_between(SteadyClock::time_point from, SteadyClock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

[[noreturn]] void die(const rs::Error& error) {
    fmt::print(stderr, "bench: {}\n", error.describe());
    std::exit(1);
}

template <class T>
T check(rs::Result<T> result) {
    if (!result) die(result.error());
    return std::move(*result);
}

int option(int argc, char** argv, const char* name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == name) return std::atoi(argv[i + 1]);
    return fallback;
}

nlohmann::json tag_data(int n) {
    return {{"ro_number", fmt::format("RO-{:06}", n)},
            {"model", "Phone X2 128GB"},
            {"intake_date", "2026-11-23"}};
}

}  // namespace

int main(int argc, char** argv) {
    int requests = option(argc, argv, "--requests", 500);
    int queue_size = option(argc, argv, "--queue", 1000);
    int previews = option(argc, argv, "--previews", 20);
    rs::set_log_level(rs::LogLevel::Warn);

    std::string dir =
        (std::filesystem::temp_directory_path() / fmt::format("bench-labels-{}", ::getpid()))
            .string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto store = check(rs::station::StationStore::open(dir + "/station.db"));
    auto emulator = check(rs::tools::PrinterEmulator::start({}));
    rs::devices::TcpPrinter printer({"bench", "127.0.0.1", emulator->port()});
    rs::station::PrintWorker worker(*store, printer, {1, 10});
    rs::labels::TemplateContext context;
    context.text.raster = check(rs::labels::TextRaster::open());

    // 1. One request at a time: label made, job committed, sent, at the printer.
    std::vector<double> ours, bare;
    for (int i = 0; i < requests; ++i) {
        auto start = SteadyClock::now();
        auto label = check(rs::labels::build_label("ro-tag", tag_data(i), context));
        std::string zpl = rs::labels::to_zpl(label);
        check(rs::station::submit_print_job(*store, {"bench", "ro-tag", tag_data(i), zpl}));
        check(worker.run_once());
        ours.push_back(ms_between(start, emulator->last_printed_at()));
        // Peer: the same bytes on a fresh socket, nothing stored, nothing asked.
        auto bare_start = SteadyClock::now();
        auto connection = check(rs::devices::TcpConnection::connect("127.0.0.1", emulator->port(),
                                                                    std::chrono::seconds(2)));
        if (auto sent = connection.write_all(zpl, std::chrono::seconds(2)); !sent)
            die(sent.error());
        connection.close();
        while (emulator->last_printed_at() < bare_start)
            std::this_thread::yield();
        bare.push_back(ms_between(bare_start, emulator->last_printed_at()));
    }

    // 2. A queue of jobs, drained by the worker (each confirmed by the printer).
    for (int i = 0; i < queue_size; ++i) {
        auto label = check(rs::labels::build_label("ro-tag", tag_data(i), context));
        check(rs::station::submit_print_job(
            *store, {"bench", "ro-tag", tag_data(i), rs::labels::to_zpl(label)}));
    }
    int printed_before = emulator->printed_labels();
    auto drain_start = SteadyClock::now();
    check(worker.run_until_idle(std::chrono::minutes(10)));
    double drain_s = ms_between(drain_start, SteadyClock::now()) / 1000;
    int drained_labels = emulator->printed_labels() - printed_before;
    double labels_per_s = drained_labels / drain_s;
    // Peer: the same number of formats down one bare connection.
    std::string one =
        rs::labels::to_zpl(check(rs::labels::build_label("ro-tag", tag_data(1), context)));
    printed_before = emulator->printed_labels();
    auto bare_start = SteadyClock::now();
    {
        auto connection = check(rs::devices::TcpConnection::connect("127.0.0.1", emulator->port(),
                                                                    std::chrono::seconds(2)));
        for (int i = 0; i < queue_size; ++i)
            if (auto sent = connection.write_all(one, std::chrono::seconds(5)); !sent)
                die(sent.error());
    }
    while (emulator->printed_labels() - printed_before < queue_size)
        std::this_thread::yield();
    double bare_per_s = queue_size / (ms_between(bare_start, SteadyClock::now()) / 1000);

    // 3. Preview of the 4x6 return label (CJK bitmaps, two barcodes), beside its ZPL alone.
    nlohmann::json data = {
        {"carrier", "SF Express"},
        {"service", "Standard 标快"},
        {"tracking_number", "SF1402398761234"},
        {"rma", "RMA-26110001X"},
        {"sender", {{"name", "Repair Center 维修中心"}, {"address", "深圳市南山区 518057"}}},
        {"recipient",
         {{"name", "张伟"},
          {"phone", "+86 138 0013 8000"},
          {"address", "518057 广东省深圳市南山区科苑路15号 科兴科学园B栋3单元1201室"}}}};
    std::vector<double> preview_ms, zpl_ms;
    for (int i = 0; i < previews; ++i) {
        auto start = SteadyClock::now();
        auto label = check(rs::labels::build_label("return-label", data, context));
        std::string zpl = rs::labels::to_zpl(label);
        zpl_ms.push_back(ms_between(start, SteadyClock::now()));
        check(rs::labels::render_preview_png(label, *context.text.raster));
        preview_ms.push_back(ms_between(start, SteadyClock::now()));
    }

    fmt::print("print request -> last byte at the emulator, {} requests:\n", requests);
    fmt::print(
        "  station (label + commit + status check + send + confirm): p50 {:.2f} ms, p99 "
        "{:.2f} ms\n",
        percentile(ours, 0.5), percentile(ours, 0.99));
    fmt::print(
        "  bare socket, same bytes:                                 p50 {:.2f} ms, p99 "
        "{:.2f} ms\n",
        percentile(bare, 0.5), percentile(bare, 0.99));
    fmt::print(
        "queue of {}: {} labels in {:.2f} s = {:.0f} labels/s (bare socket: {:.0f} "
        "labels/s); a 203 dpi Zebra prints about 6 in/s, 6 two-inch tags/s\n",
        queue_size, drained_labels, drain_s, labels_per_s, bare_per_s);
    fmt::print(
        "preview of the 4x6 return label: {:.1f} ms (its ZPL alone: {:.1f} ms); limit 200 "
        "ms for the UI\n",
        percentile(preview_ms, 0.5), percentile(zpl_ms, 0.5));
    std::filesystem::remove_all(dir);
    fmt::print(
        "RESULT labels p50_ms={:.2f} p99_ms={:.2f} labels_per_s={:.0f} preview_ms={:.1f} "
        "bare_p50_ms={:.2f} bare_labels_per_s={:.0f}\n",
        percentile(ours, 0.5), percentile(ours, 0.99), labels_per_s, percentile(preview_ms, 0.5),
        percentile(bare, 0.5), bare_per_s);
    return drained_labels == queue_size ? 0 : 1;
}
