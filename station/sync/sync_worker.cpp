// SyncWorker: scheduling of pulls and pushes, backoff, give-up, and the background service.
#include "station/sync/sync_worker.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/logger.h"
#include "station/store/station_store.h"
#include "station/sync/backoff.h"
#include "station/sync/platform_client.h"
#include "station/sync/sync_engine.h"
#include "station/sync/sync_lock.h"
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
    static constexpr std::chrono::seconds k_restart_pause{2};

public:
    SyncService(std::string store_path, SyncConfig config, store::OpenOptions options)
        : m_worker(std::move(store_path), std::move(config), options) {}
    ~SyncService() override { stop(); }

    const char* name() const override { return "sync"; }
    Status start() override {
        m_thread = std::thread([this] {
            // A following run ends on an error only when the store or its lock failed (a
            // PostgreSQL server that restarted): another starts after a pause, and meanwhile a
            // center's other server may have taken the sync over.
            for (;;) {
                auto ran = m_worker.run(SyncRunOptions{.follow = true});
                if (ran) return;  // stopped
                k_log.error("sync stopped: {}; starting again in {} s", ran.error().message,
                            k_restart_pause.count());
                if (!m_worker.pause_unless_stopped(k_restart_pause)) return;
            }
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

bool SyncWorker::pause_unless_stopped(std::chrono::milliseconds pause) {
    sleep_until(SteadyClock::now() + pause);
    return !stopped();
}

void SyncWorker::sleep_until(SteadyClock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, deadline, [this] { return m_stop; });
}

namespace {

// One run of the worker: when to pull and push next, the backoff of each, what was done. Each
// step fits on a screen; SyncWorker::run strings them together.
class SyncRun {
public:
    SyncRun(StationStore& store, const SyncConfig& config, SyncEngine& engine,
            const SyncRunOptions& options)
        : m_store(store),
          m_config(config),
          m_engine(engine),
          m_options(options),
          m_pull_backoff(config.retry_initial, config.retry_max),
          m_push_backoff(config.retry_initial, config.retry_max) {
        if (auto first = sync_state::get(store.db(), sync_state::k_nudge)) m_nudge = *first;
    }

    // `station sync retry` from another process: try at once instead of waiting.
    void notice_nudge(SteadyClock::time_point now) {
        auto current = sync_state::get(m_store.db(), sync_state::k_nudge);
        if (!current || *current == m_nudge) return;
        m_nudge = *current;
        m_next_pull = m_pull_ready = m_push_ready = now;
        m_pull_backoff.reset();
        m_push_backoff.reset();
    }

    void pull_if_due(SteadyClock::time_point now) {
        if (now < m_next_pull || now < m_pull_ready) return;
        auto pulled = m_engine.pull();
        if (!pulled) return failed(pulled.error(), m_pull_backoff, m_pull_ready);
        m_pulled = !pulled->more_pages;
        m_report.pulled += *pulled;
        for (const auto& line : pulled->flagged)
            k_log.warn("flagged {}", line);
        for (const auto& line : pulled->decisions)
            k_log.info("{}", line);
        m_pull_backoff.reset();
        succeeded(now);
        if (!pulled->more_pages) top_up_waybills();
        if (pulled->more_pages)
            m_next_pull = now;  // the rest right after the pushes that waited
        else
            m_next_pull =
                m_options.follow ? now + m_config.pull_interval : SteadyClock::time_point::max();
    }

    // Returns true when a run that does not follow is done: everything sendable is sent and
    // every page is pulled.
    bool push_if_due(SteadyClock::time_point now) {
        if (now < m_push_ready || !batch_due()) return false;
        PushRun pushed = m_engine.push();
        m_report.batches += pushed.batches;
        m_report.accepted += pushed.tally.accepted;
        m_report.duplicate += pushed.tally.duplicate;
        for (const auto& rejected : pushed.tally.rejected) {
            k_log.warn(
                "the platform rejected {} of {} ({}: {}); it and the later events of its order "
                "wait for `station sync retry`",
                rejected.type, rejected.order_number, rejected.code, rejected.reason);
            m_report.rejected.push_back(rejected);
        }
        if (pushed.batches > 0) {
            m_push_backoff.reset();
            succeeded(now);
        }
        if (pushed.error) {
            failed(*pushed.error, m_push_backoff, m_push_ready);
            return false;
        }
        return !m_options.follow && m_pulled;
    }

    // Not following, a platform out of reach for give_up_after ends the run with the last error.
    std::optional<Error> gave_up(SteadyClock::time_point now) {
        if (m_options.follow || !m_last_error || now - m_last_success < m_options.give_up_after)
            return std::nullopt;
        Error error = *m_last_error;
        error.message += waiting_note(m_store);
        return error;
    }

    SteadyClock::time_point next_wake(SteadyClock::time_point now) const {
        auto wake = std::max(std::min({m_next_pull, m_pull_ready, m_push_ready}), now);
        // Following, look at the outbox often: new events and the nudge arrive from outside.
        milliseconds tick = m_options.follow ? std::clamp(m_config.batch_age / 2, milliseconds(20),
                                                          milliseconds(250))
                                             : milliseconds(250);
        return std::min(wake, now + tick);
    }

    const SyncRunReport& report() const { return m_report; }

private:
    // Following, a batch goes when it is full or its first event has waited long enough; once,
    // everything goes at once (push finds out what is sendable).
    bool batch_due() {
        if (!m_options.follow) return true;
        auto peek = peek_sendable(m_store, m_engine.batch_limit());
        if (!peek) {
            failed(peek.error(), m_push_backoff, m_push_ready);
            return false;
        }
        if (peek->sendable == 0) return false;
        if (peek->sendable >= m_engine.batch_limit()) return true;
        std::int64_t age = m_store.now_ms() - peek->oldest_ms.value_or(m_store.now_ms());
        return age >= m_config.batch_age.count();
    }

    // A pool that could not be filled is worth a warning, not a retry of the pull: shipping
    // goes on from what is left, and `station sync status` shows the pool running low.
    void top_up_waybills() {
        auto topped = m_engine.top_up_waybills();
        if (!topped) return k_log.warn("waybill numbers: {}", topped.error().message);
        for (const auto& top_up : *topped)
            k_log.info("{} {} waybill numbers added to the pool", top_up.added, top_up.carrier);
    }

    void succeeded(SteadyClock::time_point now) {
        m_last_success = now;
        m_last_logged.clear();
    }

    // One failure: wait longer before the next try of the same step, and tell people once.
    void failed(const Error& error, Backoff& backoff, SteadyClock::time_point& ready) {
        milliseconds delay = backoff.next_delay(m_engine.retry_after());
        ready = SteadyClock::now() + delay;
        ++m_report.failures;
        if (auto noted = m_engine.record_failure(error, backoff.failures(), delay); !noted)
            k_log.warn("cannot record the sync failure: {}", noted.error().message);
        if (error.message != m_last_logged)
            k_log.warn("{} (trying again in {} ms)", error.message, delay.count());
        else
            k_log.debug("{} (failure {} in a row, next try in {} ms)", error.message,
                        backoff.failures(), delay.count());
        m_last_logged = error.message;
        m_last_error = error;
    }

    StationStore& m_store;
    const SyncConfig& m_config;
    SyncEngine& m_engine;
    const SyncRunOptions& m_options;
    Backoff m_pull_backoff;
    Backoff m_push_backoff;
    SyncRunReport m_report;
    SteadyClock::time_point m_next_pull = SteadyClock::now();
    SteadyClock::time_point m_pull_ready = m_next_pull;
    SteadyClock::time_point m_push_ready = m_next_pull;
    SteadyClock::time_point m_last_success = m_next_pull;
    bool m_pulled = false;
    std::optional<Error> m_last_error;
    std::string m_last_logged;
    std::optional<std::string> m_nudge;
};

}  // namespace

Result<SyncRunReport> SyncWorker::run(const SyncRunOptions& options) {
    // Also asked from the client's watchdog thread, so an exchange in flight is cut short.
    auto asked_to_stop = [this, &options] {
        return stopped() || (options.stop_requested && options.stop_requested());
    };
    auto opened = StationStore::open(m_store_path, SystemClock::instance(), m_open_options);
    if (!opened) return std::unexpected(opened.error());
    StationStore& store = **opened;
    auto lock = SyncLock::take(m_store_path);
    // Following (`station run`), wait for a one-off `station sync run` to finish; once, refuse.
    for (bool told = false; !lock && options.follow && lock.error().code == ErrorCode::Busy;
         told = true) {
        if (!told) k_log.warn("{}; waiting for it to end", lock.error().message);
        sleep_until(SteadyClock::now() + milliseconds(500));
        if (asked_to_stop()) return SyncRunReport{};
        lock = SyncLock::take(m_store_path);
    }
    if (!lock) return std::unexpected(lock.error());
    auto client = PlatformClient::create(m_config, asked_to_stop);
    if (!client) return std::unexpected(client.error());
    SyncEngine engine(store, m_config, **client);
    SyncRun run(store, m_config, engine, options);
    while (!asked_to_stop()) {
        // A center's servers: when the session holding the lock broke (PostgreSQL restarted),
        // another server may be syncing now; this run ends and the next one asks again.
        if (!lock->still_held())
            return fail(ErrorCode::Busy, "the sync lock was lost (the store's server restarted)",
                        "sync");
        auto now = SteadyClock::now();
        if (options.follow) run.notice_nudge(now);
        run.pull_if_due(now);
        if (run.push_if_due(now)) break;
        now = SteadyClock::now();
        if (auto error = run.gave_up(now)) return std::unexpected(*error);
        sleep_until(run.next_wake(now));
    }
    return run.report();
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
