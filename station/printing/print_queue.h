// Print queue: durable label jobs (queued, sending, sent, failed, cancelled) and what people do
// with them (list, retry, cancel, reprint with a reason), each change audited.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

enum class JobState { Queued, Sending, Sent, Failed, Cancelled };
constexpr auto enum_names(JobState) {
    using enum JobState;
    return std::to_array<EnumName<JobState>>({{Queued, "queued"},
                                              {Sending, "sending"},
                                              {Sent, "sent"},
                                              {Failed, "failed"},
                                              {Cancelled, "cancelled"}});
}

struct PrintJob {
    std::string id;
    std::int64_t number = 0;
    std::string printer;
    std::string template_name;
    std::string data;  // JSON
    std::string zpl;
    int copies = 1;
    JobState state = JobState::Queued;
    std::string attention;  // non-empty: a person must decide
    std::optional<std::string> repair_order_id;
    std::optional<std::string> reprint_of;
    std::string reason;
    std::string operator_id;
    int attempts = 0;
    std::int64_t next_attempt_ms = 0;
    std::string last_error;
    std::int64_t created_ms = 0;
    std::int64_t updated_ms = 0;
};

struct NewPrintJob {
    std::string printer;
    std::string template_name;
    nlohmann::json data = nlohmann::json::object();
    std::string zpl;  // the label as it must print (copies go in the job, not the ZPL)
    int copies = 1;
    std::string operator_id = "system";
    std::optional<std::string> repair_order_id;
};

// Adds the job and its audit row through the caller's open transaction, so a workflow step and
// the label it needs commit together.
Result<PrintJob> enqueue_print_job(StationStore& store, const NewPrintJob& job);
// The same in a transaction of its own.
Result<PrintJob> submit_print_job(StationStore& store, const NewPrintJob& job);

struct JobFilter {
    std::optional<JobState> state;
    std::optional<std::string> printer;
    int limit = 100;
};
Result<std::vector<PrintJob>> list_print_jobs(StationStore& store, const JobFilter& filter);
Result<PrintJob> find_print_job(StationStore& store, std::int64_t number);

// A failed job back to the queue (a person checked no label came out).
Result<PrintJob> retry_print_job(StationStore& store, std::int64_t number,
                                 const std::string& operator_id);
// A queued or failed job that nobody wants any more.
Result<PrintJob> cancel_print_job(StationStore& store, std::int64_t number,
                                  const std::string& operator_id);
// A new job printing the same label again; the reason is required and audited.
Result<PrintJob> reprint_print_job(StationStore& store, std::int64_t number,
                                   const std::string& operator_id, const std::string& reason);

// The ZPL a job sends: its label with ^PQ set to its copies.
std::string job_bytes(const PrintJob& job);

// State changes the print worker makes; each writes its audit row in the same transaction.
struct JobChange {
    JobState to;
    std::string audit_action;  // "print.sent", "print.waiting", ...
    std::string message;       // kept in last_error / attention and in the audit detail
    bool needs_person = false;
    bool count_attempt = false;
    std::int64_t next_attempt_ms = 0;
};
Result<PrintJob> change_print_job(StationStore& store, const PrintJob& job,
                                  const JobChange& change);

}  // namespace rs::station
