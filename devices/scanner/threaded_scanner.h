// ThreadedScanner: the thread, stop flag and state reporting every reading driver shares.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "devices/scanner/scanner.h"

namespace rs::devices {

// A driver that reads its device on its own thread: subclasses write run(), which loops
// until m_stop is set and reports plug changes through set_state(). Subclasses must call
// close() in their destructor, so the thread ends before their members go.
class ThreadedScanner : public Scanner {
public:
    const std::string& source() const override { return m_source; }
    Status open(ScannerCallbacks callbacks) override;
    void close() override;
    ScannerState state() const override { return m_state.load(); }

protected:
    explicit ThreadedScanner(std::string source) : m_source(std::move(source)) {}
    virtual void run() = 0;
    // Logs and reports a change; repeating the current state reports nothing.
    void set_state(ScannerState state);

    std::string m_source;
    ScannerCallbacks m_callbacks;
    std::atomic<bool> m_stop{false};

private:
    std::atomic<ScannerState> m_state{ScannerState::Closed};
    std::thread m_thread;
};

}  // namespace rs::devices
