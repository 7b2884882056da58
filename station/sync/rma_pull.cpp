// RMA pull: RMAs, flags, decisions and the cursor written together or not at all.
#include "station/sync/rma_pull.h"

#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include "common/store/transaction.h"
#include "station/orders/quotes.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_json.h"
#include "station/rma/rma_store.h"
#include "station/rma/satisfaction.h"
#include "station/store/journal.h"
#include "station/sync/sync_state.h"

namespace rs::station {
namespace {

using json = nlohmann::json;

Status ensure_platform_operator(StationStore& store) {
    auto insert = store.db().cached(
        "INSERT INTO operators (id, name, role, created_ms) "
        "VALUES (?1, 'Platform sync', 'system', ?2) ON CONFLICT DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(k_platform_operator, store.now_ms());
    return (*insert)->run();
}

Status record_refused(StationStore& store, const json& rma, const std::string& reason) {
    std::string id = json_text(rma, "id");
    if (id.empty()) id = "(no id) " + rma.dump().substr(0, 60);
    auto insert = store.db().cached(
        "INSERT INTO sync_refused_rmas (rma_id, number, reason, seen_ms) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (rma_id) DO UPDATE SET number = excluded.number, reason = excluded.reason, "
        "seen_ms = excluded.seen_ms");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(id, json_text(rma, "number"), reason, store.now_ms());
    return (*insert)->run();
}

Status forget_refused(StationStore& store, const std::string& id) {
    auto remove = store.db().cached("DELETE FROM sync_refused_rmas WHERE rma_id = ?1");
    if (!remove) return std::unexpected(remove.error());
    (*remove)->bind(1, id);
    return remove.value()->run();
}

// The RMA left this repair center after its parcel arrived: a person must decide what to do
// with the device, so the order is flagged once, with an audit row.
Status flag_order(StationStore& store, const RepairOrder& order, const Rma& rma, PullTally& tally) {
    std::string detail = fmt::format("{} was {} on the platform after intake (order in {})",
                                     rma.number, name_of(rma.status), name_of(order.state));
    auto insert = store.db().cached(
        "INSERT INTO repair_order_flags (repair_order_id, kind, detail, raised_ms) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    std::string kind = std::string("rma_") + name_of(rma.status);
    (*insert)->bind_all(order.id, kind, detail, store.now_ms());
    auto raised = (*insert)->run_and_count();
    if (!raised) return std::unexpected(raised.error());
    if (*raised == 0) return {};
    Journal journal(store.db(), store.clock(), store.ids());
    auto audited = journal.audit(AuditEntry{k_platform_operator,
                                            order.id,
                                            "platform." + kind,
                                            std::nullopt,
                                            std::nullopt,
                                            {{"rma_id", rma.id}, {"detail", detail}}});
    if (!audited) return audited;
    tally.flagged.push_back(order.number + ": " + detail);
    return {};
}

// The customer answered the quote on the platform: the order waiting for that answer moves on.
Status apply_decision(StationStore& store, const RepairOrder& order, const json& quote,
                      PullTally& tally) {
    std::string status = json_text(quote, "status");
    if (status != "approved" && status != "declined") return {};
    if (order.state != OrderState::AwaitingApproval) return {};  // already decided here
    OrderState to = status == "approved" ? OrderState::Approved : OrderState::Declined;
    std::string when = json_text(quote, "decided_at");
    MoveRequest move{order.number, to, k_platform_operator,
                     fmt::format("the customer {} the quote on the platform{}", status,
                                 when.empty() ? "" : " at " + when)};
    if (to == OrderState::Approved) {
        // The acceptance is kept on the quote; consent to its substitute parts only when the
        // platform says the customer gave it.
        auto consent = quote.find("consent_substitutes");
        bool consented = consent != quote.end() && consent->is_boolean() && consent->get<bool>();
        auto recorded = record_quote_acceptance(store, order, k_platform_operator, consented);
        if (!recorded) return std::unexpected(recorded.error());
        move.event_detail = *recorded;
    }
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return std::unexpected(moved.error());
    tally.decisions.push_back(fmt::format("{}: quote {} by the customer", order.number, status));
    return {};
}

// The customer's rating, read apart from the RMA: a bad one is refused with an audit row and
// the RMA (already stored) keeps everything else, its earlier rating included.
Status apply_rating(StationStore& store, const Rma& rma, const json& source, PullTally& tally) {
    auto satisfaction = parse_satisfaction(source);
    Journal journal(store.db(), store.clock(), store.ids());
    if (!satisfaction) {
        tally.ratings_refused.push_back(rma.number + ": " + satisfaction.error().message);
        return journal.audit(AuditEntry{
            .operator_id = k_platform_operator,
            .action = "rma.rating_refused",
            .detail = {{"rma_id", rma.id},
                       {"rma_number", rma.number},
                       {"reason", satisfaction.error().message},
                       {"satisfaction", source.value("satisfaction", json())}},
        });
    }
    auto changed = store_satisfaction(store, rma.id, *satisfaction);
    if (!changed) return std::unexpected(changed.error());
    if (!*changed) return {};
    ++tally.rated;
    json detail = {{"rma_id", rma.id}, {"rma_number", rma.number}};
    if (*satisfaction) detail["rating"] = (*satisfaction)->rating;
    return journal.audit(
        AuditEntry{.operator_id = k_platform_operator, .action = "rma.rated", .detail = detail});
}

// RMA numbers are unique here. A page may hand a number to an RMA while the station (or an
// earlier RMA of the page) holds it under another id: that RMA is set aside with the reason,
// unless the holder gives the number up in this same page.
class NumberClaims {
public:
    explicit NumberClaims(const RmaPageReply& page) {
        for (const auto& item : page.rmas)
            m_numbers_in_page[json_text(item, "id")] = json_text(item, "number");
    }

    struct Claim {
        std::string refusal;  // empty: the RMA may take its number
        std::string holder;   // or it may once this RMA, renumbered in the page, is written
    };

    Result<Claim> claim(StationStore& store, const Rma& rma) {
        auto [taken, fresh] = m_taken.try_emplace(rma.number, rma.id);
        if (!fresh && taken->second != rma.id)
            return Claim{fmt::format("its number {} is also given to RMA {} in the same page",
                                     rma.number, taken->second)};
        auto holder = find_rma_by_number(store, rma.number);
        if (!holder) return std::unexpected(holder.error());
        if (!*holder || (*holder)->id == rma.id) return Claim{};
        auto renumbered = m_numbers_in_page.find((*holder)->id);
        if (renumbered != m_numbers_in_page.end() && renumbered->second != rma.number)
            return Claim{.holder = (*holder)->id};
        return Claim{
            fmt::format("its number {} is held here by another RMA (id {}); the platform "
                        "must resolve the duplicate",
                        rma.number, (*holder)->id)};
    }

private:
    std::unordered_map<std::string, std::string> m_numbers_in_page;  // id -> number
    std::unordered_map<std::string, std::string> m_taken;            // number -> id
};

}  // namespace

PullTally& PullTally::operator+=(const PullTally& other) {
    received += other.received;
    added += other.added;
    updated += other.updated;
    unchanged += other.unchanged;
    refused += other.refused;
    rated += other.rated;
    more_pages = other.more_pages;
    ratings_refused.insert(ratings_refused.end(), other.ratings_refused.begin(),
                           other.ratings_refused.end());
    flagged.insert(flagged.end(), other.flagged.begin(), other.flagged.end());
    decisions.insert(decisions.end(), other.decisions.begin(), other.decisions.end());
    return *this;
}

std::string PullTally::summary() const {
    return fmt::format(
        "{} RMAs: {} added, {} updated, {} unchanged, {} refused; {} orders flagged, {} quote "
        "decisions; {} ratings, {} refused",
        received, added, updated, unchanged, refused, flagged.size(), decisions.size(), rated,
        ratings_refused.size());
}

Result<PullTally> apply_rma_page(StationStore& store, const RmaPageReply& page) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    if (auto ensured = ensure_platform_operator(store); !ensured)
        return std::unexpected(ensured.error());

    PullTally tally;
    tally.received = static_cast<int>(page.rmas.size());
    std::vector<std::pair<Rma, const json*>> readable;
    // Written last, once the RMA holding their number has been given another: holder id, RMA.
    std::vector<std::pair<std::string, std::pair<Rma, const json*>>> after_holders;
    std::unordered_set<std::string> taken_ids;
    auto set_aside = [&](const json& item, const std::string& reason) -> Status {
        if (auto kept = record_refused(store, item, reason); !kept) return kept;
        ++tally.refused;
        return {};
    };
    NumberClaims claims(page);
    for (const auto& item : page.rmas) {
        auto rma = parse_rma(item);
        if (!rma) {
            if (auto kept = set_aside(item, rma.error().message); !kept)
                return std::unexpected(kept.error());
            continue;
        }
        auto claim = claims.claim(store, *rma);
        if (!claim) return std::unexpected(claim.error());
        if (!claim->refusal.empty()) {
            // One RMA the station cannot take must not hold back the rest of the page.
            if (auto kept = set_aside(item, claim->refusal); !kept)
                return std::unexpected(kept.error());
            continue;
        }
        if (auto forgotten = forget_refused(store, rma->id); !forgotten)
            return std::unexpected(forgotten.error());
        taken_ids.insert(rma->id);
        if (claim->holder.empty())
            readable.emplace_back(std::move(*rma), &item);
        else
            after_holders.emplace_back(claim->holder, std::pair{std::move(*rma), &item});
    }
    for (auto& [holder, entry] : after_holders) {
        if (taken_ids.contains(holder)) {
            readable.push_back(std::move(entry));
            continue;
        }
        // The holder was itself set aside, so it keeps the number in the store.
        std::string reason = fmt::format("its number {} is held here by another RMA (id {})",
                                         entry.first.number, holder);
        if (auto kept = set_aside(*entry.second, reason); !kept)
            return std::unexpected(kept.error());
    }
    std::vector<Rma> rmas;
    for (const auto& [rma, source] : readable)
        rmas.push_back(rma);
    auto imported = import_rmas_in_transaction(store, rmas, k_platform_operator);
    if (!imported) return std::unexpected(imported.error());
    tally.added = imported->added;
    tally.updated = imported->updated;
    tally.unchanged = imported->unchanged;

    for (const auto& [rma, source] : readable) {
        if (auto rated = apply_rating(store, rma, *source, tally); !rated)
            return std::unexpected(rated.error());
        auto order = find_order_by_rma(store, rma.id);
        if (!order) return std::unexpected(order.error());
        if (!*order) continue;
        if (!is_expected_here(rma))
            if (auto flagged = flag_order(store, **order, rma, tally); !flagged)
                return std::unexpected(flagged.error());
        if (auto quote = source->find("quote"); quote != source->end() && quote->is_object())
            if (auto decided = apply_decision(store, **order, *quote, tally); !decided)
                return std::unexpected(decided.error());
    }

    std::int64_t now = store.now_ms();
    for (auto [key, value] : {std::pair{sync_state::k_rma_cursor, page.next_cursor},
                              std::pair{sync_state::k_pull_ok_ms, std::to_string(now)},
                              std::pair{sync_state::k_pull_summary, tally.summary()}})
        if (auto done = sync_state::set(store.db(), key, value, now); !done)
            return std::unexpected(done.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return tally;
}

Result<std::string> stored_cursor(StationStore& store) {
    auto cursor = sync_state::get(store.db(), sync_state::k_rma_cursor);
    if (!cursor) return std::unexpected(cursor.error());
    return cursor->value_or("");
}

}  // namespace rs::station
