// `station server`: a repair center's server: the store (PostgreSQL, or a SQLite file for a
// small center), the web UI and API every bench uses, printing to network printers and the
// platform sync, with no scanner of its own (bench agents bring theirs).
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "station/app/station_host.h"
#include "station/cli/cli_context.h"
#include "station/cli/stop_signal.h"
#include "station/cli/terminal_listener.h"
#include "station/web/web_service.h"

namespace rs::cli {
namespace {

struct ServerOptions {
    std::optional<int> port;
};

void run_server(CliContext& context, const ServerOptions& options) {
    const station::StationConfig* config = context.config();
    if (!config) return;
    // Opening migrates: the first server of a new center makes the schema.
    auto store = context.open_store(CliContext::IfMissing::Create);
    if (!store) return;
    std::string location = context.store_path();
    auto web = station::WebService::make(*config, location, options.port, false);
    if (!web) return context.report(web.error());
    if (!*web)
        return context.report({ErrorCode::Invalid,
                               "[web] enabled = false: a center's server is its web UI and API; "
                               "remove that line",
                               "server"});
    catch_stop_signals();
    TerminalListener listener(context);
    station::TeeListener both(listener, web->get());
    station::HostOptions host_options;
    host_options.store_path = location;
    host_options.badges_need_pin = true;
    host_options.host_scanners = false;
    auto host = station::StationHost::start(*config, *store, host_options, both);
    if (!host) return context.report(host.error());
    if (auto started = (*web)->start_for(**host); !started) return context.report(started.error());
    fmt::print("station server: web UI and API at {}; store {}\n", (*web)->url(), location);
    std::fflush(stdout);
    if (auto ran = (*host)->run([] { return stop_requested(); }); !ran) context.report(ran.error());
    (*web)->stop();
    fmt::print("station server: stopped\n");
}

}  // namespace

void add_server_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<ServerOptions>();
    auto* command = app.add_subcommand(
        "server",
        "Run a repair center's server: the store ([store] url = \"postgresql://...\", or a "
        "SQLite [store] path for a small center), the web UI and API every bench signs in to, "
        "printing on network printers ([[printers.device]]) and the platform sync ([platform]; "
        "with two servers on one database, one syncs and the other takes over if it stops). It "
        "hosts no scanner: `station bench` on each bench PC brings the scans of that bench. "
        "Stops on Ctrl+C or SIGTERM; see docs/deployment.md");
    command->add_option("--port", options->port,
                        "Serve the web UI and API on this port instead of [web] port (0: any "
                        "free port)");
    command->callback([&context, options] { run_server(context, *options); });
}

}  // namespace rs::cli
