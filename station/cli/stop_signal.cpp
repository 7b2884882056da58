// The stop flag: an atomic set by an async-signal-safe handler.
#include "station/cli/stop_signal.h"

#include <atomic>
#include <csignal>

namespace rs::cli {
namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void on_stop_signal(int) {
    g_stop_requested = true;
}

}  // namespace

void catch_stop_signals() {
    g_stop_requested = false;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool stop_requested() {
    return g_stop_requested;
}

}  // namespace rs::cli
