// `station run`: the long-running station process hosting the configured scanners.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <variant>

#include "cli_context.h"
#include "intake_output.h"
#include "station/scanner_config.h"
#include "station/sync/sync_worker.h"

namespace rs::cli {
namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void on_stop_signal(int) {
    g_stop_requested = true;
}

// What driver threads hand to the main thread: intake (and its store) stays single-threaded.
struct ScanEvent {
    Scan scan;
};
struct ErrorEvent {
    std::string source;
    Error error;
};
struct StateEvent {
    std::string source;
    devices::ScannerState state;
};
using Event = std::variant<ScanEvent, ErrorEvent, StateEvent>;

class EventQueue {
public:
    void push(Event event) {
        {
            std::lock_guard lock(m_mutex);
            m_events.push_back(std::move(event));
        }
        m_changed.notify_one();
    }
    // Waits briefly so that signals are noticed even when no scanner says anything.
    std::optional<Event> pop(std::chrono::milliseconds wait) {
        std::unique_lock lock(m_mutex);
        if (!m_changed.wait_for(lock, wait, [this] { return !m_events.empty(); }))
            return std::nullopt;
        Event event = std::move(m_events.front());
        m_events.pop_front();
        return event;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Event> m_events;
};

}  // namespace

void add_run_command(CLI::App& app, CliContext& context) {
    struct Options {
        std::string operator_id;
        bool until_idle = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "run",
        "Run the station: host the scanners of the configuration ([scanners]), turn every scan "
        "into an intake and print it live; stops on Ctrl+C or SIGTERM");
    command->add_option("--operator", options->operator_id,
                        "Badge of who is scanning (or STATION_OPERATOR, or [scanners] operator, "
                        "or scan a badge first)");
    command->add_flag("--until-idle", options->until_idle,
                      "Stop once every scanner has finished (simulated scanners end their script)");
    command->callback([&context, options] {
        const station::StationConfig* config = context.config();
        if (!config) return;
        auto scanners = station::parse_scanners_config(*config);
        if (!scanners) return context.report(scanners.error());
        if (scanners->scanners.empty())
            return context.report({ErrorCode::Invalid,
                                   "no scanner configured: add a [[scanners.device]] entry to the "
                                   "configuration (see docs/configuration.md)",
                                   "run"});
        std::string operator_id = options->operator_id;
        if (operator_id.empty())
            if (const char* from_env = std::getenv("STATION_OPERATOR")) operator_id = from_env;
        if (operator_id.empty()) operator_id = scanners->operator_id;

        auto store = context.open_store();
        if (!store) return;
        // With a [platform] section, the outbox drains and RMAs arrive in the background.
        auto sync = station::make_sync_service(*config, context.store_path());
        if (!sync) return context.report(sync.error());
        if (*sync) (void)(*sync)->start();
        std::optional<station::IntakeSession> session;
        if (!operator_id.empty()) {
            auto started = station::IntakeSession::start(*store, operator_id);
            if (!started) return context.report(started.error());
            session.emplace(std::move(*started));
        }

        g_stop_requested = false;
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);

        EventQueue queue;
        std::size_t opened = 0;
        for (auto& scanner : scanners->scanners) {
            std::string source = scanner->source();
            devices::ScannerCallbacks callbacks{
                [&queue](const Scan& scan) { queue.push(ScanEvent{scan}); },
                [&queue, source](const Error& error) {
                    queue.push(ErrorEvent{source, error});
                },
                [&queue, source](devices::ScannerState state) {
                    queue.push(StateEvent{source, state});
                }};
            if (auto status = scanner->open(std::move(callbacks)); !status) {
                context.report(status.error());
                continue;
            }
            ++opened;
        }
        fmt::print("station run: {} scanner(s) started; Ctrl+C stops\n", opened);
        std::fflush(stdout);

        auto all_finished = [&] {
            for (const auto& scanner : scanners->scanners)
                if (scanner->state() != devices::ScannerState::Finished) return false;
            return true;
        };
        bool failed = false;
        while (!g_stop_requested && !failed) {
            auto event = queue.pop(std::chrono::milliseconds(100));
            if (!event) {
                if (options->until_idle && all_finished()) break;
                continue;
            }
            if (auto* state = std::get_if<StateEvent>(&*event)) {
                // Unplugging is reported and survived: the driver reopens when it is back.
                fmt::print("{}: {}\n", state->source, devices::scanner_state_name(state->state));
            } else if (auto* error = std::get_if<ErrorEvent>(&*event)) {
                fmt::print("{}: {}\n", error->source, error->error.describe());
            } else if (auto* scan_event = std::get_if<ScanEvent>(&*event)) {
                const Scan& scan = scan_event->scan;
                if (!session) {
                    // No operator yet: the first badge scanned logs in, as at the bench.
                    auto readings = labels::classify(scan);
                    if (readings.front().kind == labels::CodeKind::OperatorBadge &&
                        readings.front().valid) {
                        auto started = station::IntakeSession::start(*store, scan.text);
                        if (!started) {
                            fmt::print("{}: {}\n", scan.source, started.error().describe());
                            continue;
                        }
                        session.emplace(std::move(*started));
                    } else {
                        fmt::print("{}: {}: scan a badge first to say who is scanning\n",
                                   scan.source, printable_scan(scan.text));
                        context.exit_code = k_exit_needs_attention;
                        continue;
                    }
                }
                auto result = session->scan(scan);
                if (!result) {
                    context.report(result.error());
                    failed = true;
                    break;
                }
                fmt::print("{}: {}\n", scan.source, intake_result_line(scan.text, *result));
                if (needs_attention(*result)) context.exit_code = k_exit_needs_attention;
            }
            std::fflush(stdout);
        }
        for (auto it = scanners->scanners.rbegin(); it != scanners->scanners.rend(); ++it)
            (*it)->close();
        // Drain what arrived before the drivers stopped: an accepted scan is never lost.
        while (!failed) {
            auto event = queue.pop(std::chrono::milliseconds(0));
            if (!event) break;
            if (auto* scan_event = std::get_if<ScanEvent>(&*event); scan_event && session) {
                auto result = session->scan(scan_event->scan);
                if (!result) {
                    context.report(result.error());
                    break;
                }
                fmt::print("{}: {}\n", scan_event->scan.source,
                           intake_result_line(scan_event->scan.text, *result));
            }
        }
        if (*sync) (*sync)->stop();
        fmt::print("station run: stopped\n");
    });
}

}  // namespace rs::cli
