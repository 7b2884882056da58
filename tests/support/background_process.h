// BackgroundProcess: a real program left running while the test acts, then signalled or awaited.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace rs::test {

// Output goes to files (no pipe can fill up and block the program); `out()` reads them.
class BackgroundProcess {
public:
    // `argv[0]` is a path; `environment` adds "NAME=value" entries; `log_prefix` names the
    // files for stdout and stderr (prefix + ".out" / ".err").
    BackgroundProcess(const std::vector<std::string>& argv, const std::string& log_prefix,
                      const std::vector<std::string>& environment = {});
    ~BackgroundProcess();  // SIGKILL if still running
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    pid_t pid() const { return m_pid; }
    bool running();
    // Sends `signal` (if still running) and waits for the end.
    ProcessResult stop(int signal);
    ProcessResult wait();
    std::string out() const;
    std::string err() const;
    // Polls stdout until it contains `text`; false when the process ended or `limit` passed.
    bool wait_for_output(const std::string& text, std::chrono::milliseconds limit);

private:
    ProcessResult finish(int status);

    pid_t m_pid = -1;
    bool m_done = false;
    ProcessResult m_result;
    std::string m_out_path;
    std::string m_err_path;
};

// Polls `condition` every 20 ms until it holds or `limit` passes (a liveness bound, not a speed
// assertion: limits are generous).
template <class Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() > deadline) return false;
        struct timespec pause {
            0, 20'000'000
        };
        nanosleep(&pause, nullptr);
    }
}

}  // namespace rs::test
