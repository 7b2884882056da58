// SyncWorker: scheduling of pulls and pushes, backoff, give-up, and the background service.
#include "station/sync/sync_worker.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/logger.h"
#include "station/store/station_store.h"
#include "station/sync/backoff.h"
#include "station/sync/platform_client.h"
#include "station/sync/sync_engine.h"
#include "station/sync/sync_state.h"

namespace rs::station {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

const Logger k_log("sync");

// Counts what still waits, for the message of a run that gave up.
std::string waiting_note(StationStore& store) {
    auto count = store.db().query_one<std::int64_t>("SELECT count(*) FROM outbox");
    if (!count || !*count) return "";
    std::int64_t waiting = **count;
    return waiting == 0 ? ""
                        : fmt::format("; {} events wait in the outbox, nothing was lost", waiting);
}

class SyncService final : public Service {
public:
    SyncService(std::string store_path, SyncConfig config, store::OpenOptions options)
        : m_worker(std::move(store_path), std::move(config), options) {}
    ~SyncService() override { stop(); }

    const char* name() const override { return "sync"; }
    Status start() override {
        m_thread = std::thread([this] {
            auto ran = m_worker.run(SyncRunOptions{.follow = true});
            if (!ran) k_log.error("sync stopped: {}", ran.error().message);
        });
        return {};
    }
    void stop() override {
        m_worker.stop();
        if (m_thread.joinable()) m_thread.join();
    }

private:
    SyncWorker m_worker;
    std::thread m_thread;
};

}  // namespace

bool SyncWorker::stopped() {
    std::lock_guard lock(m_mutex);
    return m_stop;
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
}

void SyncWorker::sleep_until(SteadyClock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, deadline, [this] { return m_stop; });
}

Result<SyncRunReport> SyncWorker::run(const SyncRunOptions& options) {
    auto opened = StationStore::open(m_store_path, SystemClock::instance(), m_open_options);
    if (!opened) return std::unexpected(opened.error());
    StationStore& store = **opened;
    auto client = PlatformClient::create(m_config);
    if (!client) return std::unexpected(client.error());
    SyncEngine engine(store, m_config, **client);
    Backoff pull_backoff(m_config.retry_initial, m_config.retry_max);
    Backoff push_backoff(m_config.retry_initial, m_config.retry_max);

    SyncRunReport report;
    auto now = SteadyClock::now();
    SteadyClock::time_point next_pull = now, pull_ready = now, push_ready = now;
    SteadyClock::time_point last_success = now;
    bool pulled = false;
    std::optional<Error> last_error;
    std::string last_logged;
    std::optional<std::string> nudge;
    if (auto first = sync_state::get(store.db(), sync_state::k_nudge)) nudge = *first;

    // One failure: wait longer before the next try of the same step, and tell people once.
    auto failed = [&](const Error& error, Backoff& backoff, SteadyClock::time_point& ready) {
        milliseconds delay = backoff.next_delay(engine.retry_after());
        ready = SteadyClock::now() + delay;
        ++report.failures;
        if (auto noted = engine.record_failure(error, backoff.failures(), delay); !noted)
            k_log.warn("cannot record the sync failure: {}", noted.error().message);
        if (error.message != last_logged)
            k_log.warn("{} (trying again in {} ms)", error.message, delay.count());
        else
            k_log.debug("{} (failure {} in a row, next try in {} ms)", error.message,
                        backoff.failures(), delay.count());
        last_logged = error.message;
        last_error = error;
    };

    while (!stopped()) {
        now = SteadyClock::now();
        if (options.follow) {
            // `station sync retry` from another process: try at once instead of waiting.
            auto current = sync_state::get(store.db(), sync_state::k_nudge);
            if (current && *current != nudge) {
                nudge = *current;
                next_pull = pull_ready = push_ready = now;
                pull_backoff.reset();
                push_backoff.reset();
            }
        }
        if (now >= next_pull && now >= pull_ready) {
            auto pulled_now = engine.pull();
            if (pulled_now) {
                pulled = true;
                report.pulled += *pulled_now;
                for (const auto& line : pulled_now->flagged)
                    k_log.warn("flagged {}", line);
                for (const auto& line : pulled_now->decisions)
                    k_log.info("{}", line);
                pull_backoff.reset();
                last_success = now;
                last_logged.clear();
                next_pull =
                    options.follow ? now + m_config.pull_interval : SteadyClock::time_point::max();
            } else {
                failed(pulled_now.error(), pull_backoff, pull_ready);
            }
        }
        if (now >= push_ready) {
            // Following, a batch goes when it is full or its first event has waited long
            // enough; once, everything goes at once (push finds out what is sendable).
            bool due = true;
            if (options.follow) {
                auto peek = peek_sendable(store, engine.batch_limit());
                if (!peek) failed(peek.error(), push_backoff, push_ready);
                due = peek && peek->sendable > 0;
                if (due && peek->sendable < engine.batch_limit()) {
                    std::int64_t age = store.now_ms() - peek->oldest_ms.value_or(store.now_ms());
                    due = age >= m_config.batch_age.count();
                }
            }
            if (due) {
                PushRun pushed = engine.push();
                report.batches += pushed.batches;
                report.accepted += pushed.tally.accepted;
                report.duplicate += pushed.tally.duplicate;
                for (const auto& rejected : pushed.tally.rejected) {
                    k_log.warn(
                        "the platform rejected {} of {} ({}: {}); it and the later events "
                        "of its order wait for `station sync retry`",
                        rejected.type, rejected.order_number, rejected.code, rejected.reason);
                    report.rejected.push_back(rejected);
                }
                if (pushed.batches > 0) {
                    push_backoff.reset();
                    last_success = now;
                    last_logged.clear();
                }
                if (pushed.error) {
                    failed(*pushed.error, push_backoff, push_ready);
                } else if (!options.follow && pulled) {
                    break;  // everything sendable is sent and every page is pulled
                }
            }
        }
        now = SteadyClock::now();
        if (!options.follow && last_error && now - last_success >= options.give_up_after) {
            Error error = *last_error;
            error.message += waiting_note(store);
            return std::unexpected(error);
        }
        auto wake = std::min({next_pull, pull_ready, push_ready});
        wake = std::max(wake, now);
        // Following, look at the outbox often: new events and the nudge arrive from outside.
        milliseconds tick =
            options.follow ? std::clamp(m_config.batch_age / 2, milliseconds(20), milliseconds(250))
                           : milliseconds(250);
        sleep_until(std::min(wake, now + tick));
    }
    return report;
}

Result<std::unique_ptr<Service>> make_sync_service(const StationConfig& config,
                                                   const std::string& store_path,
                                                   store::OpenOptions open_options) {
    auto sync = parse_sync_config(config, store_path);
    if (!sync) return std::unexpected(sync.error());
    if (!sync->enabled()) return std::unique_ptr<Service>{};
    // Checked now, so a bad CA file or URL stops `station run` at start with a clear message.
    if (auto client = PlatformClient::create(*sync); !client)
        return std::unexpected(client.error());
    return std::unique_ptr<Service>(
        std::make_unique<SyncService>(store_path, std::move(*sync), open_options));
}

}  // namespace rs::station
