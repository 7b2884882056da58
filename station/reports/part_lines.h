// The part lines the supplier reports count, as SQL both the reports and the parts export run,
// so that what the export lists is what the reports count (docs/reports.md, "Suppliers").
#pragma once

#include <string>

namespace rs::station {

// The supplier a used part is counted under when the catalog does not name exactly one.
inline constexpr const char* k_supplier_not_known = "(not known)";

// One row per move of a part into CONSUMPTION for a repair order (the ledger's "used"): move_id,
// order_number, sku, qty, at_ms, unit_cost, supplier_count (how many suppliers the catalog lists
// for the part), supplier (the first of them by name, "" when none).
std::string used_lines_sql();

// One row per supplier-return line not taken back out of its batch (state held or shipped):
// line_id, reference (the repair order or the receipt), sku, qty, added_ms, reason, batch number,
// batch state, line state, supplier, unit_value (the part's moving average cost, minor units).
std::string return_lines_sql();

// The reasons that count against the supplier's quality: "doa" is dead on arrival; "damaged"
// (arrived damaged) is returned as defective. good_part_return (unused, not needed) and
// core_return (the customer's failed part taken out of the device, for core credit) say nothing
// about the supplier's part.
inline constexpr const char* k_reason_doa = "doa";
inline constexpr const char* k_reason_defective = "damaged";

}  // namespace rs::station
