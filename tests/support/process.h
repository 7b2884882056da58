// run_process: starts a real program, feeds its stdin, collects stdout, stderr and exit code.
#pragma once

#include <string>
#include <vector>

namespace rs::test {

struct ProcessResult {
    int exit_code = -1;  // -1 when it did not exit normally; the signal is in `signal`
    int signal = 0;
    std::string out;
    std::string err;
};

// Runs `argv` (argv[0] a path) with extra environment entries "NAME=value", waits for it.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::vector<std::string>& environment = {});

}  // namespace rs::test

namespace rs::test {

// Starts `argv` in the background with stdout and stderr appended to `output_file`; returns its
// pid. For programs a test must kill (SIGKILL) or that serve while the test runs.
int spawn_process(const std::vector<std::string>& argv, const std::string& output_file,
                  const std::vector<std::string>& environment = {});
// Waits for a spawned process; the same fields as run_process fills (out and err empty).
ProcessResult wait_process(int pid);

}  // namespace rs::test
