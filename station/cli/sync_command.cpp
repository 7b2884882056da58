// `station sync status|run|retry`: how far behind the platform the station is, and catching up.
#include <fmt/format.h>

#include <chrono>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/stop_signal.h"
#include "station/sync/outbox.h"
#include "station/sync/sync_config.h"
#include "station/sync/sync_state.h"
#include "station/sync/sync_status.h"
#include "station/sync/sync_worker.h"

namespace rs::cli {
namespace {

namespace state = station::sync_state;
using nlohmann::json;

// "12 s", "3 min", "2 h 5 min", "4 d 3 h"
std::string duration_text(std::int64_t ms) {
    if (ms < 0) ms = 0;
    std::int64_t s = ms / 1000;
    if (s < 60) return fmt::format("{} s", s);
    if (s < 3600) return fmt::format("{} min", s / 60);
    if (s < 86400) return fmt::format("{} h {} min", s / 3600, s % 3600 / 60);
    return fmt::format("{} d {} h", s / 86400, s % 86400 / 3600);
}

std::string when_text(std::int64_t ms, std::int64_t now) {
    if (ms <= 0) return "never";
    return fmt::format("{} ({} ago)", format_utc_ms(ms), duration_text(now - ms));
}

// One word for the whole picture, and why.
std::pair<std::string, std::string> verdict(const station::SyncStatus& status, bool configured,
                                            std::int64_t now) {
    std::int64_t sendable = status.pending - status.held;
    std::int64_t failures = status.state_int(state::k_failures);
    if (!configured)
        return {"not configured",
                "no [platform] url and token in the configuration: events only accumulate (see "
                "docs/configuration.md)"};
    if (failures > 0)
        return {"behind", fmt::format("the last {} tries failed: {}", failures,
                                      status.state_text(state::k_error))};
    if (sendable > 0)
        return {"sending",
                fmt::format("{} events wait, the oldest for {}", sendable,
                            duration_text(now - status.oldest_pending_ms.value_or(now)))};
    if (status.rejected_total > 0)
        return {"needs a person",
                fmt::format("{} events rejected by the platform wait for `station sync retry`",
                            status.rejected_total)};
    if (status.state_int(state::k_pull_ok_ms) == 0) return {"never synced", "no pull yet"};
    return {"up to date", "nothing waits to be sent"};
}

json status_json(const station::SyncStatus& status, const station::SyncConfig& config,
                 std::int64_t now) {
    auto [word, why] = verdict(status, config.enabled(), now);
    json out = {{"state", word},
                {"why", why},
                {"url", config.url},
                {"station_id", config.station_id},
                {"outbox", {{"pending", status.pending}, {"held", status.held}}},
                {"rejected_total", status.rejected_total},
                {"sync_state", status.state}};
    if (status.oldest_pending_ms)
        out["outbox"]["oldest"] = format_utc_ms(*status.oldest_pending_ms);
    out["waybills"] = json::array();
    for (const auto& level : status.waybills)
        out["waybills"].push_back({{"carrier", level.carrier},
                                   {"free", level.free},
                                   {"used", level.used},
                                   {"low", level.free < status.waybill_low || level.free == 0}});
    out["rejected"] = json::array();
    for (const auto& r : status.rejected)
        out["rejected"].push_back({{"event_id", r.event_id},
                                   {"type", r.type},
                                   {"repair_order", r.order_number},
                                   {"code", r.code},
                                   {"reason", r.reason},
                                   {"rejected", format_utc_ms(r.rejected_ms)}});
    out["flags"] = json::array();
    for (const auto& f : status.flags)
        out["flags"].push_back({{"repair_order", f.order_number},
                                {"kind", f.kind},
                                {"detail", f.detail},
                                {"raised", format_utc_ms(f.raised_ms)}});
    out["refused_rmas"] = json::array();
    for (const auto& r : status.refused_rmas)
        out["refused_rmas"].push_back({{"rma_id", r.rma_id},
                                       {"number", r.number},
                                       {"reason", r.reason},
                                       {"seen", format_utc_ms(r.seen_ms)}});
    return out;
}

void print_status(const station::SyncStatus& status, const station::SyncConfig& config,
                  std::int64_t now) {
    auto [word, why] = verdict(status, config.enabled(), now);
    fmt::print("sync {}: {}\n", word, why);
    if (config.enabled())
        fmt::print("  platform      {} as station {}\n", config.url, config.station_id);
    std::string outbox = fmt::format("{} events to send", status.pending - status.held);
    if (status.oldest_pending_ms)
        outbox +=
            fmt::format("; the oldest waits since {}", when_text(*status.oldest_pending_ms, now));
    fmt::print("  outbox        {}\n", outbox);
    if (status.rejected_total > 0) {
        fmt::print(
            "  rejected      {} events refused by the platform, {} more held behind them "
            "(same repair orders):\n",
            status.rejected_total, status.held - status.rejected_total);
        for (const auto& r : status.rejected)
            fmt::print("                {} {} {}: {} ({})\n", r.order_number, r.type, r.code,
                       r.reason, format_utc_ms(r.rejected_ms));
        fmt::print("                once the cause is fixed: station sync retry [ORDER|EVENT]\n");
    }
    fmt::print("  last push     {}", when_text(status.state_int(state::k_push_ok_ms), now));
    if (auto summary = status.state_text(state::k_push_summary); !summary.empty())
        fmt::print(": {}", summary);
    fmt::print("; {} events delivered in all\n", status.state_int(state::k_pushed_total));
    fmt::print("  last pull     {}", when_text(status.state_int(state::k_pull_ok_ms), now));
    if (auto summary = status.state_text(state::k_pull_summary); !summary.empty())
        fmt::print(": {}", summary);
    fmt::print("\n");
    if (std::int64_t failures = status.state_int(state::k_failures); failures > 0) {
        fmt::print("  failing       {} tries in a row, last at {}: {}\n", failures,
                   format_utc_ms(status.state_int(state::k_error_ms)),
                   status.state_text(state::k_error));
        fmt::print("                next try at {}\n",
                   format_utc_ms(status.state_int(state::k_next_attempt_ms)));
    } else if (auto error = status.state_text(state::k_error); !error.empty()) {
        fmt::print("  last problem  {} (since solved): {}\n",
                   format_utc_ms(status.state_int(state::k_error_ms)), error);
    }
    for (const auto& level : status.waybills)
        fmt::print(
            "  waybills      {}: {} free, {} used{}\n", level.carrier, level.free, level.used,
            level.free == 0 ? ": EMPTY, shipping with this carrier is refused until the "
                              "pool is refilled (station waybills refill)"
            : level.free < status.waybill_low
                ? fmt::format(": LOW (under {}), refilled by the next sync", status.waybill_low)
                : "");
    for (const auto& f : status.flags)
        fmt::print("  flagged       {}: {}\n", f.order_number, f.detail);
    for (const auto& r : status.refused_rmas)
        fmt::print("  refused RMA   {} {}: {}\n", r.rma_id, r.number, r.reason);
}

void run_status(CliContext& context, bool as_json) {
    const station::StationConfig* config = context.config();
    if (!config) return;
    auto sync = station::parse_sync_config(*config, context.store_path());
    if (!sync) return context.report(sync.error());
    auto store = context.open_store();
    if (!store) return;
    auto status = station::read_sync_status(*store);
    if (!status) return context.report(status.error());
    std::int64_t now = store->now_ms();
    if (as_json)
        fmt::print("{}\n", status_json(*status, *sync, now).dump(2));
    else
        print_status(*status, *sync, now);
}

void run_sync(CliContext& context, bool follow, double give_up_s) {
    const station::StationConfig* config = context.config();
    if (!config) return;
    auto sync = station::parse_sync_config(*config, context.store_path());
    if (!sync) return context.report(sync.error());
    if (!sync->enabled())
        return context.report({ErrorCode::Invalid,
                               "sync is not configured: add a [platform] section with url and "
                               "token (see docs/configuration.md)",
                               "sync"});
    // Creates or migrates the store first, with the usual messages.
    if (!context.open_store()) return;
    store::OpenOptions open_options;
    open_options.synchronous_full = config->durable_commits;
    station::SyncWorker worker(context.store_path(), *sync, open_options);

    catch_stop_signals();
    if (follow) {
        fmt::print("station sync: following {}; Ctrl+C stops\n", sync->url);
        std::fflush(stdout);
    }
    station::SyncRunOptions options;
    options.follow = follow;
    options.give_up_after = std::chrono::milliseconds(static_cast<std::int64_t>(give_up_s * 1000));
    options.stop_requested = [] { return stop_requested(); };
    auto report = worker.run(options);
    if (!report) return context.report(report.error());
    fmt::print("pulled  {}\n", report->pulled.summary());
    for (const auto& line : report->pulled.flagged)
        fmt::print("  flagged {}\n", line);
    for (const auto& line : report->pulled.decisions)
        fmt::print("  {}\n", line);
    for (const auto& line : report->pulled.ratings_refused)
        fmt::print("  rating refused {}\n", line);
    fmt::print("pushed  {} batches: {} accepted, {} duplicate, {} rejected\n", report->batches,
               report->accepted, report->duplicate, report->rejected.size());
    for (const auto& rejected : report->rejected)
        fmt::print("  rejected {} {} {}: {}\n", rejected.order_number, rejected.type, rejected.code,
                   rejected.reason);

    auto store = context.open_store();
    if (!store) return;
    auto status = station::read_sync_status(*store);
    if (!status) return context.report(status.error());
    if (status->rejected_total > 0) {
        fmt::print(
            "{} events rejected by the platform wait for a person: see `station sync "
            "status`\n",
            status->rejected_total);
        context.exit_code = k_exit_needs_attention;
    }
}

void run_retry(CliContext& context, const std::string& which) {
    auto store = context.open_store();
    if (!store) return;
    auto released = station::release_rejections(*store, which);
    if (!released) return context.report(released.error());
    if (*released == 0 && !which.empty())
        return context.report(
            {ErrorCode::NotFound,
             fmt::format("no rejected event matches {}: give an event id or a repair order "
                         "number from `station sync status`",
                         which),
             "sync"});
    fmt::print(
        "{} rejected events will be sent again by the next sync (`station sync run`, or "
        "at once by a running `station run`)\n",
        *released);
}

}  // namespace

void add_sync_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "sync",
        "Sync with the platform ([platform] in the configuration): status, run, retry rejected "
        "events");
    command->require_subcommand(1);

    auto as_json = std::make_shared<bool>(false);
    auto* status = command->add_subcommand(
        "status",
        "How far behind the platform this station is and why: events waiting, rejected events, "
        "last push and pull, the last failure, orders the platform flagged");
    status->add_flag("--json", *as_json, "As JSON");
    status->callback([&context, as_json] { run_status(context, *as_json); });

    struct RunOptions {
        bool follow = false;
        double give_up_s = 30;
    };
    auto options = std::make_shared<RunOptions>();
    auto* run = command->add_subcommand(
        "run",
        "Pull new RMAs (with cancellations and customers' quote decisions) and send every "
        "waiting event, retrying failures with backoff; exit 3 if the platform rejected events");
    run->add_flag("--follow", options->follow,
                  "Keep syncing (as `station run` does in the background) until Ctrl+C or "
                  "SIGTERM");
    run->add_option("--give-up-after", options->give_up_s,
                    "Without --follow: stop trying after this many seconds without success "
                    "(0: at the first failure); nothing is lost, the next run goes on")
        ->check(CLI::Range(0.0, 86400.0));
    run->callback([&context, options] { run_sync(context, options->follow, options->give_up_s); });

    auto which = std::make_shared<std::string>();
    auto* retry = command->add_subcommand(
        "retry",
        "Send rejected events again (after the cause was fixed on the platform or here): all of "
        "them, or those of one repair order or one event");
    retry->add_option("WHICH", *which, "A repair order number or an event id (default: all)");
    retry->callback([&context, which] { run_retry(context, *which); });
}

}  // namespace rs::cli
