// Ctrl+C and SIGTERM for the long-running commands (run, sync run, devices watch).
#pragma once

namespace rs::cli {

// Clears the request and lets SIGINT/SIGTERM set it from now on, instead of killing us: the
// command then stops its devices and services cleanly, losing nothing.
void catch_stop_signals();
bool stop_requested();

}  // namespace rs::cli
