// What `print`, `printers` and `jobs` share: reading label data, the printers of the
// configuration, and running a printer's queue with its progress printed.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>

#include "labels/print/label_templates.h"
#include "station/cli/cli_context.h"
#include "station/printing/print_worker.h"
#include "station/printing/printer_config.h"

namespace rs::cli {

// Reads a JSON file ("-" for stdin); errors name the file and the line.
Result<nlohmann::json> read_json_file(const std::string& path);

// The configured printers, or null after reporting a configuration error.
const station::PrintersConfig* printers_config(CliContext& context);

// The row of `name` (empty: the default printer), or null after reporting what to fix.
const station::PrinterConfig* choose_printer(CliContext& context, const std::string& name);

// Template context for `dpi` from [labels], or nullopt after reporting.
std::optional<labels::TemplateContext> template_context(CliContext& context, int dpi);

// What a command that prints for a person needs, found in this order: the printer (`printer`,
// else the default), its labels' context, the store, and who acts, proven. Reports and returns
// nullopt at the first that is missing.
struct PrintingAs {
    const station::PrinterConfig* printer = nullptr;
    labels::TemplateContext labels;
    std::unique_ptr<station::StationStore> store;
    station::Operator person;
};
std::optional<PrintingAs> printing_as(CliContext& context, const std::string& printer,
                                      const std::string& operator_id);

// Runs `printer`'s queue for up to `wait_seconds`, printing each job change. Returns the report
// and sets the exit code to 3 when jobs still wait or need a person.
std::optional<station::PassReport> run_printer_queue(CliContext& context,
                                                     station::StationStore& store,
                                                     const station::PrinterConfig& printer,
                                                     double wait_seconds);

}  // namespace rs::cli
