// PrintWorker: the send loop. The rule that keeps labels from printing twice: a job is marked
// 'sending' before its first byte, and leaves it only on evidence (the printer answered after
// the job, holds it, or holds a part we then cancel) or to a person.
#include "station/printing/print_worker.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "common/logger.h"
#include "station/printing/printer_config.h"

namespace rs::station {
namespace {

const Logger k_log("print");

}  // namespace

std::int64_t BackoffPolicy::delay_ms(int attempts) const {
    std::int64_t delay = first_ms;
    for (int i = 1; i < attempts && delay < max_ms; ++i)
        delay *= 2;
    return std::min(delay, max_ms);
}

Result<PrintJob> PrintWorker::apply(const PrintJob& job, const JobChange& change) {
    auto changed = change_print_job(m_store, job, change);
    if (!changed) return changed;
    if (m_sink) m_sink(*changed, change.message);
    return changed;
}

Result<PrintJob> PrintWorker::settle_uncertain(const PrintJob& job,
                                               const std::string& what_happened) {
    auto status = m_printer.query_status();
    if (!status || !status->answered) {
        // Cannot tell yet: the job stays 'sending' and is settled on the next pass.
        std::string why = status ? "no answer" : status.error().message;
        return apply(job, {JobState::Sending, "print.uncertain",
                           fmt::format("{}; the printer cannot be asked now ({}): will ask again",
                                       what_happened, why),
                           false, true, m_store.now_ms() + m_backoff.delay_ms(job.attempts + 1)});
    }
    if (status->partial_format) {
        if (auto cancelled = m_printer.cancel_all(); !cancelled)
            return apply(job,
                         {JobState::Sending, "print.uncertain",
                          fmt::format("{}; the printer holds part of it and refused ~JA: {}",
                                      what_happened, cancelled.error().message),
                          false, true, m_store.now_ms() + m_backoff.delay_ms(job.attempts + 1)});
        return apply(job, {JobState::Queued, "print.resend",
                           fmt::format("{}; the printer held only part of it (no ^XZ), so nothing "
                                       "printed: cleared with ~JA, sending again",
                                       what_happened),
                           false, true, m_store.now_ms() + m_backoff.delay_ms(job.attempts)});
    }
    if (status->formats_in_buffer > 0 || status->labels_remaining > 0)
        return apply(
            job, {JobState::Sent, "print.sent",
                  fmt::format("{}; the printer holds it ({} formats waiting, {} labels "
                              "remaining): it prints when ready",
                              what_happened, status->formats_in_buffer, status->labels_remaining)});
    return apply(job, {JobState::Failed, "print.attention",
                       fmt::format("{}; the printer holds nothing of it, so it either printed or "
                                   "never arrived: look at the printer, then `station jobs retry "
                                   "{}` if no label came out or `station jobs cancel {}` if it did",
                                   what_happened, job.number, job.number),
                       true});
}

Status PrintWorker::recover() {
    auto sending = list_print_jobs(
        m_store, {.state = JobState::Sending, .printer = m_printer.name(), .limit = 1000});
    if (!sending) return std::unexpected(sending.error());
    for (const auto& job : *sending) {
        if (job.next_attempt_ms > m_store.now_ms()) continue;
        auto settled = settle_uncertain(job, fmt::format("job {} was being sent when the station "
                                                         "stopped or lost the printer",
                                                         job.number));
        if (!settled) return std::unexpected(settled.error());
    }
    return {};
}

Result<PassReport> PrintWorker::run_once() {
    PassReport report;
    auto queued = list_print_jobs(
        m_store, {.state = JobState::Queued, .printer = m_printer.name(), .limit = 1000});
    if (!queued) return std::unexpected(queued.error());
    std::int64_t now = m_store.now_ms();
    for (std::size_t i = 0; i < queued->size(); ++i) {
        const PrintJob& job = (*queued)[i];
        if (job.next_attempt_ms > now) {
            // Jobs keep their order: a later job never overtakes one that waits.
            report.waiting = static_cast<int>(queued->size() - i);
            report.next_attempt_ms = job.next_attempt_ms;
            break;
        }
        auto status = m_printer.query_status();
        devices::PrinterCondition condition =
            status ? devices::assess(*status)
                   : devices::PrinterCondition{devices::PrinterReadiness::Unreachable,
                                               status.error().message};
        if (condition.readiness != devices::PrinterReadiness::Ready) {
            std::int64_t next = now + m_backoff.delay_ms(job.attempts + 1);
            auto waiting =
                apply(job, {JobState::Queued, "print.waiting",
                            fmt::format("printer {}: {}", m_printer.name(), condition.message),
                            false, true, next});
            if (!waiting) return std::unexpected(waiting.error());
            report.waiting = static_cast<int>(queued->size() - i);
            report.printer_message = condition.message;
            report.next_attempt_ms = next;
            break;
        }
        auto sending = apply(job, {JobState::Sending, "print.sending",
                                   fmt::format("sending to {}", m_printer.describe())});
        if (!sending) return std::unexpected(sending.error());
        devices::SendResult sent = m_printer.send(job_bytes(job));
        Result<PrintJob> outcome;
        if (sent.ok() && sent.confirmed) {
            outcome = apply(*sending, {JobState::Sent, "print.sent",
                                       fmt::format("printed on {}", m_printer.name())});
        } else if (sent.written == 0 && !sent.complete) {
            // Not one byte left: the printer cannot have it. Back to the queue.
            std::int64_t next = m_store.now_ms() + m_backoff.delay_ms(job.attempts + 1);
            outcome = apply(*sending, {JobState::Queued, "print.waiting",
                                       fmt::format("printer {}: {}", m_printer.name(),
                                                   sent.error ? sent.error->message : "no data"),
                                       false, true, next});
            report.printer_message = sent.error ? sent.error->message : "";
        } else {
            std::string what =
                sent.complete
                    ? "the whole job was sent but the printer did not confirm it"
                    : fmt::format("the connection broke after {} of {} bytes ({})", sent.written,
                                  job_bytes(job).size(), sent.error ? sent.error->message : "");
            outcome = settle_uncertain(*sending, what);
        }
        if (!outcome) return std::unexpected(outcome.error());
        switch (outcome->state) {
            case JobState::Sent:
                ++report.sent;
                break;
            case JobState::Failed:
                ++report.needs_person;
                break;
            default:
                // Queued again (resend at once) or still uncertain: stop this pass; the next
                // pass takes it first, in order.
                report.waiting = static_cast<int>(queued->size() - i);
                report.next_attempt_ms = outcome->next_attempt_ms;
                return report;
        }
    }
    return report;
}

Result<PassReport> PrintWorker::run_until_idle(std::chrono::milliseconds max_wait) {
    auto deadline = std::chrono::steady_clock::now() + max_wait;
    PassReport total;
    // Whatever settled them (this run, or an earlier one), jobs waiting for a person are
    // reported until a person acts.
    auto finish = [&]() -> Result<PassReport> {
        auto failed = list_print_jobs(
            m_store, {.state = JobState::Failed, .printer = m_printer.name(), .limit = 100000});
        if (!failed) return std::unexpected(failed.error());
        total.needs_person =
            static_cast<int>(std::count_if(failed->begin(), failed->end(), [](const PrintJob& job) {
                return !job.attention.empty();
            }));
        return total;
    };
    for (;;) {
        if (auto recovered = recover(); !recovered) return std::unexpected(recovered.error());
        auto pass = run_once();
        if (!pass) return pass;
        total.sent += pass->sent;
        total.waiting = pass->waiting;
        total.printer_message = pass->printer_message;
        total.next_attempt_ms = pass->next_attempt_ms;
        auto uncertain = list_print_jobs(
            m_store, {.state = JobState::Sending, .printer = m_printer.name(), .limit = 1});
        if (!uncertain) return std::unexpected(uncertain.error());
        if (pass->waiting == 0 && uncertain->empty()) return finish();
        std::int64_t next = pass->next_attempt_ms;
        if (!uncertain->empty())
            next = next ? std::min(next, uncertain->front().next_attempt_ms)
                        : uncertain->front().next_attempt_ms;
        auto sleep = std::chrono::milliseconds(std::max<std::int64_t>(next - m_store.now_ms(), 0));
        if (std::chrono::steady_clock::now() + sleep > deadline) return finish();
        k_log.debug("waiting {} ms before the next try", sleep.count());
        std::this_thread::sleep_for(sleep);
    }
}

Result<PassReport> send_queued_jobs(StationStore& store, const PrinterConfig& printer,
                                    const BackoffPolicy& backoff, PrintWorker::EventSink sink,
                                    std::chrono::milliseconds max_wait) {
    auto driver = make_printer(printer);
    if (!driver) return std::unexpected(driver.error());
    PrintWorker worker(store, **driver, backoff);
    worker.on_event(std::move(sink));
    return worker.run_until_idle(max_wait);
}

}  // namespace rs::station
