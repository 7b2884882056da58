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

bool needs_attention(const IntakeResult& result) {
    return result.outcome == IntakeOutcome::Rejected ||
           result.outcome == IntakeOutcome::IdentityMismatch;
}

Result<IntakeSession> IntakeSession::start(StationStore& store, const std::string& operator_id) {
    if (auto person = require_operator(store, operator_id, k_people_roles, "intake"); !person)
        return std::unexpected(person.error());
    return IntakeSession(store, operator_id);
}

Result<IntakeSession> start_intake(StationStore& store, const StationConfig& config,
                                   const std::string& operator_id) {
    auto session = IntakeSession::start(store, operator_id);
    if (!session) return session;
    auto tags = intake_tag_printing(config);
    if (!tags) return std::unexpected(tags.error());
    if (*tags) session->print_tags(**tags);
    return session;
}

Result<IntakeResult> IntakeSession::scan(const Scan& scan, const AlsoInTransaction& also) {
    if (scan.text.size() > k_longest_scan_bytes) return refuse_oversized(scan, also);
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
        if (logged && also) logged = also(*result);
        if (logged) logged = transaction->commit();
        if (logged) return result;
        result = std::unexpected(logged.error());
    }
    // Nothing was written: the session forgets what this scan changed too.
    m_operator_id = operator_before;
    m_current_order = order_before;
    return result;
}

Result<IntakeResult> IntakeSession::refuse_oversized(const Scan& scan,
                                                     const AlsoInTransaction& also) {
    IntakeResult result;
    result.outcome = IntakeOutcome::Rejected;
    result.message = fmt::format(
        "not accepted: more than {} bytes in one scan, and no barcode holds more than about 3 KB "
        "(a stuck scanner or pasted text?); its first bytes are kept in the scan log",
        k_longest_scan_bytes);
    Scan kept = scan;
    kept.text.resize(k_longest_scan_bytes);
    auto transaction = store::Transaction::begin(m_store->db());
    if (!transaction) return std::unexpected(transaction.error());
    if (auto logged = log_scan(*m_store, kept, m_operator_id, result); !logged)
        return std::unexpected(logged.error());
    if (also)
        if (auto recorded = also(result); !recorded) return std::unexpected(recorded.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
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
    if (const auto* badge = first_valid(readings, CodeKind::OperatorBadge))
        return change_operator(scan, *badge, std::move(result));
    if (const auto* tag = first_valid(readings, CodeKind::RepairOrder))
        return select_order(scan, *tag, std::move(result));

    auto matches = match_rmas(scan, readings);
    if (!matches) return std::unexpected(matches.error());
    if (matches->rmas.empty() && m_current_order) {
        const Classification* identity = first_valid(readings, CodeKind::Imei);
        if (!identity) identity = first_valid(readings, CodeKind::Serial);
        if (identity) return check_identity(scan, *identity, std::move(result));
    }
    if (matches->rmas.empty()) return keep_unmatched(scan, std::move(result));
    return receive(scan, *matches, std::move(result));
}

Result<IntakeResult> IntakeSession::change_operator(const Scan& scan, const Classification& badge,
                                                    IntakeResult result) {
    std::string id = badge.field("id").empty() ? scan.text : badge.field("id");
    // A badge nobody knows is a rejected scan, not an error: the bench goes on.
    auto person = find_operator(*m_store, id);
    if (!person) return std::unexpected(person.error());
    if (!*person) {
        result.outcome = IntakeOutcome::Rejected;
        result.message = fmt::format(
            "badge {} belongs to nobody in this store: ask a supervisor to add it (station "
            "operators add)",
            id);
        return result;
    }
    if (m_operator_kept && id != m_operator_id) {
        result.outcome = IntakeOutcome::Rejected;
        result.message = fmt::format(
            "badge {} only claims who scans: {} proved who acts here; to hand over, start again "
            "as {} (its PIN is asked)",
            id, m_operator_id, id);
        return result;
    }
    m_operator_id = id;
    m_current_order.reset();
    result.outcome = IntakeOutcome::OperatorChanged;
    result.message =
        fmt::format("{} ({}, {}) is now scanning", (*person)->name, id, name_of((*person)->role));
    return result;
}

Result<IntakeResult> IntakeSession::select_order(const Scan& scan, const Classification& tag,
                                                 IntakeResult result) {
    std::string number = tag.field("id").empty() ? scan.text : tag.field("id");
    auto order = find_order_by_number(*m_store, number);
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
        "{} selected (state {}, owner {}); scan the device's serial or IMEI to check it", number,
        name_of((*order)->state), (*order)->owner_id);
    return result;
}

Result<IntakeSession::RmaMatches> IntakeSession::match_rmas(
    const Scan& scan, const std::vector<Classification>& readings) {
    RmaMatches matches;
    std::set<std::string> seen_ids;
    auto keep = [&](std::vector<Rma> found, const std::string& how) {
        for (auto& rma : found)
            if (seen_ids.insert(rma.id).second) {
                matches.rmas.push_back(std::move(rma));
                if (matches.matched_by.empty()) matches.matched_by = how;
            }
    };
    if (const auto* rma_reading = first_valid(readings, CodeKind::Rma)) {
        std::string number =
            rma_reading->field("id").empty() ? scan.text : rma_reading->field("id");
        auto rma = find_rma_by_number(*m_store, number);
        if (!rma) return std::unexpected(rma.error());
        if (*rma) keep({**rma}, "RMA number " + number);
    }
    for (const auto& candidate : tracking_candidates(scan, readings)) {
        auto rmas = find_rmas_by_tracking(*m_store, candidate);
        if (!rmas) return std::unexpected(rmas.error());
        keep(std::move(*rmas), "inbound tracking number " + candidate);
    }
    return matches;
}

Result<IntakeResult> IntakeSession::keep_unmatched(const Scan& scan, IntakeResult result) {
    std::string reason = "no RMA expected here has this tracking or RMA number";
    std::string kinds = describe_kinds(result.readings);
    auto arrival = record_arrival(*m_store, scan.text, kinds, reason, m_operator_id);
    if (!arrival) return std::unexpected(arrival.error());
    result.outcome = IntakeOutcome::Arrival;
    result.message =
        arrival->times_seen == 1
            ? fmt::format(
                  "unmatched parcel ({}): {}; kept as an arrival for follow-up (station arrivals "
                  "list)",
                  kinds, reason)
            : fmt::format(
                  "unmatched parcel seen again ({} times since {}): still kept as one "
                  "arrival",
                  arrival->times_seen, format_utc_ms(arrival->first_seen_ms));
    return result;
}

Result<IntakeResult> IntakeSession::receive(const Scan& scan, const RmaMatches& matches,
                                            IntakeResult result) {
    std::vector<std::string> messages;
    result.outcome = IntakeOutcome::AlreadyReceived;
    for (const Rma& rma : matches.rmas) {
        auto received = receive_one(scan, rma, matches.matched_by, result, messages);
        if (!received) return std::unexpected(received.error());
    }
    for (const auto& message : messages) {
        if (!result.message.empty()) result.message += "; ";
        result.message += message;
    }
    return result;
}

Status IntakeSession::receive_one(const Scan& scan, const Rma& rma, const std::string& matched_by,
                                  IntakeResult& result, std::vector<std::string>& messages) {
    auto existing = find_order_by_rma(*m_store, rma.id);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        const RepairOrder& order = **existing;
        result.order_numbers.push_back(order.number);
        m_current_order = order.number;
        messages.push_back(fmt::format(
            "{} already received as {} on {} by {} (state {}): no new order made", rma.number,
            order.number, format_utc_ms(order.created_ms), order.owner_id, name_of(order.state)));
        return {};
    }
    if (!is_expected_here(rma)) {
        auto arrival =
            record_arrival(*m_store, scan.text, describe_kinds(result.readings),
                           fmt::format("{} is {} on the platform", rma.number, name_of(rma.status)),
                           m_operator_id);
        if (!arrival) return std::unexpected(arrival.error());
        if (result.outcome == IntakeOutcome::AlreadyReceived)
            result.outcome = IntakeOutcome::Arrival;
        messages.push_back(fmt::format(
            "{} is {} on the platform: no order made; parcel kept as an arrival, set it aside for "
            "a supervisor",
            rma.number, name_of(rma.status)));
        return {};
    }
    auto created = create_order(*m_store, {rma, m_operator_id, scan, matched_by});
    if (!created) return std::unexpected(created.error());
    result.outcome = IntakeOutcome::Received;
    result.order_numbers.push_back(created->number);
    m_current_order = created->number;
    messages.push_back(fmt::format("{} received for {} ({}, {}), matched by {}; owner {}",
                                   created->number, rma.number, name_of(rma.type),
                                   rma.product_model, matched_by, m_operator_id));
    if (m_tag_printing) {
        auto tagged =
            queue_tag({created->id, created->number, created->created_ms, rma.product_model});
        if (!tagged) return std::unexpected(tagged.error());
        messages.push_back(*tagged);
    }
    return {};
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
