// StationCli: the `station` program run as a person runs it, on a temporary store and
// configuration; the one harness of the integration tests and the scenarios.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/text.h"

namespace rs::test {

// The badges of the two people `StationCli::add_people` makes (own ids of badges 1 and 2).
inline const std::string k_warehouse_badge = "OP-0001U";
inline const std::string k_technician_badge = "OP-0002S";
// The supervisor StationCli::start_repair adds (badge 3).
inline const std::string k_supervisor_badge = "OP-0003Q";
// The PIN every person of a test store gets (StationCli::set_pin).
inline const std::string k_test_pin = "2468";

// Every `station` a test starts proves who acts as a bench script does (docs/people.md):
// STATION_PIN_FILE names a file only this user can read holding k_test_pin, and
// STATION_OPERATOR is the warehouse badge unless a command gives --operator (or the test
// passes "STATION_OPERATOR=..."). Set once in this test process's own environment, so programs
// started in the background inherit it too; StationCli's constructor calls it.
void prove_people_with_test_pin();

// A file of examples/: the demo RMAs, label data, the example configuration.
std::string example_file(const std::string& name);

// `station ARGS` with no store or configuration named, for commands that need neither (--help,
// code, demo); `environment` adds "NAME=value" entries.
ProcessResult run_station(std::vector<std::string> args, const std::string& input = "",
                          const std::vector<std::string>& environment = {});

class StationCli {
public:
    // A fresh folder with an empty configuration; the store is made by `init`. Its store is
    // `store`, else TempDir::store's (a file, or a database of the PostgreSQL test cluster).
    explicit StationCli(std::string store = "");

    const TempDir& dir() const { return m_dir; }
    std::string file(const std::string& name) const { return m_dir.file(name); }
    const std::string& db() const { return m_db; }
    const std::string& config() const { return m_config; }

    // `station ARGS --db STORE --config CONFIG`, for run_process or a BackgroundProcess.
    std::vector<std::string> argv(std::vector<std::string> args) const;
    ProcessResult run(std::vector<std::string> args, const std::string& input = "",
                      const std::vector<std::string>& environment = {}) const;
    // Runs a command given --json that must succeed and reads its output.
    nlohmann::json run_json(std::vector<std::string> args) const;

    void write_config(const std::string& text) const;
    void append_config(const std::string& text) const;

    // The store with its first person (warehouse, by `station init`) and a technician, both
    // with k_test_pin.
    void add_people() const;
    // `station operators set-pin BADGE` with k_test_pin, which must succeed.
    void set_pin(const std::string& badge) const;
    // `station rma import FILE`, which must succeed; by default the six demo RMAs.
    ProcessResult import_rmas(const std::string& path = example_file("demo-rmas.json")) const;
    void prepare() const {
        add_people();
        import_rmas();
    }
    // From a parcel to a repair, as the people do it: the warehouse scans `scan` (a tracking or
    // RMA number of an imported RMA) in and hands the order to the technician, who inspects it
    // and records it diagnosed; a supervisor (k_supervisor_badge, added the first time) routes
    // it to a warranty repair, and the technician starts the repair. Returns the order number.
    std::string start_repair(const std::string& scan) const;
    // The technician's QA of a repaired order (in_repair) to ready_to_ship: `qa start`, every
    // step of its checklist passed (a measured step within its limits, a photo step with a photo
    // from the simulated camera), `qa finish`. The order's category must have a checklist.
    void pass_qa(const std::string& order) const;

    // The store read directly: a table's rows, and the first column of a query's rows.
    std::int64_t count(const std::string& table) const;
    std::vector<std::string> texts(const std::string& sql) const;

private:
    TempDir m_dir;
    std::string m_db;
    std::string m_config = m_dir.file("station.toml");
};

}  // namespace rs::test
