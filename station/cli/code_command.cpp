// `station code SCAN...`: what the code grammar makes of a scan, one JSON object per scan.
#include <fmt/format.h>

#include "labels/codes/code_grammar.h"
#include "station/cli/cli_context.h"
#include "station/cli/intake_output.h"
#include "station/cli/scan_argument.h"

namespace rs::cli {

void add_code_command(CLI::App& app, CliContext& context) {
    auto scans = std::make_shared<std::vector<std::string>>();
    auto* command = app.add_subcommand(
        "code",
        "Explain scans: prints one JSON object per scan with every kind it can be, its fields, "
        "whether it is valid and why (no store needed)");
    command
        ->add_option("SCAN", *scans,
                     "Scanned texts; <GS> or \\x1d for the GS1 separator; a leading AIM id "
                     "like ]C1 is recognised; a single - reads lines from standard input")
        ->required();
    command->callback([&context, scans] {
        for (const auto& text : collect_scans(*scans)) {
            auto readings = labels::classify(text);
            nlohmann::json out = {{"scan", printable_scan(text)},
                                  {"readings", readings_to_json(readings)}};
            fmt::print("{}\n", out.dump());
            bool any_valid = false;
            for (const auto& reading : readings)
                any_valid = any_valid || reading.valid;
            if (!any_valid) context.exit_code = k_exit_needs_attention;
        }
    });
}

}  // namespace rs::cli
