// `station arrivals list`: parcels that matched nothing, waiting for a person.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/intake_output.h"
#include "station/orders/arrivals.h"

namespace rs::cli {

void add_arrivals_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("arrivals", "Parcels that matched no RMA expected here");
    command->require_subcommand(1);
    auto all = std::make_shared<bool>(false);
    auto* list = command->add_subcommand("list", "List open arrivals, latest first");
    list->add_flag("--all", *all, "Include resolved ones");
    list->callback([&context, all] {
        auto store = context.open_store();
        if (!store) return;
        auto arrivals = station::list_arrivals(*store, *all);
        if (!arrivals) return context.report(arrivals.error());
        if (arrivals->empty()) fmt::print("no open arrivals\n");
        for (const auto& arrival : *arrivals)
            fmt::print("{:<24} seen {}x, last {} by {}\n  is: {}\n  why: {}\n",
                       printable_scan(arrival.scan_text), arrival.times_seen,
                       format_utc_ms(arrival.last_seen_ms), arrival.operator_id, arrival.kinds,
                       arrival.reason);
    });
}

}  // namespace rs::cli
