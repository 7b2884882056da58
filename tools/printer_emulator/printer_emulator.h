// PrinterEmulator: a TCP server that speaks to a host as a Zebra ZPL printer does: takes labels
// (kept as files), answers ~HS, ~HQES and ~HI, obeys ~JA, and can be told to fail.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "devices/printer/printer_status.h"
#include "tools/printer_emulator/zpl_stream.h"

namespace rs::tools {

struct EmulatorOptions {
    std::string bind = "127.0.0.1";
    int port = 0;           // 0: any free port (see port())
    int control_port = -1;  // -1: none; 0: any free port
    std::string label_dir;  // every label received, one file each ("00001.zpl")
    std::string model = "RS-EMULATOR";
    int dots_per_mm = 8;  // 203 dpi
    // Newer Zebra firmware does not answer ~HS while out of media or with the head open.
    bool silent_when_faulted = false;
};

class PrinterEmulator {
public:
    static Result<std::unique_ptr<PrinterEmulator>> start(EmulatorOptions options);
    ~PrinterEmulator();
    PrinterEmulator(const PrinterEmulator&) = delete;
    PrinterEmulator& operator=(const PrinterEmulator&) = delete;

    int port() const { return m_port; }
    int control_port() const { return m_control_port; }
    void stop();

    // Faults. Clearing the last one prints the formats waiting in the buffer.
    void set_paper_out(bool on);
    void set_head_open(bool on);
    void set_paused(bool on);
    // Reads slowly: this many milliseconds per KiB received (0: full speed).
    void set_slow(int ms_per_kib);
    // Closes the connection after `bytes` of the next format, leaving it partial in the buffer
    // as a real printer does when its host goes away mid-job (one shot).
    void drop_next_job_after(std::size_t bytes);

    // Power cycle: formats in the buffer (complete or partial) are lost, as on a real printer.
    void power_cycle();

    // A text command as on the control port: "paper-out on", "head-open off", "pause on",
    // "slow 50", "drop 200", "reset" (power cycle), "status", "printed". Returns the answer line.
    std::string control(const std::string& command);

    devices::PrinterStatus status() const;
    // Labels printed so far (copies counted), and the formats printed, oldest first.
    int printed_labels() const;
    // When the last label printed (its ^XZ arrived with the printer ready): for benches.
    std::chrono::steady_clock::time_point last_printed_at() const;
    std::vector<std::string> printed_formats() const;

private:
    explicit PrinterEmulator(EmulatorOptions options) : m_options(std::move(options)) {}
    void serve();
    void serve_control();
    void handle(int fd);
    void print_waiting();  // with m_mutex held
    void set_fault(bool PrinterEmulator::*fault, bool on);
    bool faulted() const;  // with m_mutex held
    devices::PrinterStatus status_locked() const;

    EmulatorOptions m_options;
    int m_listen = -1;
    int m_control_listen = -1;
    int m_wake[2] = {-1, -1};
    int m_port = 0;
    int m_control_port = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::thread m_control_thread;

    mutable std::mutex m_mutex;
    ZplStream m_stream;  // one stream: a format cut by a dropped connection stays partial
    bool m_paper_out = false;
    bool m_head_open = false;
    bool m_paused = false;
    int m_slow_ms_per_kib = 0;
    std::size_t m_drop_after = 0;        // 0: no drop armed
    std::vector<std::string> m_waiting;  // complete formats not printed yet (printer faulted)
    std::vector<std::string> m_printed;
    int m_printed_labels = 0;
    std::chrono::steady_clock::time_point m_last_printed_at{};
};

}  // namespace rs::tools
