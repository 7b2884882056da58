// SimulatedScanner: plays scripted scans, for tests, demo mode and `station run` without hardware.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "devices/scanner/scanner.h"

namespace rs::devices {

struct SimulatedScan {
    std::string text;  // bytes as a scanner would send them, GS kept
    std::string symbology;
};

class SimulatedScanner : public Scanner {
public:
    // After its script, a scanner with an `input` reads one scan per line from that file, FIFO
    // or "-" (standard input) until its end, as if the codes were scanned: a demo or a test drives
    // the station's scan path without hardware. "<GS>" in a line stands for the GS1 separator.
    SimulatedScanner(std::string name, std::vector<SimulatedScan> script, std::int64_t interval_ms,
                     std::string input = "");
    ~SimulatedScanner() override;

    const std::string& source() const override { return m_source; }
    Status open(ScannerCallbacks callbacks) override;
    void close() override;
    ScannerState state() const override { return m_state.load(); }

private:
    void run();
    void read_input();
    void emit(const std::string& text);

    std::string m_source;
    std::vector<SimulatedScan> m_script;
    std::int64_t m_interval_ms;
    std::string m_input;
    ScannerCallbacks m_callbacks;
    std::atomic<ScannerState> m_state{ScannerState::Closed};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace rs::devices
