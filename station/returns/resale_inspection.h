// No-reason returns: the unit is inspected for resale (its condition grade, the accessories and
// the activation the diagnosis recorded) and ends either back in stock as a graded returned
// unit or on its way back to the vendor. One step records the inspection, puts the unit away
// when it is restocked, and moves the order to `restocked` in one transaction; its event
// carries the result, so the platform refunds the customer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

// A: as new. B: light signs of use. C: visible wear. D: damaged, not sold as is.
enum class ConditionGrade { A, B, C, D };

constexpr auto enum_names(ConditionGrade) {
    using enum ConditionGrade;
    return std::to_array<EnumName<ConditionGrade>>({{A, "A"}, {B, "B"}, {C, "C"}, {D, "D"}});
}

enum class ResaleOutcome { Restock, ReturnToVendor };

constexpr auto enum_names(ResaleOutcome) {
    using enum ResaleOutcome;
    return std::to_array<EnumName<ResaleOutcome>>(
        {{Restock, "restock"}, {ReturnToVendor, "return_to_vendor"}});
}

struct InspectionRequest {
    std::string order_number;
    ConditionGrade grade = ConditionGrade::A;
    ResaleOutcome outcome = ResaleOutcome::Restock;
    std::string bin;  // where a restocked unit is put away
    std::string operator_id;
    std::string note;
};

struct ResaleInspection {
    std::string order_number;
    ConditionGrade grade = ConditionGrade::A;
    std::vector<std::string> missing_accessories;
    bool activated = false;
    ResaleOutcome outcome = ResaleOutcome::Restock;
    std::string serial;
    std::string sku;  // the whole-unit part it was restocked as; empty when returned to vendor
    std::string bin;
    std::int64_t inspected_ms = 0;
};

// Refused (nothing changes) when the order is not a diagnosed no-reason return, has no
// diagnosis, a grade D unit is to be restocked, or a restock has no bin or no whole-unit part.
Result<ResaleInspection> inspect_return(StationStore& store, const InspectionRequest& request);
Result<std::optional<ResaleInspection>> find_inspection(StationStore& store,
                                                        const std::string& order_id);

}  // namespace rs::station
