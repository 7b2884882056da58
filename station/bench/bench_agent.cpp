// BenchAgent: the capture thread journals, the delivery thread sends; the journal is the only
// thing they share, so a kill at any moment leaves each scan either kept or never accepted.
#include "station/bench/bench_agent.h"

#include <fmt/format.h>

#include "station/scanning/scanner_config.h"
#include "station/sync/backoff.h"

namespace rs::station {

BenchAgent::~BenchAgent() {
    m_scanners.close_all();
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_work.notify_all();
    if (m_delivery.joinable()) m_delivery.join();
}

Result<std::unique_ptr<BenchAgent>> BenchAgent::start(const StationConfig& config,
                                                      const BenchConfig& bench, BenchLine line) {
    auto scanners = parse_scanners_config(config);
    if (!scanners) return std::unexpected(scanners.error());
    auto journal = ScanJournal::open(bench.journal);
    if (!journal) return std::unexpected(journal.error());
    // The client is made here so a wrong address or CA file stops the start, not a later scan.
    if (auto client = BenchClient::create(bench); !client) return std::unexpected(client.error());
    std::unique_ptr<BenchAgent> agent(new BenchAgent(bench, std::move(line), std::move(*journal)));
    auto waiting = agent->m_journal->waiting_count();
    if (!waiting) return std::unexpected(waiting.error());
    agent->m_line(fmt::format("station bench {}: journal {} ({} scan(s) waiting from before)",
                              bench.name, bench.journal, *waiting));
    for (auto& configured : scanners->scanners) {
        agent->m_line(fmt::format("{} ({}): {}", configured.name,
                                  scanner_role_name(configured.role),
                                  configured.scanner->source()));
        if (auto hosted = agent->m_scanners.host(std::move(configured)); !hosted)
            agent->m_line(hosted.error().describe());
    }
    agent->m_delivery = std::thread([raw = agent.get()] { raw->deliver_loop(); });
    return agent;
}

Status BenchAgent::keep(const ScanEvent& event) {
    BenchScan scan{m_ids.next(), event.scan, event.role};
    if (scan.scan.time_ms == 0)
        scan.scan.time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
    auto seq = m_journal->append(scan);
    if (!seq) return std::unexpected(seq.error());
    m_line(fmt::format("journalled scan {} ({}) from {}", *seq, scan.id, scan.scan.source));
    {
        std::lock_guard lock(m_mutex);
        m_journalled = true;
    }
    m_work.notify_all();
    return {};
}

Status BenchAgent::run(const std::function<bool()>& stop_requested) {
    Status outcome;
    auto handle = [&](StationEvent& event) {
        if (auto* scan = std::get_if<ScanEvent>(&event)) {
            outcome = keep(*scan);
        } else if (auto* state = std::get_if<ScannerStateEvent>(&event)) {
            m_line(fmt::format("{}: {}", state->source, devices::scanner_state_name(state->state)));
        } else if (auto* error = std::get_if<ScannerErrorEvent>(&event)) {
            m_line(fmt::format("{}: {}", error->source, error->error.describe()));
        }
    };
    while (outcome && !stop_requested()) {
        auto event = m_queue.pop(std::chrono::milliseconds(100));
        if (event) handle(*event);
    }
    m_scanners.close_all();
    // What the scanners read before they closed is kept too: an accepted scan is never lost.
    while (outcome) {
        auto event = m_queue.pop(std::chrono::milliseconds(0));
        if (!event) break;
        handle(*event);
    }
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_work.notify_all();
    if (m_delivery.joinable()) m_delivery.join();
    auto waiting = m_journal->waiting_count();
    m_line(fmt::format("station bench: stopped; {} scan(s) wait in the journal for the next start",
                       waiting ? *waiting : -1));
    return outcome;
}

void BenchAgent::wait_for_work(std::chrono::milliseconds limit, bool until_new_scan) {
    std::unique_lock lock(m_mutex);
    // Idle, a scan journalled meanwhile ends the wait at once: it is delivered while the person
    // looks. After a failure the backoff runs its course, however many scans come in.
    m_work.wait_for(lock, limit, [&] { return m_stop || (until_new_scan && m_journalled); });
    m_journalled = false;
}

void BenchAgent::deliver_loop() {
    auto stopping = [this] {
        std::lock_guard lock(m_mutex);
        return m_stop;
    };
    auto client = BenchClient::create(m_bench, stopping);
    if (!client) {
        m_line("cannot deliver: " + client.error().describe());
        return;
    }
    Backoff backoff(m_bench.retry_initial, m_bench.retry_max);
    while (!stopping()) {
        auto entry = m_journal->oldest_waiting();
        if (!entry) {
            m_line("the journal cannot be read: " + entry.error().describe());
            wait_for_work(backoff.next_delay(), false);
            continue;
        }
        if (!*entry) {
            wait_for_work(std::chrono::milliseconds(200), true);
            continue;
        }
        if (deliver_one(**client, **entry)) {
            backoff.reset();
        } else {
            wait_for_work(backoff.next_delay(), false);
        }
    }
}

bool BenchAgent::deliver_one(BenchClient& client, const JournalEntry& entry) {
    auto waiting = m_journal->waiting_count();
    std::int64_t behind = waiting ? *waiting : 0;
    if (m_unreachable)
        (void)client.report(behind, "delivering what waited");  // its failure shows below
    auto delivered = client.deliver(entry.scan, behind);
    if (!delivered) {
        // Said on every failure: the count of waiting scans is what the bench must see grow.
        ErrorCode code = delivered.error().code;
        bool away = code == ErrorCode::Io || code == ErrorCode::Timeout;
        m_line(fmt::format("{}, {} scan(s) waiting: {}",
                           away ? "server unreachable" : "delivery refused", behind,
                           delivered.error().message));
        m_unreachable = true;
        return false;
    }
    auto marked = m_journal->mark_delivered(entry.scan.id, delivered->outcome,
                                            std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
    if (!marked) {
        // Sent again later and answered as a duplicate: nothing doubles.
        m_line("the journal cannot record a delivery: " + marked.error().describe());
        return false;
    }
    if (m_unreachable) {
        m_unreachable = false;
        m_line(fmt::format("server {} is back: delivering {} scan(s) that waited", client.server(),
                           behind));
    }
    m_line(fmt::format("delivered scan {} ({}){}: {}{}", entry.seq, entry.scan.id,
                       delivered->duplicate ? " again, the server had it" : "", delivered->outcome,
                       delivered->message.empty() ? "" : " - " + delivered->message));
    return true;
}

}  // namespace rs::station
