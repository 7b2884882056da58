// Scanner test support: what a driver delivers, collected for tests to wait on, and the key
// presses an evdev node reports.
#pragma once

#include <linux/input.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <vector>

#include "devices/scanner/scanner.h"

namespace rs::test {

// Waits are bounded only so that a broken driver fails the test instead of hanging it.
struct ScannerCollector {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Scan> scans;
    std::vector<Error> errors;
    std::vector<devices::ScannerState> states;

    devices::ScannerCallbacks callbacks() {
        return {[this](const Scan& scan) { add([&] { scans.push_back(scan); }); },
                [this](const Error& error) { add([&] { errors.push_back(error); }); },
                [this](devices::ScannerState state) { add([&] { states.push_back(state); }); }};
    }
    template <class F>
    void add(F f) {
        std::lock_guard lock(mutex);
        f();
        changed.notify_all();
    }
    template <class P>
    bool wait(P predicate) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20), predicate);
    }
};

// Each key pressed and released, as the input_event records an evdev node reports.
inline std::vector<input_event> key_presses(std::initializer_list<std::uint16_t> codes) {
    std::vector<input_event> events;
    for (std::uint16_t code : codes)
        for (int value : {1, 0}) {
            input_event event{};
            event.type = EV_KEY;
            event.code = code;
            event.value = value;
            events.push_back(event);
        }
    return events;
}

}  // namespace rs::test
