// PrintService: one PrintWorker per printer, each on its own thread and store connection.
#include "station/printing/print_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

#include "common/logger.h"
#include "station/printing/print_worker.h"
#include "station/printing/printer_config.h"
#include "station/store/station_store.h"

namespace rs::station {
namespace {

const Logger k_log("print");
// Jobs queued by another process (`station print` at the same bench) are found this fast.
constexpr std::int64_t k_poll_ms = 1000;

class PrinterThread {
public:
    PrinterThread(PrinterConfig printer, BackoffPolicy backoff, std::string store_path,
                  store::OpenOptions options, PrintService::Report report)
        : m_printer(std::move(printer)),
          m_backoff(backoff),
          m_store_path(std::move(store_path)),
          m_options(options),
          m_report(std::move(report)) {}
    ~PrinterThread() { stop(); }

    void start() {
        m_thread = std::thread([this] { run(); });
    }
    void stop() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable()) m_thread.join();
    }
    void nudge() {
        {
            std::lock_guard lock(m_mutex);
            ++m_requested;
        }
        m_wake.notify_all();
    }
    bool idle() const {
        std::lock_guard lock(m_mutex);
        return m_passed >= m_requested;
    }

private:
    void run() {
        auto store = StationStore::open(m_store_path, SystemClock::instance(), m_options);
        auto driver =
            store ? make_printer(m_printer)
                  : Result<std::unique_ptr<devices::Printer>>(std::unexpected(store.error()));
        if (!driver) {
            m_report(fmt::format("{}: cannot print: {}", m_printer.name, driver.error().message));
            std::lock_guard lock(m_mutex);
            m_passed = std::numeric_limits<std::uint64_t>::max();  // never holds --until-idle
            return;
        }
        PrintWorker worker(**store, **driver, m_backoff);
        worker.on_event([this](const PrintJob& job, const std::string& message) {
            if (job.state == JobState::Sending) return;  // its outcome follows
            m_report(fmt::format("{}: job {} {}: {}", m_printer.name, job.number,
                                 name_of(job.state), message));
        });
        std::int64_t failures = 0;
        for (;;) {
            std::uint64_t requested;
            {
                std::lock_guard lock(m_mutex);
                if (m_stop) return;
                requested = m_requested;
            }
            std::int64_t wait_ms = k_poll_ms;
            auto pass = [&]() -> Result<PassReport> {
                if (auto recovered = worker.recover(); !recovered)
                    return std::unexpected(recovered.error());
                return worker.run_once();
            }();
            if (!pass) {
                // The store failed (locked too long, disk full): say so, try again later.
                ++failures;
                k_log.error("{}: {}", m_printer.name, pass.error().message);
                wait_ms = m_backoff.delay_ms(static_cast<int>(failures));
            } else {
                failures = 0;
                if (pass->next_attempt_ms > 0)
                    wait_ms = std::clamp<std::int64_t>(pass->next_attempt_ms - (*store)->now_ms(),
                                                       10, k_poll_ms);
            }
            std::unique_lock lock(m_mutex);
            m_passed = std::max(m_passed, requested);
            m_wake.wait_for(lock, std::chrono::milliseconds(wait_ms),
                            [&] { return m_stop || m_requested != requested; });
        }
    }

    PrinterConfig m_printer;
    BackoffPolicy m_backoff;
    std::string m_store_path;
    store::OpenOptions m_options;
    PrintService::Report m_report;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::uint64_t m_requested = 1;  // the first pass, at start, counts as asked for
    std::uint64_t m_passed = 0;
    std::thread m_thread;
};

class PrintQueueService final : public PrintService {
public:
    PrintQueueService(const PrintersConfig& printers, const std::string& store_path,
                      store::OpenOptions options, Report report) {
        for (const auto& printer : printers.devices)
            m_threads.push_back(std::make_unique<PrinterThread>(printer, printers.backoff,
                                                                store_path, options, report));
    }
    ~PrintQueueService() override { stop(); }

    const char* name() const override { return "print queue"; }
    Status start() override {
        for (auto& thread : m_threads)
            thread->start();
        return {};
    }
    void stop() override {
        for (auto& thread : m_threads)
            thread->stop();
    }
    void nudge() override {
        for (auto& thread : m_threads)
            thread->nudge();
    }
    bool idle() const override {
        return std::all_of(m_threads.begin(), m_threads.end(),
                           [](const auto& thread) { return thread->idle(); });
    }

private:
    std::vector<std::unique_ptr<PrinterThread>> m_threads;
};

}  // namespace

Result<std::unique_ptr<PrintService>> make_print_service(const StationConfig& config,
                                                         const std::string& store_path,
                                                         store::OpenOptions open_options,
                                                         PrintService::Report report) {
    auto printers = parse_printers_config(config);
    if (!printers) return std::unexpected(printers.error());
    if (printers->devices.empty()) return std::unique_ptr<PrintService>{};
    return std::unique_ptr<PrintService>(std::make_unique<PrintQueueService>(
        *printers, store_path, open_options, std::move(report)));
}

}  // namespace rs::station
