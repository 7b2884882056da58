// PrintWorker: sends one printer's queued jobs in order, waits (with backoff) while the printer
// is faulted or away, and after a crash settles jobs left 'sending' from what the printer says.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "common/error.h"
#include "devices/printer/printer.h"
#include "station/printing/print_queue.h"
#include "station/store/station_store.h"

namespace rs::station {

struct BackoffPolicy {
    std::int64_t first_ms = 500;
    std::int64_t max_ms = 30000;
    std::int64_t delay_ms(int attempts) const;  // first, 2x first, 4x ... up to max
};

struct PassReport {
    int sent = 0;
    int waiting = 0;              // still queued (printer not ready, or not due yet)
    int needs_person = 0;         // failed with attention (run_until_idle: all of this printer's)
    std::string printer_message;  // the printer's condition when it stopped the pass
    std::int64_t next_attempt_ms = 0;  // earliest retry of a waiting job
};

class PrintWorker {
public:
    using EventSink = std::function<void(const PrintJob&, const std::string&)>;

    PrintWorker(StationStore& store, devices::Printer& printer, BackoffPolicy backoff = {})
        : m_store(store), m_printer(printer), m_backoff(backoff) {}

    // Called for every change of a job, with the message (for the CLI and the demo).
    void on_event(EventSink sink) { m_sink = std::move(sink); }

    // Settles jobs of this printer found 'sending' (a crash mid-send): a partial format in the
    // printer is cancelled (~JA) and the job queued again; a job the printer holds (formats in
    // buffer, labels remaining) is sent; otherwise a person must say whether it printed.
    Status recover();
    // Sends the due jobs in order until the queue is empty or the printer is not ready.
    Result<PassReport> run_once();
    // recover() then run_once() again and again until nothing is queued for this printer or
    // `max_wait` has passed (sleeping until the next retry in between).
    Result<PassReport> run_until_idle(std::chrono::milliseconds max_wait);

private:
    Result<PrintJob> settle_uncertain(const PrintJob& job, const std::string& what_happened);
    Result<PrintJob> apply(const PrintJob& job, const JobChange& change);

    StationStore& m_store;
    devices::Printer& m_printer;
    BackoffPolicy m_backoff;
    EventSink m_sink;
};

struct PrinterConfig;  // printer_config.h, which includes this file

// One printer's queue, sent now by the calling thread (`station jobs run`, `station print`): the
// printer's driver is made from `printer`, jobs are sent until nothing more can go, waiting at
// most `max_wait` for a faulted printer. `sink` hears every job change.
Result<PassReport> send_queued_jobs(StationStore& store, const PrinterConfig& printer,
                                    const BackoffPolicy& backoff, PrintWorker::EventSink sink,
                                    std::chrono::milliseconds max_wait);

}  // namespace rs::station
