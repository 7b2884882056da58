// `station run`: the long-running station process of a bench, printing what happens live.
#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "station/app/station_host.h"
#include "station/cli/cli_context.h"
#include "station/cli/stop_signal.h"
#include "station/cli/terminal_listener.h"
#include "station/web/web_service.h"

namespace rs::cli {
namespace {

struct RunOptions {
    std::string operator_id;
    bool until_idle = false;
    bool demo = false;
    std::optional<int> port;
};

void run_station(CliContext& context, const RunOptions& options) {
    std::shared_ptr<void> demo;  // the demo's platform and printer, alive while the station runs
    if (options.demo) {
        auto prepared = context.prepare_run_demo
                            ? context.prepare_run_demo(context)
                            : Result<std::shared_ptr<void>>(std::unexpected(
                                  Error{ErrorCode::Internal, "no demo in this program", "run"}));
        if (!prepared) return context.report(prepared.error());
        demo = std::move(*prepared);
    }
    const station::StationConfig* config = context.config();
    if (!config) return;
    station::HostOptions host_options;
    host_options.store_path = context.store_path();
    host_options.until_idle = options.until_idle;
    auto store = context.open_store();
    if (!store) return;
    // Who scans at this bench is proven once, at start (badge + PIN, or a token); without one
    // the bench waits for someone to sign in on the web UI ([scanners] operator aside: the
    // configuration's bench operator, set by whoever set up the station).
    if (!operator_or_environment(options.operator_id).empty() || has_station_token()) {
        auto person = context.acting_person(*store, options.operator_id);
        if (!person) return;
        host_options.operator_id = person->id;
    }
    catch_stop_signals();
    TerminalListener listener(context);
    // The web UI hears what the host does; people there sign in with badge + PIN, so a badge
    // scanned alone no longer signs anyone in.
    // --until-idle is for scripts and tests: they get no web UI (nor its port).
    auto web = options.until_idle ? Result<std::unique_ptr<station::WebService>>()
                                  : station::WebService::make(*config, host_options.store_path,
                                                              options.port, options.demo);
    if (!web) return context.report(web.error());
    // A badge scanned alone is only a claim: it signs nobody in, with or without the web UI.
    host_options.badges_need_pin = true;
    station::TeeListener both(listener, web->get());
    auto host = station::StationHost::start(*config, *store, host_options, both);
    if (!host) return context.report(host.error());
    if (*web) {
        if (auto started = (*web)->start_for(**host); !started)
            return context.report(started.error());
        fmt::print("station run: web UI at {}\n", (*web)->url());
    }
    fmt::print("station run: {} scanner(s) started; Ctrl+C stops\n", (*host)->scanner_count());
    std::fflush(stdout);
    if (auto ran = (*host)->run([] { return stop_requested(); }); !ran) context.report(ran.error());
    if (*web) (*web)->stop();
    fmt::print("station run: stopped\n");
}

}  // namespace

void add_run_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<RunOptions>();
    auto* command = app.add_subcommand(
        "run",
        "Run the station: host the scanners of the configuration ([scanners]) and known USB "
        "scanners as they are plugged in, send every scan where its scanner's role says "
        "(intake or lookup) and print it live; print queued labels ([[printers.device]]) and "
        "sync with the platform ([platform]) in the background; stops on Ctrl+C or SIGTERM");
    command->add_option("--operator", options->operator_id,
                        "Badge of who is scanning (or STATION_OPERATOR, or [scanners] operator); "
                        "the PIN is asked at start");
    command->add_flag("--until-idle", options->until_idle,
                      "Stop once every scanner has finished and the printers have sent what they "
                      "can: simulated scanners end their script; real scanners never finish, so "
                      "this is for scripts and tests (USB scanners are not taken automatically "
                      "then)");
    command->add_flag("--demo", options->demo,
                      "Run a demo station on a fresh temporary store (or on the empty store "
                      "--db names, e.g. a PostgreSQL database): three people with PINs, "
                      "the reference platform and a printer emulator in this process, a simulated "
                      "scanner that scans each line typed here; open the web UI address it prints");
    command->add_option("--port", options->port,
                        "Serve the web UI on this port instead of [web] port (0: any free port)");
    command->callback([&context, options] { run_station(context, *options); });
}

}  // namespace rs::cli
