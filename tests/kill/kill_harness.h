// KillHarness: runs one `station` command again and again, SIGKILLs it at a random moment (seeded,
// the seed printed so a failure replays) or at a chosen point, and keeps the tally the offline
// run reports: runs, kills, lost, duplicated, invariants broken.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/support/background_process.h"
#include "tests/support/station_cli.h"

namespace rs::test {

// How many kills a command gets: `ci_runs` in CTest, KILL_RUNS from the environment when set
// (the offline run: KILL_RUNS=200).
int kill_runs(int ci_runs);
// The most rounds a case runs to reach `kills` kills (some runs end before their kill comes):
// what it prepares input for.
inline int kill_rounds(int kills) {
    return kills + kills / 2 + 2;
}

// One command of the station as the harness runs it: arguments after `station`, and what it
// reads on standard input (empty: /dev/null).
struct StationCommand {
    std::vector<std::string> args;
    std::string input;
};

// What one command's kills came to; `report()` prints one line the offline run collects.
struct KillTally {
    std::string command;
    int runs = 0;        // times the command was started to be killed
    int kills = 0;       // of those, how many SIGKILL actually ended (the rest had finished)
    int lost = 0;        // things the input asked for that are missing once the re-run ended
    int duplicated = 0;  // things that exist twice
    int broken = 0;      // distinct invariant violations found
    std::vector<std::string> findings;  // what was lost, duplicated or broken, for the log
    // Where the kills landed, as far as a case can tell: "midway" (some of the run's work done,
    // some not), "needs-person" (a print job the crash left for a person), ...
    std::map<std::string, int> landed;
    double start_ms = 0;   // a run with nothing to do (start-up)
    double window_ms = 0;  // a whole run: the random kills' window

    void report() const;
};

class KillHarness {
public:
    // `name` names the command in the tally and the log files; the seed is KILL_SEED when set,
    // else a fresh one, and is printed either way.
    KillHarness(const StationCli& station, std::string name);

    const StationCli& station() const { return m_station; }
    KillTally& tally() { return m_tally; }
    std::mt19937_64& random() { return m_random; }
    std::uint64_t seed() const { return m_seed; }

    // Runs `command` to its end, as a person would run it again after the crash.
    ProcessResult run(const StationCommand& command) const;
    // Starts `command` in the background (for chosen points: a test watches it, then kills it).
    std::unique_ptr<BackgroundProcess> start(const StationCommand& command);

    // Starts `command`, SIGKILLs it after a random delay and reaps it. Every other kill falls in
    // [0, window], the window being the longest a whole run of it took (`calibrate`), so kills
    // land anywhere from start-up to commit; the others fall after start-up (`calibrate_idle`),
    // where the work is. Counts the run and, if it was still running, the kill.
    ProcessResult kill_at_random(const StationCommand& command);
    // A chosen point: starts `command` and SIGKILLs it as soon as `reached` holds (polled every
    // millisecond: a count of rows in the store, a printer's counter); counts like the above.
    ProcessResult kill_when(const StationCommand& command, const std::function<bool()>& reached);
    // SIGKILLs a process started by `start` at the point the test chose; counts like the above.
    ProcessResult kill(BackgroundProcess& process);
    // Times a whole run of `command` (that must exit with one of `expected`) and widens the
    // window of random kills to it.
    ProcessResult calibrate(const StationCommand& command, std::vector<int> expected = {0});
    // Times a run of `idle`, the command given nothing to do (start-up, store opened, exit).
    void calibrate_idle(const StationCommand& idle);

    // More rounds are wanted: fewer than `kills` kills so far, and rounds left.
    bool wants_more(int kills) const {
        return m_tally.kills < kills && m_tally.runs < kill_rounds(kills);
    }
    // A uniform pick in [low, high].
    int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }

    // Records findings: each text is one thing lost / duplicated / broken.
    void lost(const std::string& what);
    void duplicated(const std::string& what);
    void broken(const std::vector<std::string>& what);
    // Counts a kill that landed at `where` when `did` holds (see KillTally::landed).
    void landed(const std::string& where, bool did = true) {
        if (did) ++m_tally.landed[where];
    }

private:
    const StationCli& m_station;
    KillTally m_tally;
    std::uint64_t m_seed;
    std::mt19937_64 m_random;
    std::chrono::microseconds m_window{20'000};
    std::chrono::microseconds m_start{0};
    int m_started = 0;
    std::set<std::string> m_seen;  // broken rules already counted
};

}  // namespace rs::test
