// Exchanges: a customer's unit with a quality defect within the exchange window is replaced by
// a unit from serialized stock. One step takes the replacement off its shelf (its serial
// scanned, checked against the product the customer sent in), records what becomes of the
// returned unit, and moves the order to `exchanged`, in one transaction; the replacement then
// ships with its own label (`station ship`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

// What becomes of the unit the customer sent in.
enum class ReturnedUnitFate { Refurbishment, SupplierReturn, Scrap };

constexpr auto enum_names(ReturnedUnitFate) {
    using enum ReturnedUnitFate;
    return std::to_array<EnumName<ReturnedUnitFate>>(
        {{Refurbishment, "refurbishment"}, {SupplierReturn, "supplier_return"}, {Scrap, "scrap"}});
}

struct ExchangeRequest {
    std::string order_number;
    std::string replacement_serial;  // scanned from the unit taken off the shelf
    ReturnedUnitFate returned_unit = ReturnedUnitFate::Refurbishment;
    std::string operator_id;
    std::string note;
    // supplier_return only: the open batch (SR-...) the customer's unit joins, as a core return
    // of the whole unit the order used, under the customer's serial.
    std::string supplier_return;
};

struct Exchange {
    std::string order_number;
    std::string product;  // the RMA's, which the replacement matches
    std::string replacement_sku;
    std::string replacement_serial;
    std::int64_t unit_cost = 0;
    ReturnedUnitFate returned_unit = ReturnedUnitFate::Refurbishment;
    std::int64_t exchanged_ms = 0;
    std::string supplier_return;  // the batch the returned unit joined, if it went there
};

// Refused (nothing changes) when the order is not diagnosed for an exchange, the serial is not
// on a shelf, it is a unit of another product, or a returned unit for the supplier has no open
// batch of a supplier of that unit.
Result<Exchange> exchange_order(StationStore& store, const ExchangeRequest& request);
Result<std::optional<Exchange>> find_exchange(StationStore& store, const std::string& order_id);

}  // namespace rs::station
