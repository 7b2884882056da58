// Quotes: lines of parts (original or substitute) and labour, priced by the policy's terms, sent
// to the customer through the platform; an expired quote returns the device unrepaired.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/orders/repair_orders.h"
#include "station/policy/policy.h"
#include "station/store/station_store.h"

namespace rs::station {

struct QuoteLine {
    std::string kind;  // "part" or "labour"
    std::string code;  // part SKU or repair code
    std::string description;
    std::int64_t quantity = 1;    // parts: pieces; labour: minutes
    std::int64_t unit_minor = 0;  // parts: per piece; labour: per hour
    std::int64_t amount_minor = 0;
    bool substitute = false;  // not the original part: the customer consents on the quote
};

struct Quote {
    std::string id;
    std::string order_number;
    std::string currency;
    std::vector<QuoteLine> lines;
    std::int64_t total_minor = 0;
    std::int64_t valid_until_ms = 0;
    bool consent_required = false;
    std::string operator_id;
    std::int64_t created_ms = 0;
    // The customer's answer, once accepted (on the platform or told to a supervisor): when, who
    // recorded it, and whether the customer consented to its substitute parts.
    std::optional<std::int64_t> accepted_ms;
    std::string accepted_by;
    bool substitutes_consented = false;

    // The quote's line for part `sku`, or null.
    const QuoteLine* part_line(const std::string& sku) const;
};

struct QuotePart {
    std::string sku;
    std::int64_t quantity = 1;
    bool substitute = false;
};

struct QuoteRequest {
    std::string order_number;
    std::string operator_id;
    std::vector<QuotePart> parts;
    std::vector<std::string> labour;  // repair codes of the order's category
    std::string note;
};

// Prices the lines (parts from the catalog, labour from the repair codes' standard times), keeps
// the quote and moves the order to awaiting_approval in one transaction; the
// `repair_order.quoted` event carries the lines and the total.
Result<Quote> make_quote(StationStore& store, const Policy& policy, const QuoteRequest& request);
Result<std::optional<Quote>> latest_quote(StationStore& store, const std::string& order_id);
nlohmann::json quote_to_json(const Quote& quote);

struct QuoteAcceptance {
    std::string order_number;
    std::string operator_id;           // a supervisor recording the customer's answer
    bool consent_substitutes = false;  // the customer consented to the quote's substitute parts
    std::string note;
};

// The customer accepted the order's latest quote: records the acceptance (and the consent to its
// substitute parts, which only a quote with substitute lines can receive) and moves the order to
// approved, in one transaction; the audit row and `repair_order.quote_approved` carry quote_id,
// consent_substitutes and the substitute SKUs consented to.
Result<RepairOrder> accept_quote(StationStore& store, const QuoteAcceptance& acceptance);
// The recording part of it, inside the caller's transaction (the sync applies the platform's
// answer with its move); consent counts only for a quote with substitute lines. Returns what the
// move's event carries.
Result<nlohmann::json> record_quote_acceptance(StationStore& store, const RepairOrder& order,
                                               const std::string& operator_id,
                                               bool consent_substitutes);

// Orders whose quote expired unanswered move to returned_unrepaired, moved by `operator_id` (a
// supervisor, or each order's owner); returns
// the order numbers moved.
Result<std::vector<std::string>> expire_quotes(StationStore& store, const std::string& operator_id);

}  // namespace rs::station
