// KillHarness: starting, timing and SIGKILLing `station` commands; the tally of what came of it.
#include "tests/kill/kill_harness.h"

#include <fmt/format.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace rs::test {

namespace {

// The one place that decides the environment of the commands the harness runs, beside what
// StationCli itself adds (so a change in how `station` is told who acts is made once).
const std::vector<std::string>& command_environment() {
    static const std::vector<std::string> k_none;
    return k_none;
}

std::uint64_t seed_from_environment() {
    if (const char* given = std::getenv("KILL_SEED"); given && *given)
        return std::strtoull(given, nullptr, 10);
    return std::random_device{}() * 4294967296ULL + std::random_device{}();
}

}  // namespace

int kill_runs(int ci_runs) {
    if (const char* given = std::getenv("KILL_RUNS"); given && *given) {
        int runs = std::atoi(given);
        if (runs > 0) return runs;
    }
    return ci_runs;
}

void KillTally::report() const {
    // One line per command: the offline run's figures are read from these.
    std::string where;
    for (const auto& [what, n] : landed)
        where += fmt::format(" {}={}", what, n);
    fmt::print(
        "KILL {} runs={} kills={} lost={} duplicated={} broken={}{} (start-up {:.0f} ms, "
        "whole run {:.0f} ms)\n",
        command, runs, kills, lost, duplicated, broken, where, start_ms, window_ms);
    for (std::size_t i = 0; i < findings.size() && i < 20; ++i)
        fmt::print("  {}\n", findings[i]);
    std::fflush(stdout);
}

KillHarness::KillHarness(const StationCli& station, std::string name)
    : m_station(station), m_seed(seed_from_environment()), m_random(m_seed) {
    m_tally.command = std::move(name);
    fmt::print("kill harness: {} seed {} (replay with KILL_SEED={})\n", m_tally.command, m_seed,
               m_seed);
    std::fflush(stdout);
}

ProcessResult KillHarness::run(const StationCommand& command) const {
    return m_station.run(command.args, command.input, command_environment());
}

std::unique_ptr<BackgroundProcess> KillHarness::start(const StationCommand& command) {
    std::string log = m_station.file(fmt::format("kill-{}-{}", m_tally.command, m_started++));
    auto argv = m_station.argv(command.args);
    if (!command.input.empty()) {
        // Standard input from a file: a shell opens it and execs the station in its place, so
        // the pid killed is the station's own.
        std::ofstream(log + ".in") << command.input;
        argv.insert(argv.begin(),
                    {"/bin/sh", "-c", "f=$1; shift; exec \"$@\" < \"$f\"", "sh", log + ".in"});
    }
    return std::make_unique<BackgroundProcess>(argv, log, command_environment());
}

ProcessResult KillHarness::kill(BackgroundProcess& process) {
    ++m_tally.runs;
    auto ended = process.stop(SIGKILL);
    if (ended.signal == SIGKILL) ++m_tally.kills;
    return ended;
}

ProcessResult KillHarness::kill_at_random(const StationCommand& command) {
    std::int64_t from = m_tally.runs % 2 ? std::min(m_start, m_window).count() : 0;
    auto delay = std::chrono::microseconds(
        std::uniform_int_distribution<std::int64_t>(from, m_window.count())(m_random));
    auto process = start(command);
    std::this_thread::sleep_for(delay);
    return kill(*process);
}

ProcessResult KillHarness::kill_when(const StationCommand& command,
                                     const std::function<bool()>& reached) {
    auto process = start(command);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (process->running() && !reached() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return kill(*process);
}

ProcessResult KillHarness::calibrate(const StationCommand& command, std::vector<int> expected) {
    auto began = std::chrono::steady_clock::now();
    auto result = run(command);
    auto took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - began);
    bool known = false;
    for (int code : expected)
        known = known || code == result.exit_code;
    if (!known)
        broken({fmt::format("{} exited {} where {} was expected: {}", m_tally.command,
                            result.exit_code, expected.front(), result.err)});
    m_window = std::max(m_window, took);
    m_tally.window_ms = static_cast<double>(m_window.count()) / 1000.0;
    return result;
}

void KillHarness::calibrate_idle(const StationCommand& idle) {
    auto began = std::chrono::steady_clock::now();
    run(idle);
    m_start = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - began);
    m_tally.start_ms = static_cast<double>(m_start.count()) / 1000.0;
}

void KillHarness::lost(const std::string& what) {
    ++m_tally.lost;
    m_tally.findings.push_back("lost: " + what);
}

void KillHarness::duplicated(const std::string& what) {
    ++m_tally.duplicated;
    m_tally.findings.push_back("duplicated: " + what);
}

void KillHarness::broken(const std::vector<std::string>& what) {
    // A damage stays in the store and is found by every later check: counted once.
    for (const auto& text : what) {
        if (!m_seen.insert(text).second) continue;
        ++m_tally.broken;
        m_tally.findings.push_back(
            fmt::format("broken (seed {}, run {}): {}", m_seed, m_tally.runs, text));
    }
}

}  // namespace rs::test
