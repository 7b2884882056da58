// Supplier returns: batches of parts going back to one supplier (dead on arrival, good parts,
// cores taken out of devices), set aside while the batch is open, out of stock once shipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "inventory/inventory.h"
#include "inventory/suppliers.h"

namespace rs::inventory {

// Why a part goes back. From a bin: doa (found dead before use), good_part_return (unused,
// not needed), damaged (arrived damaged). From a repair order: core_return (the defective part
// taken out of the device, for the supplier's core credit) or doa (the new part was dead when
// fitted).
enum class ReturnReason { DeadOnArrival, GoodPartReturn, CoreReturn, Damaged };

constexpr auto enum_names(ReturnReason) {
    using enum ReturnReason;
    return std::to_array<EnumName<ReturnReason>>({{DeadOnArrival, "doa"},
                                                  {GoodPartReturn, "good_part_return"},
                                                  {CoreReturn, "core_return"},
                                                  {Damaged, "damaged"}});
}

enum class ReturnState { Open, Shipped };

constexpr auto enum_names(ReturnState) {
    using enum ReturnState;
    return std::to_array<EnumName<ReturnState>>({{Open, "open"}, {Shipped, "shipped"}});
}

enum class ReturnLineState { Held, Removed, Shipped };

constexpr auto enum_names(ReturnLineState) {
    using enum ReturnLineState;
    return std::to_array<EnumName<ReturnLineState>>(
        {{Held, "held"}, {Removed, "removed"}, {Shipped, "shipped"}});
}

// "SR-000042": how a batch is named on its label and in commands.
std::string supplier_return_name(std::int64_t number);
// Reads "SR-000042", "SR-42" or "42"; Invalid otherwise.
Result<std::int64_t> parse_supplier_return_name(const std::string& text);

struct ReturnLine {
    std::int64_t id = 0;
    std::string sku;
    std::string supplier_part_number;
    std::int64_t qty = 0;
    std::string lot, serial;
    ReturnReason reason = ReturnReason::DeadOnArrival;
    std::string origin;     // the bin it was set aside from, or CONSUMPTION (a repair order's)
    std::string reference;  // the repair order or the receipt
    ReturnLineState state = ReturnLineState::Held;
    std::string person;
    std::int64_t added_ms = 0;
};

struct SupplierReturnBatch {
    std::int64_t id = 0;
    std::int64_t number = 0;
    std::string name() const { return supplier_return_name(number); }
    Supplier supplier;
    ReturnState state = ReturnState::Open;
    std::string supplier_rma;  // the supplier's return authorization, when it gives one
    std::string opened_by;
    std::int64_t opened_ms = 0;
    std::string shipped_by;
    std::int64_t shipped_ms = 0;
    std::string carrier, tracking_number;
    std::vector<ReturnLine> lines;  // every line, removed ones too, oldest first
    std::int64_t units(ReturnLineState of) const;
};

Result<SupplierReturnBatch> open_supplier_return(Inventory& inventory, const std::string& supplier,
                                                 const std::string& supplier_rma,
                                                 const std::string& person);

struct ReturnLineRequest {
    std::string batch;  // SR-000001
    std::string sku;
    std::int64_t qty = 1;
    std::string lot, serial;
    ReturnReason reason = ReturnReason::DeadOnArrival;
    std::string from_bin;    // a part in stock: the bin it is in (set aside in QUARANTINE)
    std::string from_order;  // or a part a repair order used: its number (checked in the ledger)
    std::string reference;   // the receipt (from_order sets it to the order)
    std::string person;
};

// Adds one line to an open batch. The supplier must supply the part; a part from a bin is moved
// to QUARANTINE (still on hand, no longer available); a part from a repair order must have been
// consumed by it, no more units per reason than it consumed.
Result<ReturnLine> add_return_line(Inventory& inventory, const ReturnLineRequest& request);

// Takes a held line back out of an open batch: a part from a bin goes back to that bin.
Result<ReturnLine> remove_return_line(Inventory& inventory, const std::string& batch,
                                      std::int64_t line_id, const std::string& person);

struct ShipReturn {
    std::string batch;
    std::string carrier, tracking_number;  // optional: how it travels
    std::string person;
};

// Ships an open batch with held lines: each line leaves stock with one move to SUPPLIER-RETURN.
// Inside the caller's transaction when there is one (the station prints the label with it).
Result<SupplierReturnBatch> ship_supplier_return(Inventory& inventory, const ShipReturn& request);

Result<SupplierReturnBatch> find_supplier_return(Inventory& inventory, const std::string& batch);
// Newest first, with their lines; only those in `state` when given.
Result<std::vector<SupplierReturnBatch>> list_supplier_returns(Inventory& inventory,
                                                               std::optional<ReturnState> state);

}  // namespace rs::inventory
