// printer_emulator: a stand-in Zebra printer on TCP for tests, demos and benches.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <thread>

#include "common/logger.h"
#include "tools/printer_emulator/printer_emulator.h"

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) {
    g_stop = 1;
}
}  // namespace

int main(int argc, char** argv) {
    rs::tools::EmulatorOptions options;
    bool paper_out = false, head_open = false, paused = false, verbose = false;
    int slow = 0;
    std::size_t drop_after = 0;
    CLI::App app{
        "A stand-in Zebra ZPL printer on TCP: keeps every label it receives as a file, answers "
        "~HS, ~HQES and ~HI, obeys ~JA, and can be told to go paper-out, head-open, paused, slow, "
        "or to drop the connection in the middle of a job.\n"
        "Control port commands (one per line): paper-out on|off, head-open on|off, pause on|off, "
        "slow MS_PER_KIB, drop BYTES, reset (power cycle: the buffer is lost), status, printed.",
        "printer_emulator"};
    app.add_option("--bind", options.bind, "Address to listen on")->capture_default_str();
    app.add_option("--port", options.port, "Print port (9100 on a real printer; 0: any free)")
        ->capture_default_str();
    app.add_option("--control-port", options.control_port,
                   "Control port for fault commands (-1: none, 0: any free)")
        ->capture_default_str();
    app.add_option("--labels", options.label_dir, "Folder for the labels received (NNNNN.zpl)");
    app.add_option("--model", options.model, "Model reported by ~HI")->capture_default_str();
    app.add_option("--dots-per-mm", options.dots_per_mm, "Resolution reported by ~HI (8 = 203 dpi)")
        ->capture_default_str();
    app.add_flag("--paper-out", paper_out, "Start out of labels");
    app.add_flag("--head-open", head_open, "Start with the print head open");
    app.add_flag("--paused", paused, "Start paused");
    app.add_option("--slow", slow, "Read this many milliseconds per KiB received");
    app.add_option("--drop-after", drop_after,
                   "Drop the connection after this many bytes of the first job");
    app.add_flag("--silent-when-faulted", options.silent_when_faulted,
                 "Do not answer ~HS while out of labels or with the head open (newer firmware)");
    app.add_flag("-v,--verbose", verbose, "Log each label and command to stderr");
    CLI11_PARSE(app, argc, argv);
    rs::set_log_level(verbose ? rs::LogLevel::Debug : rs::LogLevel::Warn);

    auto emulator = rs::tools::PrinterEmulator::start(options);
    if (!emulator) {
        fmt::print(stderr, "printer_emulator: {}\n", emulator.error().message);
        return 1;
    }
    (*emulator)->set_paper_out(paper_out);
    (*emulator)->set_head_open(head_open);
    (*emulator)->set_paused(paused);
    (*emulator)->set_slow(slow);
    if (drop_after > 0) (*emulator)->drop_next_job_after(drop_after);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    fmt::print("printer_emulator: listening on {}:{}", options.bind, (*emulator)->port());
    if ((*emulator)->control_port() >= 0)
        fmt::print(", control on port {}", (*emulator)->control_port());
    fmt::print("\n");
    std::fflush(stdout);
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    (*emulator)->stop();
    fmt::print("printer_emulator: stopped after {} labels\n", (*emulator)->printed_labels());
    return 0;
}
