// Which function adds which top-level commands; see command_table.h for why.
#include "station/cli/command_table.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "station/demo/run_demo.h"

namespace rs::cli {
namespace {

struct CommandGroup {
    std::initializer_list<std::string_view> names;  // the commands `add` puts on the app
    void (*add)(CLI::App&, CliContext&);
};

// In the order `station --help` lists them. A test runs `station NAME --help` for every
// command the full help lists, so a name given to the wrong group fails there.
const CommandGroup k_groups[] = {
    {{"init"}, add_init_command},
    {{"backup", "restore"}, add_backup_commands},
    {{"operators"}, add_operators_command},
    {{"rma"}, add_rma_command},
    {{"intake"}, add_intake_command},
    {{"orders"}, add_orders_command},
    {{"arrivals"}, add_arrivals_command},
    {{"code"}, add_code_command},
    {{"demo"}, add_demo_command},
    {{"parts"}, add_parts_command},
    {{"locations"}, add_locations_command},
    {{"stock"}, add_stock_command},
    {{"suppliers"}, add_suppliers_command},
    {{"supplier-returns"}, add_supplier_returns_command},
    {{"run"}, add_run_command},
    {{"server"}, add_server_command},
    {{"devices"}, add_devices_command},
    {{"sync"}, add_sync_command},
    {{"camera"}, add_camera_command},
    {{"photos"}, add_photos_command},
    {{"print"}, add_print_command},
    {{"printers"}, add_printers_command},
    {{"jobs"}, add_jobs_command},
    {{"policy"}, add_policy_command},
    {{"faults"}, add_faults_command},
    {{"firmware"}, add_firmware_command},
    {{"ship", "waybills"}, add_ship_command},
    {{"manifest"}, add_manifest_command},
    {{"exchange", "returns"}, add_returns_commands},
    {{"qa"}, add_qa_command},
    {{"report"}, add_report_command},
    {{"benches"}, add_benches_command},
    {{"bench"}, add_bench_command},
};

}  // namespace

std::string command_word(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word == "--db" || word == "--config") {
            ++i;  // its value follows
            continue;
        }
        if (word.starts_with("-")) continue;  // -v, --verbose, --db=FILE, --help
        return std::string(word);
    }
    return {};
}

void add_commands(CLI::App& app, CliContext& context, const std::string& word) {
    auto holds_word = [&](const CommandGroup& group) {
        return std::find(group.names.begin(), group.names.end(), word) != group.names.end();
    };
    const auto* wanted = std::find_if(std::begin(k_groups), std::end(k_groups), holds_word);
    for (const auto& group : k_groups)
        if (wanted == std::end(k_groups) || &group == wanted) group.add(app, context);
}

}  // namespace rs::cli
