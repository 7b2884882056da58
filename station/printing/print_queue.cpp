// Print queue: the print_jobs table, its audit rows, and the people's verbs on it.
#include "station/printing/print_queue.h"

#include <fmt/format.h>

#include "common/store/transaction.h"
#include "station/people/operators.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_columns =
    "id, number, printer, template, data, zpl, copies, state, attention, repair_order_id, "
    "reprint_of, reason, operator_id, attempts, next_attempt_ms, last_error, created_ms, "
    "updated_ms";

PrintJob read_job(store::RowReader row) {
    PrintJob job;
    row.read(job.id, job.number, job.printer, job.template_name, job.data, job.zpl, job.copies,
             job.state, job.attention, job.repair_order_id, job.reprint_of, job.reason,
             job.operator_id, job.attempts, job.next_attempt_ms, job.last_error, job.created_ms,
             job.updated_ms);
    return job;
}

Status audit_job(StationStore& store, const PrintJob& job, const std::string& operator_id,
                 const std::string& action, std::optional<std::string> from,
                 std::optional<std::string> to, nlohmann::json detail) {
    detail["job"] = job.number;
    detail["printer"] = job.printer;
    detail["template"] = job.template_name;
    Journal journal(store.db(), store.clock(), store.ids());
    return journal.audit(AuditEntry{operator_id, job.repair_order_id, action, std::move(from),
                                    std::move(to), std::move(detail)});
}

template <class Change>
Result<PrintJob> in_transaction(StationStore& store, Change&& change) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto result = change();
    if (!result) return result;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return result;
}

Result<PrintJob> insert_job(StationStore& store, const NewPrintJob& job,
                            std::optional<std::string> reprint_of, const std::string& reason) {
    if (job.copies < 1 || job.copies > 999)
        return fail(ErrorCode::Invalid, fmt::format("copies must be 1 to 999, not {}", job.copies),
                    "print");
    if (auto person = require_operator(store, job.operator_id, k_people_or_station, "print");
        !person)
        return std::unexpected(person.error());
    auto next =
        store.db().query_one<std::int64_t>("SELECT coalesce(max(number), 0) + 1 FROM print_jobs");
    if (!next) return std::unexpected(next.error());
    PrintJob created;
    created.id = store.ids().next();
    created.number = **next;
    created.printer = job.printer;
    created.template_name = job.template_name;
    created.data = job.data.dump();
    created.zpl = job.zpl;
    created.copies = job.copies;
    created.repair_order_id = job.repair_order_id;
    created.reprint_of = std::move(reprint_of);
    created.reason = reason;
    created.operator_id = job.operator_id;
    created.created_ms = created.updated_ms = created.next_attempt_ms = store.now_ms();
    auto insert = store.db().cached(
        "INSERT INTO print_jobs (id, number, printer, template, data, zpl, copies, state, "
        "repair_order_id, reprint_of, reason, operator_id, next_attempt_ms, created_ms, "
        "updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9, ?10, ?11, ?12, ?12, "
        "?12)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(created.id, created.number, created.printer, created.template_name,
                        created.data);
    (*insert)->bind_blob(6, created.zpl);
    (*insert)->bind(7, created.copies);
    (*insert)->bind(8, created.repair_order_id);
    (*insert)->bind(9, created.reprint_of);
    (*insert)->bind(10, created.reason);
    (*insert)->bind(11, created.operator_id);
    (*insert)->bind(12, created.created_ms);
    if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());
    nlohmann::json detail = {{"copies", created.copies}};
    if (created.reprint_of) detail["reason"] = reason;
    if (auto audited = audit_job(store, created, created.operator_id,
                                 created.reprint_of ? "print.reprint" : "print.queued",
                                 std::nullopt, "queued", detail);
        !audited)
        return std::unexpected(audited.error());
    return created;
}

}  // namespace

std::string job_bytes(const PrintJob& job) {
    if (job.copies <= 1) return job.zpl;
    // ^PQ belongs inside the format, just before its ^XZ.
    std::size_t end = job.zpl.rfind("^XZ");
    if (end == std::string::npos) return job.zpl;
    return job.zpl.substr(0, end) + fmt::format("^PQ{}\n", job.copies) + job.zpl.substr(end);
}

Result<PrintJob> enqueue_print_job(StationStore& store, const NewPrintJob& job) {
    return insert_job(store, job, std::nullopt, "");
}

Result<PrintJob> submit_print_job(StationStore& store, const NewPrintJob& job) {
    return in_transaction(store, [&] { return enqueue_print_job(store, job); });
}

Result<std::vector<PrintJob>> list_print_jobs(StationStore& store, const JobFilter& filter) {
    auto query = store.db().prepare(
        // The CASTs give each parameter a type before PostgreSQL meets it in IS NULL.
        fmt::format("SELECT {} FROM print_jobs WHERE (CAST(?1 AS TEXT) IS NULL OR state = ?1) "
                    "AND (CAST(?2 AS TEXT) IS NULL OR printer = ?2) ORDER BY number LIMIT ?3",
                    k_columns));
    if (!query) return std::unexpected(query.error());
    query->bind_all(filter.state, filter.printer, filter.limit);
    std::vector<PrintJob> jobs;
    if (auto read = query->each_row([&](store::RowReader row) { jobs.push_back(read_job(row)); });
        !read)
        return std::unexpected(read.error());
    return jobs;
}

Result<PrintJob> find_print_job(StationStore& store, std::int64_t number) {
    auto query =
        store.db().prepare(fmt::format("SELECT {} FROM print_jobs WHERE number = ?1", k_columns));
    if (!query) return std::unexpected(query.error());
    query->bind(1, number);
    auto row = query->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound,
                    fmt::format("no print job {}; see `station jobs list`", number), "print");
    return read_job(*query);
}

namespace {

Result<PrintJob> change_job(StationStore& store, const PrintJob& job, const JobChange& change) {
    std::int64_t now = store.now_ms();
    PrintJob changed = job;
    changed.state = change.to;
    changed.attention = change.needs_person ? change.message : "";
    changed.last_error = change.to == JobState::Sent ? "" : change.message;
    if (change.count_attempt) ++changed.attempts;
    changed.next_attempt_ms = change.next_attempt_ms ? change.next_attempt_ms : now;
    changed.updated_ms = now;
    // Only from the state we read: two processes never both move the same job.
    auto update = store.db().cached(
        "UPDATE print_jobs SET state = ?1, attention = ?2, last_error = ?3, attempts = ?4, "
        "next_attempt_ms = ?5, updated_ms = ?6 WHERE id = ?7 AND state = ?8");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(changed.state, changed.attention, changed.last_error, changed.attempts,
                        changed.next_attempt_ms, now, job.id, job.state);
    auto updated = (*update)->run_and_count();
    if (!updated) return std::unexpected(updated.error());
    if (*updated != 1)
        return fail(ErrorCode::Conflict,
                    fmt::format("print job {} changed meanwhile; look again with `station jobs "
                                "list`",
                                job.number),
                    "print");
    bool state_changed = changed.state != job.state;
    // Waiting on a faulted printer is audited when the reason changes, not at every retry.
    if (state_changed || change.message != job.last_error) {
        nlohmann::json detail = {{"message", change.message}, {"attempts", changed.attempts}};
        if (auto audited = audit_job(store, changed, "system", change.audit_action,
                                     std::string(name_of(job.state)),
                                     std::string(name_of(changed.state)), detail);
            !audited)
            return std::unexpected(audited.error());
    }
    return changed;
}

}  // namespace

Result<PrintJob> change_print_job(StationStore& store, const PrintJob& job,
                                  const JobChange& change) {
    // The new state and its audit row in one transaction: a crash between the two would leave
    // a job sent (or failed) with no record of how it got there.
    return in_transaction(store, [&] { return change_job(store, job, change); });
}

namespace {

// A person's decision on a queued or failed job: to queue it again or to cancel it.
Result<PrintJob> decide(StationStore& store, std::int64_t number, const std::string& operator_id,
                        JobState to, const char* refusal) {
    return in_transaction(store, [&]() -> Result<PrintJob> {
        if (auto person = require_operator(store, operator_id, k_people_or_station, "print");
            !person)
            return std::unexpected(person.error());
        auto job = find_print_job(store, number);
        if (!job) return job;
        if (job->state != JobState::Failed && job->state != JobState::Queued)
            return fail(ErrorCode::Conflict,
                        fmt::format("job {} is {}: {}", number, name_of(job->state),
                                    fmt::format(fmt::runtime(refusal), number)),
                        "print");
        PrintJob before = *job;
        auto update = store.db().cached(
            "UPDATE print_jobs SET state = ?1, attention = '', attempts = 0, next_attempt_ms = "
            "?2, updated_ms = ?2 WHERE id = ?3");
        if (!update) return std::unexpected(update.error());
        (*update)->bind_all(to, store.now_ms(), job->id);
        if (auto updated = (*update)->run(); !updated) return std::unexpected(updated.error());
        job->state = to;
        job->attention.clear();
        job->attempts = 0;
        std::string was = before.attention.empty() ? before.last_error : before.attention;
        if (auto audited = audit_job(store, *job, operator_id,
                                     to == JobState::Queued ? "print.retry" : "print.cancelled",
                                     std::string(name_of(before.state)), std::string(name_of(to)),
                                     {{"was", was}});
            !audited)
            return std::unexpected(audited.error());
        return job;
    });
}

}  // namespace

Result<PrintJob> retry_print_job(StationStore& store, std::int64_t number,
                                 const std::string& operator_id) {
    return decide(store, number, operator_id, JobState::Queued,
                  "only failed or waiting jobs are retried (a sent label is printed again with "
                  "`station jobs reprint {} --reason ...`)");
}

Result<PrintJob> cancel_print_job(StationStore& store, std::int64_t number,
                                  const std::string& operator_id) {
    return decide(store, number, operator_id, JobState::Cancelled,
                  "only queued or failed jobs can be cancelled (job {} is past that)");
}

Result<PrintJob> reprint_print_job(StationStore& store, std::int64_t number,
                                   const std::string& operator_id, const std::string& reason) {
    if (reason.find_first_not_of(" \t") == std::string::npos)
        return fail(ErrorCode::Invalid, "a reprint needs --reason saying why (e.g. \"label torn\")",
                    "print");
    return in_transaction(store, [&]() -> Result<PrintJob> {
        auto original = find_print_job(store, number);
        if (!original) return original;
        if (original->state != JobState::Sent)
            return fail(ErrorCode::Conflict,
                        fmt::format("job {} is {}: only a printed job is reprinted (a failed one "
                                    "is retried or cancelled once a person has looked)",
                                    number, name_of(original->state)),
                        "print");
        NewPrintJob again{original->printer,
                          original->template_name,
                          nlohmann::json::parse(original->data, nullptr, false),
                          original->zpl,
                          original->copies,
                          operator_id,
                          original->repair_order_id};
        if (again.data.is_discarded()) again.data = nlohmann::json::object();
        return insert_job(store, again, original->id, reason);
    });
}

}  // namespace rs::station
