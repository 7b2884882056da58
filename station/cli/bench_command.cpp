// `station bench`: the agent of one bench PC of a center: hosts its scanners, keeps every scan in
// a local journal and delivers it to the station server ([bench]), printing what happens live.
#include <fmt/format.h>

#include "station/bench/bench_agent.h"
#include "station/cli/cli_context.h"
#include "station/cli/stop_signal.h"

namespace rs::cli {
namespace {

void run_bench(CliContext& context) {
    const station::StationConfig* config = context.config();
    if (!config) return;
    auto bench = station::parse_bench_config(*config);
    if (!bench) return context.report(bench.error());
    catch_stop_signals();
    // One line per thing that happens, flushed at once: the bench's screen and its log.
    auto line = [](const std::string& text) {
        fmt::print("{}\n", text);
        std::fflush(stdout);
    };
    auto agent = station::BenchAgent::start(*config, *bench, line);
    if (!agent) return context.report(agent.error());
    line(fmt::format("station bench {}: {} scanner(s) started, delivering to {}; Ctrl+C stops",
                     bench->name, (*agent)->scanner_count(), bench->server));
    if (auto ran = (*agent)->run([] { return stop_requested(); }); !ran)
        context.report(ran.error());
}

}  // namespace

void add_bench_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "bench",
        "Run the agent of a bench PC in a center: host the scanners of the configuration "
        "([scanners]), keep each scan in the local journal ([bench] journal) and deliver it to "
        "the station server ([bench] server, token_file, ca_file) in the order read, each once; "
        "while the server is unreachable, scans wait in the journal and the count is printed; "
        "stops on Ctrl+C or SIGTERM, leaving what is not delivered for the next start");
    command->callback([&context] { run_bench(context); });
}

}  // namespace rs::cli
