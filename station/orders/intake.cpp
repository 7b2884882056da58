// Intake: classify a scan, match it to an RMA, create the repair order, all in one transaction.
#include "station/orders/intake.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/store/transaction.h"
#include "station/orders/arrivals.h"
#include "station/orders/repair_orders.h"
#include "station/people/operators.h"
#include "station/rma/rma_store.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

using labels::Classification;
using labels::CodeKind;

const Classification* first_valid(const std::vector<Classification>& readings, CodeKind kind) {
    for (const auto& reading : readings)
        if (reading.valid && reading.kind == kind) return &reading;
    return nullptr;
}

// "tracking (SF Express), imei"
std::string describe_kinds(const std::vector<Classification>& readings) {
    std::string text;
    for (const auto& reading : readings) {
        if (!text.empty()) text += ", ";
        text += labels::kind_name(reading.kind);
        std::string carrier = reading.field("carrier");
        if (!carrier.empty()) text += " (" + carrier + ")";
        if (!reading.valid) text += " [invalid]";
    }
    return text;
}

// The texts under which an RMA may list this parcel: the tracking numbers the grammar
// extracted (a USPS scan with its 420+ZIP prefix, a FedEx long barcode), SSCCs, and the raw
// text as typed, for carriers the grammar does not know.
std::vector<std::string> tracking_candidates(const Scan& scan,
                                             const std::vector<Classification>& readings) {
    std::vector<std::string> candidates;
    auto add = [&](const std::string& text) {
        if (!text.empty() &&
            std::find(candidates.begin(), candidates.end(), text) == candidates.end())
            candidates.push_back(text);
    };
    for (const auto& reading : readings) {
        if (!reading.valid) continue;
        if (reading.kind == CodeKind::Tracking) add(reading.field("tracking_number"));
        if (reading.kind == CodeKind::Gs1) add(reading.field("(00)"));
    }
    add(scan.text);
    return candidates;
}

bool same_identity(const std::string& expected, const std::string& scanned) {
    if (expected.size() != scanned.size()) return false;
    return std::equal(expected.begin(), expected.end(), scanned.begin(), [](char a, char b) {
        return std::toupper(static_cast<unsigned char>(a)) ==
               std::toupper(static_cast<unsigned char>(b));
    });
}

Status log_scan(StationStore& store, const Scan& scan, const std::string& operator_id,
                const IntakeResult& result) {
    auto insert = store.db().cached(
        "INSERT INTO scans (time_ms, source, text, symbology, operator_id, outcome, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind(1, scan.time_ms ? scan.time_ms : store.now_ms());
    (*insert)->bind(2, scan.source);
    (*insert)->bind_blob(3, scan.text);
    (*insert)->bind(4, scan.symbology);
    (*insert)->bind(5, operator_id);
    (*insert)->bind(6, result.outcome);
    (*insert)->bind(7, result.message);
    return (*insert)->run();
}

}  // namespace

Result<IntakeSession> IntakeSession::start(StationStore& store, const std::string& operator_id) {
    auto person = find_operator(store, operator_id);
    if (!person) return std::unexpected(person.error());
    if (!*person)
        return fail(ErrorCode::NotFound,
                    fmt::format("unknown operator {}: add them with `station operators add` or "
                                "scan a known badge",
                                operator_id),
                    "intake");
    return IntakeSession(store, operator_id);
}

Result<IntakeResult> IntakeSession::scan(const Scan& scan) {
    auto readings = labels::classify(scan);
    // One transaction per scan: the order, its audit row, its outbox event and the scan log
    // row are all there, or none is.
    auto transaction = store::Transaction::begin(m_store->db());
    if (!transaction) return std::unexpected(transaction.error());
    std::string operator_before = m_operator_id;
    std::optional<std::string> order_before = m_current_order;
    auto result = handle(scan, std::move(readings));
    if (result) {
        auto logged = log_scan(*m_store, scan, operator_before, *result);
        if (logged) logged = transaction->commit();
        if (logged) return result;
        result = std::unexpected(logged.error());
    }
    // Nothing was written: the session forgets what this scan changed too.
    m_operator_id = operator_before;
    m_current_order = order_before;
    return result;
}

Result<std::string> IntakeSession::queue_tag(const TaggedOrder& order) {
    auto job = repair_order_tag_job(order, *m_tag_printing, m_operator_id);
    // A tag that cannot be laid out must not cost the parcel its intake: the order stands and
    // the tag can be printed by hand (`station print ro-tag`).
    if (!job) return fmt::format("no tag printed: {}", job.error().message);
    auto queued = enqueue_print_job(*m_store, *job);
    if (!queued) return std::unexpected(queued.error());
    return fmt::format("tag queued on {} (job {})", m_tag_printing->printer, queued->number);
}

Result<IntakeResult> IntakeSession::handle(const Scan& scan, std::vector<Classification> readings) {
    StationStore& store = *m_store;
    IntakeResult result;
    result.readings = readings;
    bool any_valid = std::any_of(readings.begin(), readings.end(),
                                 [](const Classification& r) { return r.valid; });
    if (!any_valid) {
        result.outcome = IntakeOutcome::Rejected;
        result.message = fmt::format("not accepted: {}. Scan it again or type the number.",
                                     readings.empty() ? "nothing read" : readings.front().why);
        return result;
    }

    if (const auto* badge = first_valid(readings, CodeKind::OperatorBadge)) {
        std::string id = badge->field("id").empty() ? scan.text : badge->field("id");
        auto person = find_operator(store, id);
        if (!person) return std::unexpected(person.error());
        if (!*person) {
            result.outcome = IntakeOutcome::Rejected;
            result.message = fmt::format(
                "badge {} belongs to nobody in this store: ask a "
                "supervisor to add it (station operators add)",
                id);
            return result;
        }
        m_operator_id = id;
        m_current_order.reset();
        result.outcome = IntakeOutcome::OperatorChanged;
        result.message = fmt::format("{} ({}, {}) is now scanning", (*person)->name, id,
                                     name_of((*person)->role));
        return result;
    }

    if (const auto* tag = first_valid(readings, CodeKind::RepairOrder)) {
        std::string number = tag->field("id").empty() ? scan.text : tag->field("id");
        auto order = find_order_by_number(store, number);
        if (!order) return std::unexpected(order.error());
        if (!*order) {
            result.outcome = IntakeOutcome::Rejected;
            result.message =
                fmt::format("{} is a valid repair order tag but not in this store", number);
            return result;
        }
        m_current_order = number;
        result.outcome = IntakeOutcome::OrderSelected;
        result.order_numbers = {number};
        result.message = fmt::format(
            "{} selected (state {}, owner {}); scan the device's "
            "serial or IMEI to check it",
            number, name_of((*order)->state), (*order)->owner_id);
        return result;
    }

    // Which RMAs does this parcel belong to?
    std::vector<Rma> matched;
    std::set<std::string> seen_ids;
    std::string matched_by;
    auto keep = [&](std::vector<Rma> found, const std::string& how) {
        for (auto& rma : found)
            if (seen_ids.insert(rma.id).second) {
                matched.push_back(std::move(rma));
                if (matched_by.empty()) matched_by = how;
            }
    };
    if (const auto* rma_reading = first_valid(readings, CodeKind::Rma)) {
        std::string number =
            rma_reading->field("id").empty() ? scan.text : rma_reading->field("id");
        auto rma = find_rma_by_number(store, number);
        if (!rma) return std::unexpected(rma.error());
        if (*rma) keep({**rma}, "RMA number " + number);
    }
    for (const auto& candidate : tracking_candidates(scan, readings)) {
        auto rmas = find_rmas_by_tracking(store, candidate);
        if (!rmas) return std::unexpected(rmas.error());
        keep(std::move(*rmas), "inbound tracking number " + candidate);
    }

    if (matched.empty() && m_current_order) {
        const Classification* identity = first_valid(readings, CodeKind::Imei);
        if (!identity) identity = first_valid(readings, CodeKind::Serial);
        if (identity) return check_identity(scan, *identity, std::move(result));
    }

    Journal journal(store.db(), store.clock(), store.ids());
    if (matched.empty()) {
        std::string reason = "no RMA expected here has this tracking or RMA number";
        auto arrival =
            record_arrival(store, scan.text, describe_kinds(readings), reason, m_operator_id);
        if (!arrival) return std::unexpected(arrival.error());
        result.outcome = IntakeOutcome::Arrival;
        result.message = arrival->times_seen == 1
                             ? fmt::format(
                                   "unmatched parcel ({}): {}; kept as an arrival for follow-up "
                                   "(station arrivals list)",
                                   describe_kinds(readings), reason)
                             : fmt::format(
                                   "unmatched parcel seen again ({} times since {}): still kept as "
                                   "one arrival",
                                   arrival->times_seen, format_utc_ms(arrival->first_seen_ms));
        return result;
    }

    std::vector<std::string> messages;
    result.outcome = IntakeOutcome::AlreadyReceived;
    for (const Rma& rma : matched) {
        auto existing = find_order_by_rma(store, rma.id);
        if (!existing) return std::unexpected(existing.error());
        if (*existing) {
            const RepairOrder& order = **existing;
            result.order_numbers.push_back(order.number);
            m_current_order = order.number;
            messages.push_back(
                fmt::format("{} already received as {} on {} by {} (state {}): no new order made",
                            rma.number, order.number, format_utc_ms(order.created_ms),
                            order.owner_id, name_of(order.state)));
            continue;
        }
        if (!is_expected_here(rma)) {
            auto arrival = record_arrival(
                store, scan.text, describe_kinds(readings),
                fmt::format("{} is {} on the platform", rma.number, name_of(rma.status)),
                m_operator_id);
            if (!arrival) return std::unexpected(arrival.error());
            if (result.outcome == IntakeOutcome::AlreadyReceived)
                result.outcome = IntakeOutcome::Arrival;
            messages.push_back(
                fmt::format("{} is {} on the platform: no order made; parcel kept "
                            "as an arrival, set it aside for a supervisor",
                            rma.number, name_of(rma.status)));
            continue;
        }
        // Numbers are handed out inside the write transaction, so they never collide.
        auto next = store.db().cached("SELECT coalesce(max(seq), 0) + 1 FROM repair_orders");
        if (!next) return std::unexpected(next.error());
        auto row = (*next)->step();
        if (!row) return std::unexpected(row.error());
        std::int64_t seq = (*next)->int64(0);
        std::string number =
            labels::make_own_id(labels::CodeKind::RepairOrder, fmt::format("{:06}", seq));
        std::string id = store.ids().next();
        std::int64_t now = store.now_ms();
        auto insert = store.db().cached(
            "INSERT INTO repair_orders (id, seq, number, rma_id, state, owner_id, arrival_scan, "
            "created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, ?7)");
        if (!insert) return std::unexpected(insert.error());
        (*insert)->bind_all(id, seq, number, rma.id, m_operator_id, scan.text, now);
        if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());
        nlohmann::json detail = {{"rma_id", rma.id},
                                 {"rma_number", rma.number},
                                 {"matched_by", matched_by},
                                 {"scan", scan.text},
                                 {"source", scan.source}};
        auto audited = journal.audit(
            AuditEntry{m_operator_id, id, "intake.received", std::nullopt, "received", detail});
        if (!audited) return std::unexpected(audited.error());
        auto published = journal.publish(OutboxEvent{"repair_order.received",
                                                     id,
                                                     {{"repair_order", number},
                                                      {"rma_id", rma.id},
                                                      {"rma_number", rma.number},
                                                      {"owner", m_operator_id},
                                                      {"inbound_scan", scan.text}}});
        if (!published) return std::unexpected(published.error());
        result.outcome = IntakeOutcome::Received;
        result.order_numbers.push_back(number);
        m_current_order = number;
        messages.push_back(fmt::format("{} received for {} ({}, {}), matched by {}; owner {}",
                                       number, rma.number, name_of(rma.type), rma.product_model,
                                       matched_by, m_operator_id));
        if (m_tag_printing) {
            auto tagged = queue_tag({id, number, now, rma.product_model});
            if (!tagged) return std::unexpected(tagged.error());
            messages.push_back(*tagged);
        }
    }
    for (const auto& message : messages) {
        if (!result.message.empty()) result.message += "; ";
        result.message += message;
    }
    return result;
}

Result<IntakeResult> IntakeSession::check_identity(const Scan& scan, const Classification& identity,
                                                   IntakeResult result) {
    StationStore& store = *m_store;
    auto order = find_order_by_number(store, *m_current_order);
    if (!order) return std::unexpected(order.error());
    if (!*order) return fail(ErrorCode::Internal, "the selected order disappeared", "intake");
    auto rma = find_rma(store, (*order)->rma_id);
    if (!rma) return std::unexpected(rma.error());
    if (!*rma) return fail(ErrorCode::Internal, "the order's RMA disappeared", "intake");

    bool is_imei = identity.kind == CodeKind::Imei;
    std::string scanned = scan.text;
    const std::string& expected = is_imei ? (*rma)->expected_imei : (*rma)->expected_serial;
    const char* what = is_imei ? "IMEI" : "serial number";
    IdentityStatus status = IdentityStatus::Unchecked;
    std::string action;
    if (expected.empty()) {
        result.outcome = IntakeOutcome::IdentityRecorded;
        action = "identity.recorded";
        result.message = fmt::format("{}: {} {} recorded; {} names no {} to compare with",
                                     (*order)->number, what, scanned, (*rma)->number, what);
    } else if (same_identity(expected, scanned)) {
        result.outcome = IntakeOutcome::IdentityConfirmed;
        status = IdentityStatus::Confirmed;
        action = "identity.confirmed";
        result.message =
            fmt::format("{}: {} {} matches {}", (*order)->number, what, scanned, (*rma)->number);
    } else {
        result.outcome = IntakeOutcome::IdentityMismatch;
        status = IdentityStatus::Mismatch;
        action = "identity.mismatch";
        result.message = fmt::format(
            "{}: MISMATCH: the device's {} is {} but {} expects {}; "
            "order flagged, hold the device for a supervisor",
            (*order)->number, what, scanned, (*rma)->number, expected);
    }
    auto update = store.db().cached(
        "UPDATE repair_orders SET identity_status = ?1, device_identity = ?2, updated_ms = ?3 "
        "WHERE id = ?4");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(status, scanned, store.now_ms(), (*order)->id);
    if (auto updated = (*update)->run(); !updated) return std::unexpected(updated.error());

    Journal journal(store.db(), store.clock(), store.ids());
    nlohmann::json detail = {
        {"kind", is_imei ? "imei" : "serial"}, {"scanned", scanned}, {"expected", expected}};
    auto audited = journal.audit(
        AuditEntry{m_operator_id, (*order)->id, action, std::nullopt, std::nullopt, detail});
    if (!audited) return std::unexpected(audited.error());
    if (result.outcome != IntakeOutcome::IdentityRecorded) {
        auto published = journal.publish(OutboxEvent{
            "repair_order." + action,
            (*order)->id,
            {{"repair_order", (*order)->number}, {"rma_id", (*rma)->id}, {"device", detail}}});
        if (!published) return std::unexpected(published.error());
    }
    result.order_numbers = {(*order)->number};
    return result;
}

}  // namespace rs::station
