// `station intake SCAN...`: receive parcels by their scans, as a bench scanner would.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/intake_output.h"
#include "station/cli/scan_argument.h"

namespace rs::cli {

void add_intake_command(CLI::App& app, CliContext& context) {
    struct Options {
        std::vector<std::string> scans;
        std::string operator_id;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "intake",
        "Receive parcels: each SCAN is a tracking number, RMA number, repair order tag, device "
        "serial/IMEI or operator badge, handled in order as if scanned at the bench");
    command
        ->add_option("SCAN", options->scans,
                     "Scanned texts; <GS> or \\x1d stands for the GS1 separator; a single - "
                     "reads one scan per line from standard input")
        ->required();
    command->add_option(
        "--operator", options->operator_id,
        "Badge code of who is scanning (or STATION_OPERATOR; or scan a badge first); the PIN "
        "is asked (docs/people.md)");
    command->add_flag("--json", options->json, "One JSON object per scan");
    command->callback([&context, options] {
        std::vector<std::string> scans = collect_scans(options->scans);
        std::string operator_id = operator_or_environment(options->operator_id);
        // Scanning a badge first is how people log in at a bench: take it as who claims to act.
        if (operator_id.empty() && !scans.empty()) {
            auto first = labels::classify(scans.front());
            if (first.front().kind == labels::CodeKind::OperatorBadge && first.front().valid)
                operator_id = scans.front();
        }
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, operator_id);
        if (!person) return;
        operator_id = person->id;
        auto session = start_intake(context, *store, operator_id);
        if (!session) return context.report(session.error());
        session->keep_operator();
        for (const auto& text : scans) {
            Scan scan{"cli", text, "", store->now_ms()};
            auto result = session->scan(scan);
            if (!result) {
                // Stop at the first store failure: later scans may depend on this one.
                context.report(result.error());
                fmt::print(stderr, "station: stopped at {}; scans before it were kept\n",
                           printable_scan(text));
                return;
            }
            if (options->json)
                fmt::print("{}\n", intake_result_to_json(text, *result).dump());
            else
                fmt::print("{}\n", intake_result_line(text, *result));
            if (needs_attention(*result)) context.exit_code = k_exit_needs_attention;
        }
    });
}

}  // namespace rs::cli
