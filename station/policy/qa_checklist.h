// QA checklists: the steps a repaired device must pass before it goes back, per product
// category, read from the policy file's [qa.CATEGORY] sections (docs/policy.md).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"

namespace rs::station {

// How a step is checked: the technician says pass or fail, enters a measured value that must
// lie within the step's limits, or names a photo of the order that shows the result.
enum class QaStepKind { PassFail, Measured, Photo };

constexpr auto enum_names(QaStepKind) {
    using enum QaStepKind;
    return std::to_array<EnumName<QaStepKind>>(
        {{PassFail, "pass_fail"}, {Measured, "measured"}, {Photo, "photo"}});
}

struct QaStep {
    std::string text;      // what to do: "Battery voltage at the connector"
    std::string expected;  // what a good device shows: "3.70 to 4.40 V"
    QaStepKind kind = QaStepKind::PassFail;
    // Measured steps: at least one limit, both inclusive, and the unit the value is entered in.
    std::optional<double> low;
    std::optional<double> high;
    std::string unit;

    // The limits as people read them: "3.7..4.4 V", ">= 1 MΩ", "<= 0.5 mA".
    std::string limits_text() const;
    // Whether `value` lies within the limits (measured steps only).
    bool within_limits(double value) const;
};

struct QaChecklist {
    std::string category;
    std::string title;
    std::vector<QaStep> steps;
};

// The checklist as JSON ({category, title, steps: [{text, expected, kind, low, high, unit}]}),
// as it is recorded with an order when QA starts, and back. A recorded checklist is the one the
// order was checked against, whatever the policy says later.
nlohmann::json checklist_to_json(const QaChecklist& checklist);
Result<QaChecklist> checklist_from_json(const nlohmann::json& json);

}  // namespace rs::station
