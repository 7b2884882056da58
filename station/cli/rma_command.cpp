// `station rma import FILE.json`: load the platform's RMAs until sync brings them by itself.
#include <fmt/format.h>

#include "common/bounded_read.h"
#include "station/cli/cli_context.h"
#include "station/rma/rma_json.h"
#include "station/rma/rma_store.h"

namespace rs::cli {

void add_rma_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("rma", "After-sales requests (RMAs) from the platform");
    command->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    auto operator_id = std::make_shared<std::string>();
    auto* import_command = command->add_subcommand(
        "import", "Import RMAs from a JSON file (see examples/demo-rmas.json); all or nothing");
    import_command->add_option("FILE", *file, "JSON file with {\"rmas\": [...]}")->required();
    import_command->add_option("--operator", *operator_id,
                               "Badge of who imports (or STATION_OPERATOR); the PIN is asked");
    import_command->callback([&context, file, operator_id] {
        auto text = read_file_bounded(*file, k_longest_document, "the RMA file");
        if (!text) return context.report(text.error());
        auto rmas = station::parse_rmas(*text);
        if (!rmas) {
            Error error = rmas.error();
            error.message = fmt::format("{}: {}; nothing was imported", *file, error.message);
            return context.report(error);
        }
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, *operator_id);
        if (!person) return;
        auto report = station::import_rmas(*store, *rmas, person->id);
        if (!report) return context.report(report.error());
        fmt::print("{}: {} RMAs: {} added, {} updated, {} unchanged\n", *file, rmas->size(),
                   report->added, report->updated, report->unchanged);
    });
}

}  // namespace rs::cli
