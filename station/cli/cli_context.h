// What every `station` subcommand shares: the store path, exit codes and error reporting.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "station/orders/intake.h"
#include "station/people/operators.h"
#include "station/policy/policy.h"
#include "station/store/config.h"
#include "station/store/station_store.h"

namespace rs::cli {

// Exit codes, documented in the README.
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_failure = 1,          // the store, a file or the system failed
    k_exit_bad_input = 2,        // wrong arguments or input a person must fix
    k_exit_needs_attention = 3,  // done, but some scans were rejected or flagged
};

struct CliContext {
    std::string db_path;      // --db or STATION_DB; empty: from the configuration
    std::string config_path;  // --config or STATION_CONFIG; empty: defaults only
    bool verbose = false;
    int exit_code = k_exit_ok;
    // `station run --demo`: makes a demo station (people with PINs, the reference platform and a
    // printer emulator in this process, a simulated scanner reading standard input), points
    // db_path and config_path at it and returns what keeps it alive. Set by main: the demo is
    // its own target.
    std::function<Result<std::shared_ptr<void>>(CliContext&)> prepare_run_demo;

    // The configuration (read once); reports the error and returns null if it is invalid.
    const station::StationConfig* config();
    // --db, else the configuration's [store] path, else ./station.db.
    std::string store_path();
    // Opens and migrates the store after checking its pages; reports the error and sets
    // exit_code if it cannot. Only `init` creates a missing store: elsewhere a mistyped --db
    // must not answer from a new, empty one.
    enum class IfMissing { Refuse, Create };
    std::unique_ptr<station::StationStore> open_store(IfMissing if_missing = IfMissing::Refuse);
    // Who acts, proven once per command (docs/people.md): a station token (STATION_TOKEN_FILE,
    // else STATION_TOKEN) acts as its own operator; otherwise the badge (`given`, else
    // STATION_OPERATOR) with its PIN, read from STATION_PIN_FILE or asked on the terminal
    // without echo, never from an argument that `ps` shows. Reports and returns nullopt when
    // there is no proof. (cli/acting_person.cpp)
    std::optional<station::Operator> acting_person(station::StationStore& store,
                                                   const std::string& given);
    // Prints "station: <message>" to stderr and records the matching exit code.
    void report(const Error& error);
};

int exit_code_for(const Error& error);

// Opens the store and proves who acts (badge + PIN, or a token), then runs body(store, badge);
// nothing runs without the proof (both failures are reported).
template <class Body>
void as_person(CliContext& context, const std::string& operator_id, Body&& body) {
    auto store = context.open_store();
    if (!store) return;
    auto person = context.acting_person(*store, operator_id);
    if (!person) return;
    body(*store, person->id);
}

// The badge someone claims: `given` (--operator), else STATION_OPERATOR, else empty. A claim
// only: commands that act prove it with CliContext::acting_person.
std::string operator_or_environment(const std::string& given);

// Who may change the people of this store, proven: while no supervisor has a PIN (a store being
// set up) anyone, audited as k_setup_actor; afterwards a supervisor, or `self` for their own
// record. Reports and returns nullopt when refused. (cli/operators_command.cpp)
inline constexpr const char* k_setup_actor = "setup";
std::optional<std::string> people_admin(CliContext& context, station::StationStore& store,
                                        const std::string& given, const std::string& self);

// The policy decisions use: the configured file ([policy] file) if it reads, else the one in
// force; a warning says why a configured file was not taken. Reports and returns nullopt when
// there is none.
std::optional<station::Policy> policy_for(CliContext& context, station::StationStore& store);

// True when a station token is given (STATION_TOKEN_FILE or STATION_TOKEN): a script acts.
bool has_station_token();

// An intake session of `operator_id` that also queues a repair-order tag with every new order
// when the configuration says so ([printers] intake_tags).
Result<station::IntakeSession> start_intake(CliContext& context, station::StationStore& store,
                                            const std::string& operator_id);

// Each file under cli/ adds one subcommand.
void add_init_command(CLI::App& app, CliContext& context);
// backup, restore (backup_command.cpp)
void add_backup_commands(CLI::App& app, CliContext& context);
void add_operators_command(CLI::App& app, CliContext& context);
void add_rma_command(CLI::App& app, CliContext& context);
void add_intake_command(CLI::App& app, CliContext& context);
void add_orders_command(CLI::App& app, CliContext& context);
void add_arrivals_command(CLI::App& app, CliContext& context);
void add_code_command(CLI::App& app, CliContext& context);
void add_demo_command(CLI::App& app, CliContext& context);
void add_parts_command(CLI::App& app, CliContext& context);
void add_locations_command(CLI::App& app, CliContext& context);
void add_stock_command(CLI::App& app, CliContext& context);
void add_suppliers_command(CLI::App& app, CliContext& context);
void add_supplier_returns_command(CLI::App& app, CliContext& context);
void add_run_command(CLI::App& app, CliContext& context);
void add_devices_command(CLI::App& app, CliContext& context);
void add_sync_command(CLI::App& app, CliContext& context);
void add_camera_command(CLI::App& app, CliContext& context);
void add_photos_command(CLI::App& app, CliContext& context);
void add_print_command(CLI::App& app, CliContext& context);
void add_printers_command(CLI::App& app, CliContext& context);
void add_jobs_command(CLI::App& app, CliContext& context);
void add_policy_command(CLI::App& app, CliContext& context);
void add_faults_command(CLI::App& app, CliContext& context);
// diagnose, decide, quote, override, clear-flag, handover, expire-quotes (orders_rules_command.cpp)
void add_orders_rules_subcommands(CLI::App& orders, CliContext& context);
// ship, waybills (ship_command.cpp)
void add_ship_command(CLI::App& app, CliContext& context);
// manifest close|check|list (manifest_command.cpp)
void add_manifest_command(CLI::App& app, CliContext& context);
void add_returns_commands(CLI::App& app, CliContext& context);
void add_firmware_command(CLI::App& app, CliContext& context);
// qa start|record|show|finish|report (qa_command.cpp)
void add_qa_command(CLI::App& app, CliContext& context);
// `station report`: the records and statistics of the cases (docs/reports.md).
void add_report_command(CLI::App& app, CliContext& context);
void add_server_command(CLI::App& app, CliContext& context);
// `station benches add|list` (benches_command.cpp) and `station bench`, the agent
// (bench_command.cpp)
void add_benches_command(CLI::App& app, CliContext& context);
void add_bench_command(CLI::App& app, CliContext& context);

}  // namespace rs::cli
