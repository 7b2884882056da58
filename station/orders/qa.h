// QA of a repaired device: the checklist of its category (policy [qa.CATEGORY]) recorded with
// the order when QA starts, the technician's result for each step, and the end of QA: passed
// (every step passed) to ready_to_ship, or failed back to in_repair with the reason. Each order
// keeps its attempts, so whether it passed at the first one (first-pass yield) stays on record.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/policy/policy.h"
#include "station/store/station_store.h"

namespace rs::station {

enum class QaOutcome { Open, Passed, Failed };

constexpr auto enum_names(QaOutcome) {
    using enum QaOutcome;
    return std::to_array<EnumName<QaOutcome>>(
        {{Open, "open"}, {Passed, "passed"}, {Failed, "failed"}});
}

struct QaResult {
    int step = 0;  // 1-based, as in the checklist
    bool passed = false;
    std::string value;     // measured steps: as typed
    std::string photo_id;  // photo steps
    std::string note;
    std::string operator_id;
    std::int64_t recorded_ms = 0;
};

struct QaAttempt {
    std::string id;
    std::string order_id;
    std::string order_number;
    int attempt = 1;
    std::string category;
    std::string policy_version;
    QaChecklist checklist;  // as recorded when the attempt started
    std::vector<std::string> repair_codes;
    std::string started_by;
    std::int64_t started_ms = 0;
    QaOutcome outcome = QaOutcome::Open;
    std::string reason;
    std::string finished_by;
    std::int64_t finished_ms = 0;
    std::vector<std::optional<QaResult>> results;  // one per step; empty: not recorded yet

    // Steps (1-based) with no result, and with a failed one.
    std::vector<int> missing_steps() const;
    std::vector<int> failed_steps() const;
};

struct QaStart {
    std::string order_number;
    std::string operator_id;
    std::vector<std::string> repair_codes;  // what the repair did: repair codes of the category
    std::string note;
};

// Starts QA of a repaired order: its parts settled (order_parts.h), the order moves from
// in_repair to qa and the checklist of its category in the policy in force is recorded with
// it, in one transaction. An order already in qa without an open attempt (it entered QA before
// its category had a checklist) gets one without a move. Refused when the policy has no
// checklist for the order's category, or a repair code is not in the category's catalog.
Result<QaAttempt> start_qa(StationStore& store, const QaStart& request);

struct QaRecord {
    std::string order_number;
    int step = 0;                // 1-based
    std::optional<bool> passed;  // pass/fail steps
    std::string value;           // measured steps: a number, checked against the limits
    std::string photo;           // photo steps: a photo of this order (id or SHA-256 prefix)
    std::string note;
    std::string operator_id;
};

// Records one step's result in the open attempt (again: replaces it), with its audit row. A
// measured value passes when it lies within the step's limits; a photo step passes with a photo
// of this order (a failed photo step is given with passed = false and may name one). What the
// step's kind does not take is refused.
Result<QaResult> record_qa_result(StationStore& store, const QaRecord& request);

// Every attempt of the order, oldest first, with its results.
Result<std::vector<QaAttempt>> qa_attempts(StationStore& store, const std::string& order_number);

struct QaFinish {
    QaAttempt attempt;
    RepairOrder order;
};

// Ends the open attempt: every step passed moves the order to ready_to_ship (the
// `repair_order.qa_passed` event carries the repair report); a failed step sends it back to
// in_repair with the failed steps as the reason (`note` adds the person's words). Steps without
// a result and none failed: refused, naming them.
Result<QaFinish> finish_qa(StationStore& store, const std::string& order_number,
                           const std::string& operator_id, const std::string& note);

// First-pass yield of one order: how many QA attempts it had, whether it passed, whether at
// the first.
struct QaYield {
    int attempts = 0;
    bool passed = false;
    bool first_pass = false;
};
Result<QaYield> qa_yield(StationStore& store, const std::string& order_id);

nlohmann::json qa_attempt_to_json(const QaAttempt& attempt);

// Workflow's side, inside its transaction, before the order's state changes: entering qa records
// the checklist in force for the order's category (when the policy has one); leaving qa with an
// open attempt closes it: to ready_to_ship only when every step passed, to in_repair with a
// reason (the note, else the failed steps). Returns what the move's audit row and event carry.
Result<nlohmann::json> settle_qa_in_transaction(StationStore& store, const RepairOrder& order,
                                                const MoveRequest& request);

}  // namespace rs::station
