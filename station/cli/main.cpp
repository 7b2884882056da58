// The `station` program: parses the command line and runs one subcommand.
#include <sys/stat.h>

#include <CLI/CLI.hpp>

#include <cstdlib>

#include "common/logger.h"
#include "station/cli/cli_context.h"
#include "station/cli/command_table.h"
#include "station/demo/run_demo.h"

int main(int argc, char** argv) {
    // The store, its backups and photos hold customers' data: every file the station creates
    // is its user's alone, whatever the shell's umask.
    ::umask(077);
    rs::cli::CliContext context;
    if (const char* db = std::getenv("STATION_DB"); db && *db) context.db_path = db;
    if (const char* config = std::getenv("STATION_CONFIG"); config && *config)
        context.config_path = config;

    CLI::App app{
        "Repair Station: the software of a repair center's benches.\n"
        "Receives parcels by scan, keeps repair orders in a local SQLite store.",
        "station"};
    app.fallthrough();  // lets --db and --verbose follow the subcommand too
    app.require_subcommand(1);
    app.option_defaults()->always_capture_default();
    app.add_option("--db", context.db_path,
                   "Store file (SQLite); also STATION_DB; default: the configuration's [store] "
                   "path, else ./station.db");
    app.add_option("--config", context.config_path,
                   "Station configuration (TOML, see docs/configuration.md); also STATION_CONFIG");
    app.add_flag("-v,--verbose", context.verbose, "Log what the station does to stderr");
    app.footer(
        "Exit codes: 0 done, 1 failure (store, files), 2 bad input, 3 done but some scans "
        "need attention.\nRun `station COMMAND --help` for each command.");

    rs::cli::add_commands(app, context, rs::cli::command_word(argc, argv));
    context.prepare_run_demo = rs::cli::prepare_run_demo;

    app.parse_complete_callback(
        [&] { rs::set_log_level(context.verbose ? rs::LogLevel::Debug : rs::LogLevel::Warn); });
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return rs::cli::k_exit_bad_input;
    }
    return context.exit_code;
}
