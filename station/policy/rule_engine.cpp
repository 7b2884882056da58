// The rule engine: returns, exchange, warranty and its voiding, no fault found, deadlines.
#include "station/policy/rule_engine.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace rs::station {
namespace {

bool has(const std::vector<Damage>& damage, Damage kind) {
    return std::find(damage.begin(), damage.end(), kind) != damage.end();
}

// The rule id and the words for each kind of damage that may void a warranty.
struct VoidRule {
    Damage kind;
    const char* rule;
    const char* words;
};
constexpr VoidRule k_void_rules[] = {
    {Damage::Liquid, "W3", "liquid damage (indicator red)"},
    {Damage::Physical, "W4", "customer physical damage"},
    {Damage::UnauthorisedRepair, "W5", "repaired by an unauthorised shop"},
    {Damage::SealOpened, "W6", "warranty seal opened"},
};

class Evaluation {
public:
    Evaluation(const Policy& policy, const DecisionFacts& facts, const ProductCategory& category)
        : m_policy(policy),
          m_facts(facts),
          m_rules(policy.rules_for(category.name, facts.platform)),
          m_received(policy.calendar.local_day(facts.received_ms)) {
        m_decision.category = category.name;
        m_decision.policy_version = policy.version;
        m_damage = facts.damage;
        // The cause the technician found is damage too.
        if (facts.cause == FaultCause::CustomerDamage && !has(m_damage, Damage::Physical))
            m_damage.push_back(Damage::Physical);
        if (facts.cause == FaultCause::Liquid && !has(m_damage, Damage::Liquid))
            m_damage.push_back(Damage::Liquid);
        if (facts.cause == FaultCause::Transit && !has(m_damage, Damage::Transit))
            m_damage.push_back(Damage::Transit);
    }

    Decision run() {
        note("C1",
             fmt::format("category {}{} on platform {}", m_decision.category,
                         m_facts.declared_category.empty() ? fmt::format(" (SKU {})", m_facts.sku)
                                                           : " (declared by the RMA)",
                         m_facts.platform.empty() ? "(none)" : m_facts.platform));
        deadlines();
        if (m_facts.requested == RmaType::Return) {
            no_reason_return();
            return m_decision;
        }
        if (m_facts.cause == FaultCause::NoFaultFound) {
            note("N1", "the technician found no fault: ships back as it came");
            m_decision.route = Route::NoFaultFound;
            return m_decision;
        }
        bool voided = warranty_voided();
        bool covered = warranty_covers();
        if (m_facts.requested == RmaType::Exchange && exchange_allowed(voided)) {
            m_decision.route = Route::Exchange;
            return m_decision;
        }
        m_decision.route = covered && !voided ? Route::WarrantyRepair : Route::Quote;
        if (m_decision.route == Route::Quote)
            note("Q1", voided ? "warranty void: the repair is quoted to the customer"
                              : "out of warranty: the repair is quoted to the customer");
        else
            note("Q1", "in warranty and not void: free repair");
        return m_decision;
    }

private:
    void note(const char* rule, std::string finding) {
        m_decision.trace.push_back({rule, std::move(finding)});
    }

    // The day the customer got the device: the delivery date, else the purchase date.
    std::optional<Day> delivered(std::string& how) const {
        if (m_facts.delivered_ms) {
            how = "delivered";
            return m_policy.calendar.local_day(*m_facts.delivered_ms);
        }
        if (m_facts.purchase_ms) {
            how = "bought (no delivery date on the RMA)";
            return m_policy.calendar.local_day(*m_facts.purchase_ms);
        }
        return std::nullopt;
    }

    void deadlines() {
        const auto& calendar = m_policy.calendar;
        m_decision.review_by = calendar.add_working_days(m_received, m_rules.review_working_days);
        Day today = calendar.local_day(m_facts.decided_ms);
        int used = calendar.working_days_between(m_received, today);
        note("D1", fmt::format("received {}: review within {} working days, by {} ({} used{})",
                               day_text(m_received), m_rules.review_working_days,
                               day_text(m_decision.review_by), used,
                               today > m_decision.review_by ? ", LATE" : ""));
        note("D2", fmt::format("repair to be complete within {} working days of approval",
                               m_rules.complete_working_days));
    }

    void no_reason_return() {
        std::string how;
        auto from = delivered(how);
        bool open = false;
        if (!from) {
            note("R1",
                 "no delivery or purchase date on the RMA: the return window cannot be "
                 "shown open");
            m_decision.refusal_reasons.push_back("no delivery date to count the window from");
        } else {
            Day day = m_received - *from;
            open = day >= 0 && day <= m_rules.no_reason_return_days;
            note("R1", fmt::format("{} {}, received {}: day {} of {}, no-reason return window {}",
                                   how, day_text(*from), day_text(m_received), day,
                                   m_rules.no_reason_return_days, open ? "open" : "closed"));
            if (!open)
                m_decision.refusal_reasons.push_back(
                    fmt::format("received on day {}, after the {}-day window", day,
                                m_rules.no_reason_return_days));
        }
        bool met = true;
        for (ReturnCondition condition : m_rules.return_requires) {
            switch (condition) {
                case ReturnCondition::Undamaged: {
                    std::vector<std::string> found;
                    for (Damage kind : m_damage)
                        if (kind != Damage::Transit) found.emplace_back(name_of(kind));
                    bool ok = found.empty();
                    note("R2", ok ? std::string("undamaged (as required)")
                                  : fmt::format("damaged: {} (must be undamaged)",
                                                fmt::join(found, ", ")));
                    if (has(m_damage, Damage::Transit)) {
                        m_decision.carrier_claim = true;
                        note("W7", "transit damage is the carrier's: a claim, not the customer's");
                    }
                    if (!ok)
                        m_decision.refusal_reasons.push_back(
                            fmt::format("damaged ({})", fmt::join(found, ", ")));
                    met = met && ok;
                    break;
                }
                case ReturnCondition::Complete: {
                    bool ok = m_facts.missing_accessories.empty();
                    note("R3",
                         ok ? fmt::format(
                                  "complete: {}",
                                  m_rules.accessories.empty()
                                      ? std::string("nothing listed")
                                      : fmt::format("{}", fmt::join(m_rules.accessories, ", ")))
                            : fmt::format("incomplete: missing {}",
                                          fmt::join(m_facts.missing_accessories, ", ")));
                    if (!ok)
                        m_decision.refusal_reasons.push_back(
                            fmt::format("incomplete (missing {})",
                                        fmt::join(m_facts.missing_accessories, ", ")));
                    met = met && ok;
                    break;
                }
                case ReturnCondition::NotActivated:
                    note("R4", m_facts.activated ? "activated (must not be)" : "not activated");
                    if (m_facts.activated) m_decision.refusal_reasons.push_back("activated");
                    met = met && !m_facts.activated;
                    break;
            }
        }
        m_decision.route = open && met ? Route::ReturnAccepted : Route::ReturnRefused;
    }

    bool warranty_voided() {
        bool voided = false;
        for (const auto& rule : k_void_rules) {
            if (!has(m_damage, rule.kind)) continue;
            bool voids = has(m_rules.voids_warranty, rule.kind);
            note(rule.rule, fmt::format("{}: {}", rule.words,
                                        voids ? "warranty void by rule " + std::string(rule.rule)
                                              : "does not void the warranty under this policy"));
            voided = voided || voids;
        }
        if (has(m_damage, Damage::Transit)) {
            m_decision.carrier_claim = true;
            note("W7", "transit damage is the carrier's: a claim, the warranty stands");
        }
        return voided;
    }

    bool warranty_covers() {
        bool from_delivery = m_rules.warranty_from == WarrantyStart::Delivery;
        std::optional<std::int64_t> start_ms =
            from_delivery && m_facts.delivered_ms ? m_facts.delivered_ms : m_facts.purchase_ms;
        if (!start_ms && m_facts.delivered_ms) start_ms = m_facts.delivered_ms;
        bool covered = false;
        if (!start_ms) {
            note("W1", "no purchase or delivery date on the RMA: the warranty cannot be shown");
        } else {
            Day start = m_policy.calendar.local_day(*start_ms);
            // Covered through the day before the same date `months` later.
            Day last = add_months(start, m_rules.warranty_months) - 1;
            covered = m_received <= last;
            note("W1",
                 fmt::format("{} {}, {} months: warranty through {}; received {}: {}",
                             start_ms == m_facts.purchase_ms ? "bought" : "delivered",
                             day_text(start), m_rules.warranty_months, day_text(last),
                             day_text(m_received), covered ? "in warranty" : "warranty expired"));
        }
        if (m_facts.extended_warranty_until_ms) {
            Day until = m_policy.calendar.local_day(*m_facts.extended_warranty_until_ms);
            bool extended = m_received <= until;
            note("W2", fmt::format("extended warranty through {}: {}", day_text(until),
                                   extended ? "covers it" : "expired"));
            covered = covered || extended;
        }
        return covered;
    }

    bool exchange_allowed(bool voided) {
        if (m_facts.cause != FaultCause::ManufacturingDefect) {
            note("X2", fmt::format("exchange needs a quality defect; the cause is {}: handled "
                                   "as a repair",
                                   m_facts.cause ? name_of(*m_facts.cause) : "not diagnosed yet"));
            return false;
        }
        if (voided) {
            note("X2", "warranty void: no exchange, handled as a repair");
            return false;
        }
        std::string how;
        auto from = delivered(how);
        if (!from) {
            note("X1", "no delivery or purchase date: the exchange window cannot be shown open");
            return false;
        }
        Day day = m_received - *from;
        bool open = day >= 0 && day <= m_rules.exchange_days;
        note("X1",
             fmt::format("{} {}, received {}: day {} of {}, exchange window {}{}", how,
                         day_text(*from), day_text(m_received), day, m_rules.exchange_days,
                         open ? "open" : "closed",
                         open ? ": quality defect, a replacement unit" : ": handled as a repair"));
        return open;
    }

    const Policy& m_policy;
    const DecisionFacts& m_facts;
    RuleSet m_rules;
    Day m_received;
    std::vector<Damage> m_damage;
    Decision m_decision;
};

}  // namespace

Result<Decision> decide_route(const Policy& policy, const DecisionFacts& facts) {
    const ProductCategory* category = policy.category_for(facts.declared_category, facts.sku);
    if (!category)
        return fail(ErrorCode::Invalid,
                    facts.declared_category.empty()
                        ? fmt::format("policy {}: no category has a SKU prefix matching {}; add it "
                                      "to a category's sku_prefixes",
                                      policy.version, facts.sku.empty() ? "(no SKU)" : facts.sku)
                        : fmt::format("policy {} has no category {} (the RMA declares it)",
                                      policy.version, facts.declared_category),
                    "policy");
    return Evaluation(policy, facts, *category).run();
}

}  // namespace rs::station
