// Quotes: pricing lines from the parts catalog and the repair codes, kept with the move they cause.
#include "station/orders/quotes.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "common/store/transaction.h"
#include "inventory/catalog.h"
#include "station/orders/diagnosis.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_store.h"

namespace rs::station {
namespace {

using json = nlohmann::json;

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "quote"};
}

// Integer division rounding half up: amounts stay exact in minor units.
std::int64_t rounded(std::int64_t numerator, std::int64_t denominator) {
    return (numerator + denominator / 2) / denominator;
}

Result<QuoteLine> part_line(inventory::Inventory& inventory, const QuoteTerms& terms,
                            const QuotePart& wanted) {
    if (wanted.quantity <= 0) return std::unexpected(invalid("a part's quantity must be positive"));
    auto part = inventory::find_part(inventory, wanted.sku);
    if (!part) return std::unexpected(part.error());
    if (wanted.substitute) {
        // A substitute is one the catalog lists as replacing some other part.
        auto originals = inventory::originals_of(inventory, wanted.sku);
        if (!originals) return std::unexpected(originals.error());
        if (originals->empty())
            return std::unexpected(invalid(fmt::format(
                "{} is not listed as a substitute of any part in the catalog", wanted.sku)));
    }
    QuoteLine line;
    line.kind = "part";
    line.code = part->sku;
    line.description = part->description_zh + " / " + part->description_en +
                       (wanted.substitute ? " (substitute, not original)" : " (original)");
    line.quantity = wanted.quantity;
    line.unit_minor = rounded(part->standard_cost * (100 + terms.parts_markup_percent), 100);
    line.amount_minor = line.unit_minor * line.quantity;
    line.substitute = wanted.substitute;
    return line;
}

Quote read_quote(store::RowReader row) {
    Quote quote;
    row.read(quote.id, quote.order_number, quote.currency, quote.total_minor, quote.valid_until_ms,
             quote.consent_required, quote.operator_id, quote.created_ms, quote.accepted_ms,
             quote.accepted_by, quote.substitutes_consented);
    return quote;
}

}  // namespace

const QuoteLine* Quote::part_line(const std::string& sku) const {
    for (const auto& line : lines)
        if (line.kind == "part" && line.code == sku) return &line;
    return nullptr;
}

json quote_to_json(const Quote& quote) {
    json lines = json::array();
    for (const auto& line : quote.lines)
        lines.push_back({{"kind", line.kind},
                         {"code", line.code},
                         {"description", line.description},
                         {"quantity", line.quantity},
                         {"unit_minor", line.unit_minor},
                         {"amount_minor", line.amount_minor},
                         {"substitute", line.substitute}});
    return {{"id", quote.id},
            {"amount_minor", quote.total_minor},
            {"currency", quote.currency},
            {"lines", lines},
            {"valid_until", format_utc_ms(quote.valid_until_ms)},
            {"consent_required", quote.consent_required}};
}

Result<Quote> make_quote(StationStore& store, const Policy& policy, const QuoteRequest& request) {
    if (request.parts.empty() && request.labour.empty())
        return std::unexpected(invalid("a quote needs at least one line (--part or --labour)"));
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = find_order_by_number(store, request.order_number);
    if (!order) return std::unexpected(order.error());
    if (!*order)
        return fail(ErrorCode::NotFound, "no repair order " + request.order_number, "quote");
    auto rma = find_rma(store, (*order)->rma_id);
    if (!rma) return std::unexpected(rma.error());
    const ProductCategory* category =
        *rma ? policy.category_for((*rma)->category, (*rma)->product_sku) : nullptr;
    if (!category)
        return std::unexpected(invalid(fmt::format("{}: policy {} gives no product category",
                                                   request.order_number, policy.version)));

    Quote quote;
    quote.id = store.ids().next();
    quote.order_number = request.order_number;
    quote.currency = policy.quotes.currency;
    quote.operator_id = request.operator_id;
    quote.created_ms = store.now_ms();
    quote.valid_until_ms =
        quote.created_ms + std::int64_t{policy.quotes.validity_days} * 86'400'000;
    inventory::Inventory inventory(store.db(), store.clock());
    for (const auto& wanted : request.parts) {
        auto line = part_line(inventory, policy.quotes, wanted);
        if (!line) return std::unexpected(line.error());
        quote.lines.push_back(std::move(*line));
    }
    for (const auto& code : request.labour) {
        auto found = find_fault_code(store, category->name, FaultCodeKind::Repair, code);
        if (!found) return std::unexpected(found.error());
        if (!*found)
            return std::unexpected(
                invalid(fmt::format("{} is not a repair code of category {} (station faults list "
                                    "--category {} --kind repair)",
                                    code, category->name, category->name)));
        QuoteLine line;
        line.kind = "labour";
        line.code = code;
        line.description = (*found)->name_zh + " / " + (*found)->name_en;
        line.quantity = (*found)->standard_minutes;
        line.unit_minor = policy.quotes.labour_rate_per_hour;
        line.amount_minor = rounded(line.quantity * line.unit_minor, 60);
        quote.lines.push_back(std::move(line));
    }
    for (const auto& line : quote.lines) {
        quote.total_minor += line.amount_minor;
        quote.consent_required = quote.consent_required || line.substitute;
    }

    auto insert = store.db().cached(
        "INSERT INTO quotes (id, repair_order_id, currency, total_minor, valid_until_ms, "
        "consent_required, operator_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(quote.id, (*order)->id, quote.currency, quote.total_minor,
                        quote.valid_until_ms, quote.consent_required, quote.operator_id,
                        quote.created_ms);
    if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
    for (std::size_t i = 0; i < quote.lines.size(); ++i) {
        const auto& line = quote.lines[i];
        auto add = store.db().cached(
            "INSERT INTO quote_lines (quote_id, line_no, kind, code, description, quantity, "
            "unit_minor, amount_minor, substitute) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!add) return std::unexpected(add.error());
        (*add)->bind_all(quote.id, static_cast<std::int64_t>(i + 1), line.kind, line.code,
                         line.description, line.quantity, line.unit_minor, line.amount_minor,
                         line.substitute);
        if (auto done = (*add)->run(); !done) return std::unexpected(done.error());
    }

    MoveRequest move{request.order_number, OrderState::AwaitingApproval, request.operator_id,
                     request.note.empty()
                         ? fmt::format("quote {} {}.{:02}", quote.currency, quote.total_minor / 100,
                                       quote.total_minor % 100)
                         : request.note};
    move.event_detail = {{"quote", quote_to_json(quote)}};
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return std::unexpected(moved.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return quote;
}

Result<std::optional<Quote>> latest_quote(StationStore& store, const std::string& order_id) {
    auto query = store.db().cached(
        "SELECT q.id, o.number, q.currency, q.total_minor, q.valid_until_ms, q.consent_required, "
        "q.operator_id, q.created_ms, q.accepted_ms, q.accepted_by, q.substitutes_consented "
        "FROM quotes q JOIN repair_orders o "
        "ON o.id = q.repair_order_id WHERE q.repair_order_id = ?1 "
        "ORDER BY q.created_ms DESC, q.id DESC LIMIT 1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, order_id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Quote>{};
    Quote quote = read_quote(**query);
    auto lines = store.db().cached(
        "SELECT kind, code, description, quantity, unit_minor, amount_minor, substitute "
        "FROM quote_lines WHERE quote_id = ?1 ORDER BY line_no");
    if (!lines) return std::unexpected(lines.error());
    (*lines)->bind(1, quote.id);
    auto read = (*lines)->each_row([&](store::RowReader line_row) {
        QuoteLine line;
        line_row.read(line.kind, line.code, line.description, line.quantity, line.unit_minor,
                      line.amount_minor, line.substitute);
        quote.lines.push_back(std::move(line));
    });
    if (!read) return std::unexpected(read.error());
    return std::optional<Quote>{std::move(quote)};
}

Result<nlohmann::json> record_quote_acceptance(StationStore& store, const RepairOrder& order,
                                               const std::string& operator_id,
                                               bool consent_substitutes) {
    auto quote = latest_quote(store, order.id);
    if (!quote) return std::unexpected(quote.error());
    if (!*quote)
        return std::unexpected(
            invalid(fmt::format("{} has no quote to accept (station orders quote {} ...)",
                                order.number, order.number)));
    json substitutes = json::array();
    for (const auto& line : (*quote)->lines)
        if (line.substitute) substitutes.push_back(line.code);
    // Consent is to the quote's substitute lines: a quote without any receives none.
    consent_substitutes = consent_substitutes && !substitutes.empty();
    auto update = store.db().cached(
        "UPDATE quotes SET accepted_ms = ?2, accepted_by = ?3, substitutes_consented = ?4 "
        "WHERE id = ?1");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all((*quote)->id, store.now_ms(), operator_id, consent_substitutes);
    if (auto done = (*update)->run(); !done) return std::unexpected(done.error());
    return json{{"quote_id", (*quote)->id},
                {"consent_substitutes", consent_substitutes},
                {"substitutes", consent_substitutes ? substitutes : json::array()}};
}

Result<RepairOrder> accept_quote(StationStore& store, const QuoteAcceptance& acceptance) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = require_order(store, acceptance.order_number, "quote");
    if (!order) return std::unexpected(order.error());
    if (order->state != OrderState::AwaitingApproval)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: only an order awaiting approval has a quote to accept",
                                order->number, name_of(order->state)),
                    "quote");
    auto recorded = record_quote_acceptance(store, *order, acceptance.operator_id,
                                            acceptance.consent_substitutes);
    if (!recorded) return std::unexpected(recorded.error());
    if (acceptance.consent_substitutes && !(*recorded)["consent_substitutes"].get<bool>())
        return std::unexpected(invalid(
            fmt::format("{}'s quote has no substitute part: there is nothing to consent to (leave "
                        "out --consent-substitutes)",
                        order->number)));
    MoveRequest move{order->number, OrderState::Approved, acceptance.operator_id,
                     acceptance.note.empty()
                         ? std::string(acceptance.consent_substitutes
                                           ? "the customer accepted the quote and its substitute "
                                             "parts"
                                           : "the customer accepted the quote")
                         : acceptance.note};
    move.event_detail = *recorded;
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return moved;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return moved;
}

Result<std::vector<std::string>> expire_quotes(StationStore& store,
                                               const std::string& operator_id) {
    auto waiting = list_orders(store, {.state = OrderState::AwaitingApproval, .limit = 100000});
    if (!waiting) return std::unexpected(waiting.error());
    std::vector<std::string> moved;
    for (const auto& order : *waiting) {
        auto quote = latest_quote(store, order.id);
        if (!quote) return std::unexpected(quote.error());
        if (!*quote || (*quote)->valid_until_ms >= store.now_ms()) continue;
        auto done = move_order(store, {order.number, OrderState::ReturnedUnrepaired, operator_id,
                                       fmt::format("quote expired unanswered on {}",
                                                   format_utc_ms((*quote)->valid_until_ms))});
        if (!done) return std::unexpected(done.error());
        moved.push_back(order.number);
    }
    return moved;
}

}  // namespace rs::station
