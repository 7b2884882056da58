// QA attempts: the checklist recorded when QA starts, each step's result, and the end of QA
// through the workflow.
#include "station/orders/qa.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>

#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "station/orders/diagnosis.h"
#include "station/orders/policy_store.h"
#include "station/orders/repair_report.h"
#include "station/orders/route_decisions.h"
#include "station/people/operators.h"
#include "station/photos/photos.h"
#include "station/rma/rma_store.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "qa";
constexpr Role k_qa_roles[] = {Role::Technician, Role::Supervisor};

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), k_where);
}
std::unexpected<Error> conflict(std::string message) {
    return fail(ErrorCode::Conflict, std::move(message), k_where);
}

constexpr const char* k_attempt_columns =
    "a.id, a.repair_order_id, o.number, a.attempt, a.category, a.policy_version, a.checklist, "
    "a.repair_codes, a.started_by, a.started_ms, a.outcome, a.reason, "
    "coalesce(a.finished_by, ''), coalesce(a.finished_ms, 0) "
    "FROM qa_attempts a JOIN repair_orders o ON o.id = a.repair_order_id ";

Status read_results(StationStore& store, QaAttempt& attempt) {
    attempt.results.assign(attempt.checklist.steps.size(), std::nullopt);
    auto query = store.db().cached(
        "SELECT step, passed, value, coalesce(photo_id, ''), note, operator_id, recorded_ms "
        "FROM qa_results WHERE attempt_id = ?1 ORDER BY step");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(attempt.id);
    return (*query)->each_row([&](store::RowReader row) {
        QaResult result;
        row.read(result.step, result.passed, result.value, result.photo_id, result.note,
                 result.operator_id, result.recorded_ms);
        if (result.step >= 1 && result.step <= static_cast<int>(attempt.results.size()))
            attempt.results[result.step - 1] = std::move(result);
    });
}

Result<std::vector<QaAttempt>> read_attempts(StationStore& store, const std::string& where_sql,
                                             const std::string& order_id) {
    auto query =
        store.db().cached(fmt::format("SELECT {} WHERE a.repair_order_id = ?1 {} "
                                      "ORDER BY a.attempt",
                                      k_attempt_columns, where_sql));
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(order_id);
    std::vector<QaAttempt> attempts;
    std::optional<Error> broken;
    auto read = (*query)->each_row([&](store::RowReader row) {
        QaAttempt attempt;
        std::string checklist, codes;
        row.read(attempt.id, attempt.order_id, attempt.order_number, attempt.attempt,
                 attempt.category, attempt.policy_version, checklist, codes, attempt.started_by,
                 attempt.started_ms, attempt.outcome, attempt.reason, attempt.finished_by,
                 attempt.finished_ms);
        auto parsed = checklist_from_json(nlohmann::json::parse(checklist, nullptr, false));
        if (!parsed) {
            broken = parsed.error();
            return;
        }
        attempt.checklist = std::move(*parsed);
        for (const auto& code : nlohmann::json::parse(codes, nullptr, false))
            if (code.is_string()) attempt.repair_codes.push_back(code.get<std::string>());
        attempts.push_back(std::move(attempt));
    });
    if (!read) return std::unexpected(read.error());
    if (broken) return std::unexpected(*broken);
    for (auto& attempt : attempts)
        if (auto results = read_results(store, attempt); !results)
            return std::unexpected(results.error());
    return attempts;
}

Result<std::optional<QaAttempt>> open_attempt(StationStore& store, const std::string& order_id) {
    auto attempts = read_attempts(store, "AND a.outcome = 'open'", order_id);
    if (!attempts) return std::unexpected(attempts.error());
    if (attempts->empty()) return std::optional<QaAttempt>{};
    return std::optional<QaAttempt>{std::move(attempts->front())};
}

std::string step_line(const QaStep& step, int number) {
    return fmt::format("step {} ({})", number, step.text);
}

// Why a failed attempt goes back: each failed step with what it showed and what was expected.
std::string failed_reason(const QaAttempt& attempt) {
    std::vector<std::string> parts;
    for (int number : attempt.failed_steps()) {
        const QaStep& step = attempt.checklist.steps[number - 1];
        const QaResult& result = *attempt.results[number - 1];
        std::string shown = !result.value.empty()  ? result.value + " " + step.unit
                            : !result.note.empty() ? result.note
                                                   : "failed";
        std::string expected =
            step.kind == QaStepKind::Measured ? step.limits_text() : step.expected;
        parts.push_back(
            fmt::format("{}: {} (expected {})", step_line(step, number), shown, expected));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

nlohmann::json numbers_json(const std::vector<int>& numbers) {
    return nlohmann::json(numbers);
}

Status close_attempt(StationStore& store, const QaAttempt& attempt, QaOutcome outcome,
                     const std::string& reason, const std::string& operator_id) {
    auto update = store.db().cached(
        "UPDATE qa_attempts SET outcome = ?1, reason = ?2, finished_by = ?3, finished_ms = ?4 "
        "WHERE id = ?5 AND outcome = 'open'");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(outcome, reason, operator_id, store.now_ms(), attempt.id);
    return (*update)->run();
}

// Entering QA: the checklist in force for the order's category, copied into a new attempt.
Result<nlohmann::json> begin_attempt(StationStore& store, const RepairOrder& order,
                                     const std::string& operator_id) {
    auto policy = policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    if (!*policy) return nlohmann::json::object();
    auto category = order_category(store, order, **policy);
    if (!category) return std::unexpected(category.error());
    const QaChecklist* checklist = (*policy)->qa_checklist(*category);
    if (!checklist) return nlohmann::json::object();
    auto next = store.db().query_one<std::int64_t>(
        "SELECT coalesce(max(attempt), 0) + 1 FROM qa_attempts WHERE repair_order_id = ?1",
        order.id);
    if (!next) return std::unexpected(next.error());
    auto insert = store.db().cached(
        "INSERT INTO qa_attempts (id, repair_order_id, attempt, category, policy_version, "
        "checklist, started_by, started_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) return std::unexpected(insert.error());
    std::int64_t attempt = next->value_or(1);
    (*insert)->bind_all(store.ids().next(), order.id, attempt, *category, (*policy)->version,
                        checklist_to_json(*checklist).dump(), operator_id, store.now_ms());
    if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());
    return nlohmann::json{{"qa",
                           {{"attempt", attempt},
                            {"category", *category},
                            {"checklist", checklist->title},
                            {"policy_version", (*policy)->version},
                            {"steps", checklist->steps.size()}}}};
}

// A measured value as typed: a plain decimal number, nothing after it.
std::optional<double> parse_value(const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Who acts (a technician or supervisor) on which order: what every QA step checks first.
struct QaScope {
    Operator person;
    RepairOrder order;
};

Result<QaScope> qa_scope(StationStore& store, const std::string& operator_id,
                         const std::string& order_number) {
    auto person = require_operator(store, operator_id, k_qa_roles, k_where);
    if (!person) return std::unexpected(person.error());
    auto order = require_order(store, order_number, k_where);
    if (!order) return std::unexpected(order.error());
    return QaScope{std::move(*person), std::move(*order)};
}

// The order's open attempt, or a refusal that says how to start one.
Result<QaAttempt> require_open_attempt(StationStore& store, const RepairOrder& order) {
    auto attempt = open_attempt(store, order.id);
    if (!attempt) return std::unexpected(attempt.error());
    if (order.state != OrderState::Qa || !*attempt)
        return conflict(fmt::format("{} is {} with no QA open: start it with `station qa start {}`",
                                    order.number, name_of(order.state), order.number));
    return std::move(**attempt);
}

}  // namespace

std::vector<int> QaAttempt::missing_steps() const {
    std::vector<int> steps;
    for (std::size_t i = 0; i < results.size(); ++i)
        if (!results[i]) steps.push_back(static_cast<int>(i) + 1);
    return steps;
}

std::vector<int> QaAttempt::failed_steps() const {
    std::vector<int> steps;
    for (std::size_t i = 0; i < results.size(); ++i)
        if (results[i] && !results[i]->passed) steps.push_back(static_cast<int>(i) + 1);
    return steps;
}

Result<QaAttempt> start_qa(StationStore& store, const QaStart& request) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto scope = qa_scope(store, request.operator_id, request.order_number);
    if (!scope) return std::unexpected(scope.error());
    const Operator* person = &scope->person;
    const RepairOrder* order = &scope->order;
    auto policy = policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    if (!*policy)
        return conflict(
            "no policy in force: load one with a [qa.CATEGORY] checklist "
            "(station policy load FILE)");
    auto category = order_category(store, *order, **policy);
    if (!category) return std::unexpected(category.error());
    if (!(*policy)->qa_checklist(*category))
        return conflict(fmt::format(
            "{}: policy {} has no QA checklist for category {}: add [qa.{}] with its steps "
            "(docs/policy.md)",
            order->number, (*policy)->version, category->empty() ? "(none)" : *category,
            category->empty() ? "CATEGORY" : *category));
    for (const auto& code : request.repair_codes) {
        auto found = find_fault_code(store, *category, FaultCodeKind::Repair, code);
        if (!found) return std::unexpected(found.error());
        if (!*found)
            return invalid(fmt::format(
                "{} is not a repair code of category {} (station faults list --category {} "
                "--kind repair)",
                code, *category, *category));
    }

    if (order->state == OrderState::InRepair) {
        MoveRequest move{order->number, OrderState::Qa, person->id, request.note};
        if (auto moved = move_order_in_transaction(store, move); !moved)
            return std::unexpected(moved.error());
    } else if (order->state == OrderState::Qa) {
        auto open = open_attempt(store, order->id);
        if (!open) return std::unexpected(open.error());
        if (*open)
            return conflict(
                fmt::format("{}: QA attempt {} is open: record its steps (station qa "
                            "show {})",
                            order->number, (*open)->attempt, order->number));
        // Entered QA before its category had a checklist: the attempt starts now, no move.
        auto begun = begin_attempt(store, *order, person->id);
        if (!begun) return std::unexpected(begun.error());
        Journal journal(store.db(), store.clock(), store.ids());
        if (auto audited =
                journal.audit(AuditEntry{person->id,
                                         order->id,
                                         "qa.started",
                                         std::nullopt,
                                         std::nullopt,
                                         {{"note", request.note}, {"qa", (*begun)["qa"]}}});
            !audited)
            return std::unexpected(audited.error());
    } else {
        return conflict(fmt::format("{} is {}: QA starts when the repair is done (in_repair)",
                                    order->number, name_of(order->state)));
    }
    auto attempt = open_attempt(store, order->id);
    if (!attempt) return std::unexpected(attempt.error());
    if (!*attempt) return conflict(order->number + ": no QA attempt was started");
    if (!request.repair_codes.empty()) {
        auto codes = store.db().cached("UPDATE qa_attempts SET repair_codes = ?1 WHERE id = ?2");
        if (!codes) return std::unexpected(codes.error());
        (*codes)->bind_all(nlohmann::json(request.repair_codes).dump(), (*attempt)->id);
        if (auto updated = (*codes)->run(); !updated) return std::unexpected(updated.error());
        (*attempt)->repair_codes = request.repair_codes;
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return std::move(**attempt);
}

Result<QaResult> record_qa_result(StationStore& store, const QaRecord& request) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto scope = qa_scope(store, request.operator_id, request.order_number);
    if (!scope) return std::unexpected(scope.error());
    const Operator* person = &scope->person;
    const RepairOrder* order = &scope->order;
    auto attempt = require_open_attempt(store, *order);
    if (!attempt) return std::unexpected(attempt.error());
    const auto& steps = attempt->checklist.steps;
    if (request.step < 1 || request.step > static_cast<int>(steps.size()))
        return invalid(fmt::format("{}: the checklist has steps 1 to {}; there is no step {}",
                                   order->number, steps.size(), request.step));
    const QaStep& step = steps[request.step - 1];

    QaResult result{request.step, false, "", "", request.note, person->id, store.now_ms()};
    switch (step.kind) {
        case QaStepKind::PassFail:
            if (!request.value.empty())
                return invalid(fmt::format("{} is pass/fail: give --pass or --fail, not a value",
                                           step_line(step, request.step)));
            if (!request.passed)
                return invalid(fmt::format("{} is pass/fail: give --pass or --fail (expected: {})",
                                           step_line(step, request.step), step.expected));
            result.passed = *request.passed;
            break;
        case QaStepKind::Measured: {
            if (request.passed)
                return invalid(
                    fmt::format("{} is measured: give --value; its limits ({}) decide "
                                "whether it passes",
                                step_line(step, request.step), step.limits_text()));
            if (request.value.empty())
                return invalid(fmt::format("{} is measured: give --value in {} (limits {})",
                                           step_line(step, request.step), step.unit,
                                           step.limits_text()));
            auto value = parse_value(request.value);
            if (!value)
                return invalid(fmt::format("{}: \"{}\" is not a number like 3.85 (in {})",
                                           step_line(step, request.step), request.value,
                                           step.unit));
            result.value = request.value;
            result.passed = step.within_limits(*value);
            break;
        }
        case QaStepKind::Photo:
            if (!request.value.empty())
                return invalid(fmt::format("{} needs a photo: give --photo, not a value",
                                           step_line(step, request.step)));
            result.passed = request.passed.value_or(true);
            if (result.passed && request.photo.empty())
                return invalid(fmt::format(
                    "{} needs a photo of {} that shows it (station photos list --order {})",
                    step_line(step, request.step), order->number, order->number));
            break;
    }
    if (!request.photo.empty()) {
        auto photo = find_photo(store, request.photo);
        if (!photo) return std::unexpected(photo.error());
        if (!*photo || (*photo)->order_id != order->id)
            return invalid(
                fmt::format("photo {} is not a photo of {} (station photos list "
                            "--order {})",
                            request.photo, order->number, order->number));
        result.photo_id = (*photo)->id;
    }

    auto upsert = store.db().cached(
        "INSERT INTO qa_results (attempt_id, step, passed, value, photo_id, note, operator_id, "
        "recorded_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT (attempt_id, step) DO UPDATE SET passed = excluded.passed, "
        "value = excluded.value, photo_id = excluded.photo_id, note = excluded.note, "
        "operator_id = excluded.operator_id, recorded_ms = excluded.recorded_ms");
    if (!upsert) return std::unexpected(upsert.error());
    std::optional<std::string> photo_id;
    if (!result.photo_id.empty()) photo_id = result.photo_id;
    (*upsert)->bind_all(attempt->id, result.step, result.passed, result.value, photo_id,
                        result.note, result.operator_id, result.recorded_ms);
    if (auto stored = (*upsert)->run(); !stored) return std::unexpected(stored.error());
    // The results reach the platform with the end of QA (qa_passed carries the repair report,
    // qa_failed the failed steps); each recording, replaced ones included, stays in the audit.
    Journal journal(store.db(), store.clock(), store.ids());
    nlohmann::json detail{{"attempt", attempt->attempt}, {"step", result.step},
                          {"kind", name_of(step.kind)},  {"passed", result.passed},
                          {"value", result.value},       {"unit", step.unit},
                          {"photo", result.photo_id},    {"note", result.note}};
    if (auto audited = journal.audit(
            AuditEntry{person->id, order->id, "qa.recorded", std::nullopt, std::nullopt, detail});
        !audited)
        return std::unexpected(audited.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return result;
}

Result<std::vector<QaAttempt>> qa_attempts(StationStore& store, const std::string& order_number) {
    auto order = require_order(store, order_number, k_where);
    if (!order) return std::unexpected(order.error());
    return read_attempts(store, "", order->id);
}

Result<QaFinish> finish_qa(StationStore& store, const std::string& order_number,
                           const std::string& operator_id, const std::string& note) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = require_order(store, order_number, k_where);
    if (!order) return std::unexpected(order.error());
    auto attempt = require_open_attempt(store, *order);
    if (!attempt) return std::unexpected(attempt.error());
    auto failed = attempt->failed_steps();
    auto missing = attempt->missing_steps();
    MoveRequest move{order->number, OrderState::ReadyToShip, operator_id, note};
    if (!failed.empty()) {
        move.to = OrderState::InRepair;
        move.note = failed_reason(*attempt) + (note.empty() ? "" : "; " + note);
    } else if (!missing.empty()) {
        return conflict(fmt::format(
            "{}: QA attempt {} has no result for step{} {}: record {} "
            "(station qa record {} STEP ...)",
            order->number, attempt->attempt, missing.size() == 1 ? "" : "s",
            fmt::join(missing, ", "), missing.size() == 1 ? "it" : "them", order->number));
    }
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return std::unexpected(moved.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    auto all = read_attempts(store, "", order->id);
    if (!all) return std::unexpected(all.error());
    for (auto& one : *all)
        if (one.id == attempt->id) return QaFinish{std::move(one), *moved};
    return conflict(order->number + ": the QA attempt is gone");
}

Result<QaYield> qa_yield(StationStore& store, const std::string& order_id) {
    auto query = store.db().cached(
        "SELECT count(*), coalesce(min(CASE WHEN outcome = 'passed' THEN attempt END), 0) "
        "FROM qa_attempts WHERE repair_order_id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(order_id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    QaYield yield;
    std::int64_t attempts = 0, passed_at = 0;
    if (*row) store::RowReader(**query).read(attempts, passed_at);
    yield.attempts = static_cast<int>(attempts);
    yield.passed = passed_at > 0;
    yield.first_pass = passed_at == 1;
    return yield;
}

nlohmann::json qa_attempt_to_json(const QaAttempt& attempt) {
    nlohmann::json steps = nlohmann::json::array();
    for (std::size_t i = 0; i < attempt.checklist.steps.size(); ++i) {
        const QaStep& step = attempt.checklist.steps[i];
        nlohmann::json item{{"step", i + 1},
                            {"text", step.text},
                            {"expected", step.expected},
                            {"kind", name_of(step.kind)}};
        if (step.kind == QaStepKind::Measured) {
            item["limits"] = step.limits_text();
            item["unit"] = step.unit;
        }
        const auto& result = attempt.results.size() > i ? attempt.results[i] : std::nullopt;
        if (result) {
            item["result"] = result->passed ? "pass" : "fail";
            if (!result->value.empty()) item["value"] = result->value;
            if (!result->photo_id.empty()) item["photo"] = result->photo_id;
            if (!result->note.empty()) item["note"] = result->note;
            item["operator"] = result->operator_id;
        } else {
            item["result"] = "none";
        }
        steps.push_back(std::move(item));
    }
    return {{"attempt", attempt.attempt},
            {"outcome", name_of(attempt.outcome)},
            {"category", attempt.category},
            {"checklist", attempt.checklist.title},
            {"policy_version", attempt.policy_version},
            {"repair_codes", attempt.repair_codes},
            {"started_by", attempt.started_by},
            {"reason", attempt.reason},
            {"steps", steps}};
}

Result<nlohmann::json> settle_qa_in_transaction(StationStore& store, const RepairOrder& order,
                                                const MoveRequest& request) {
    if (request.to == OrderState::Qa) return begin_attempt(store, order, request.operator_id);
    if (order.state != OrderState::Qa) return nlohmann::json::object();
    auto open = open_attempt(store, order.id);
    if (!open) return std::unexpected(open.error());
    if (request.to == OrderState::InRepair) {
        // The move back to repair carries why, in the event the platform gets.
        std::string reason = request.note;
        if (reason.empty() && *open) reason = failed_reason(**open);
        if (reason.empty())
            return conflict(
                fmt::format("{}: say why it goes back to repair (a note: what QA "
                            "found)",
                            order.number));
        nlohmann::json detail{{"reason", reason}};
        if (*open) {
            if (auto closed =
                    close_attempt(store, **open, QaOutcome::Failed, reason, request.operator_id);
                !closed)
                return std::unexpected(closed.error());
            detail["qa"] = {{"attempt", (*open)->attempt},
                            {"outcome", "failed"},
                            {"failed_steps", numbers_json((*open)->failed_steps())}};
        }
        return detail;
    }
    if (request.to != OrderState::ReadyToShip) return nlohmann::json::object();
    if (*open) {
        auto failed = (*open)->failed_steps();
        auto missing = (*open)->missing_steps();
        if (!failed.empty() || !missing.empty())
            return conflict(fmt::format(
                "{}: QA attempt {} has not passed ({}{}{}): it passes only when every step "
                "passed (station qa show {})",
                order.number, (*open)->attempt,
                failed.empty() ? "" : fmt::format("failed: {}", failed_reason(**open)),
                !failed.empty() && !missing.empty() ? "; " : "",
                missing.empty() ? "" : fmt::format("no result: step {}", fmt::join(missing, ", ")),
                order.number));
        if (auto closed = close_attempt(store, **open, QaOutcome::Passed, "", request.operator_id);
            !closed)
            return std::unexpected(closed.error());
    }
    auto yield = qa_yield(store, order.id);
    if (!yield) return std::unexpected(yield.error());
    auto report = repair_report(store, order);
    if (!report) return std::unexpected(report.error());
    return nlohmann::json{{"qa",
                           {{"attempts", yield->attempts},
                            {"first_pass", yield->first_pass},
                            {"checklist", *open ? (*open)->checklist.title : ""}}},
                          {"repair_report", *report}};
}

}  // namespace rs::station
