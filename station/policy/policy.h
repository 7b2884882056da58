// The after-sales policy: the rules a repair center follows, per product category and platform,
// as read (and checked) from its policy file (docs/policy.md).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/policy/calendar.h"
#include "station/policy/qa_checklist.h"

namespace rs::station {

// What the inspection found on the device; the policy says which kinds void the warranty.
// Transit damage is the carrier's (a claim), never the customer's.
enum class Damage { Physical, Liquid, UnauthorisedRepair, SealOpened, Transit };

constexpr auto enum_names(Damage) {
    using enum Damage;
    return std::to_array<EnumName<Damage>>({{Physical, "physical"},
                                            {Liquid, "liquid"},
                                            {UnauthorisedRepair, "unauthorised_repair"},
                                            {SealOpened, "seal_opened"},
                                            {Transit, "transit"}});
}

// What a no-reason return must meet.
enum class ReturnCondition { Undamaged, Complete, NotActivated };

constexpr auto enum_names(ReturnCondition) {
    using enum ReturnCondition;
    return std::to_array<EnumName<ReturnCondition>>(
        {{Undamaged, "undamaged"}, {Complete, "complete"}, {NotActivated, "not_activated"}});
}

enum class WarrantyStart { Purchase, Delivery };

constexpr auto enum_names(WarrantyStart) {
    using enum WarrantyStart;
    return std::to_array<EnumName<WarrantyStart>>({{Purchase, "purchase"}, {Delivery, "delivery"}});
}

// Every rule for one category on one platform, after the layers are merged.
struct RuleSet {
    int no_reason_return_days = 7;
    std::vector<ReturnCondition> return_requires{ReturnCondition::Undamaged,
                                                 ReturnCondition::Complete};
    int exchange_days = 15;
    int warranty_months = 12;
    WarrantyStart warranty_from = WarrantyStart::Purchase;
    std::vector<Damage> voids_warranty{Damage::Physical, Damage::Liquid, Damage::UnauthorisedRepair,
                                       Damage::SealOpened};
    int review_working_days = 3;
    int complete_working_days = 5;
    std::vector<std::string> accessories;
};

// One layer of the file ([defaults], [categories.X], [platforms.P], [platforms.P.categories.X]):
// only the keys it sets.
struct RuleLayer {
    std::optional<int> no_reason_return_days;
    std::optional<std::vector<ReturnCondition>> return_requires;
    std::optional<int> exchange_days;
    std::optional<int> warranty_months;
    std::optional<WarrantyStart> warranty_from;
    std::optional<std::vector<Damage>> voids_warranty;
    std::optional<int> review_working_days;
    std::optional<int> complete_working_days;
    std::optional<std::vector<std::string>> accessories;

    void apply_to(RuleSet& rules) const;
};

struct ProductCategory {
    std::string name;   // "phone"
    std::string title;  // "手机 / Phones"
    std::vector<std::string> sku_prefixes;
    RuleLayer rules;
};

// How the center prices a quote: parts at their catalog cost plus a markup, labour at the repair
// code's standard time times the hourly rate.
struct QuoteTerms {
    std::string currency = "CNY";           // ISO 4217
    std::int64_t labour_rate_per_hour = 0;  // minor units
    int parts_markup_percent = 0;
    int validity_days = 7;
};

// Who pays the return freight: the center (warranty, its own mistake) or the customer (a paid
// repair whose quote included it, a refused return).
enum class FreightPayer { Center, Customer };

constexpr auto enum_names(FreightPayer) {
    using enum FreightPayer;
    return std::to_array<EnumName<FreightPayer>>({{Center, "center"}, {Customer, "customer"}});
}

// How a device goes back to its customer.
struct ShippingChoice {
    std::string carrier = "SF Express";  // a carrier of labels/codes/tracking_numbers.cpp
    std::string service = "Standard";
    FreightPayer freight = FreightPayer::Center;
};

// [shipping]: the carrier, service and freight payer per route ([shipping.routes.ROUTE]), the
// choice for a route the file does not name, and when the pool of waybill numbers runs low.
struct ShippingTerms {
    ShippingChoice standard;
    std::map<std::string, ShippingChoice> routes;  // route name (rule_engine.h) -> choice
    int pool_low = 20;  // fewer unused waybill numbers of a carrier than this: reported

    // The choice for `route` ("" when the order has no route in force).
    const ShippingChoice& for_route(const std::string& route) const;
    // The carriers named: the standard one first, then each route's, once each.
    std::vector<std::string> carriers() const;
};

struct Policy {
    std::string version;  // every decision keeps it
    WorkingCalendar calendar;
    QuoteTerms quotes;
    ShippingTerms shipping;
    RuleLayer defaults;
    std::vector<ProductCategory> categories;
    std::map<std::string, RuleLayer> platforms;
    std::map<std::pair<std::string, std::string>, RuleLayer> platform_categories;  // (P, X)
    std::map<std::string, QaChecklist> qa;  // category -> its QA checklist ([qa.CATEGORY])

    const ProductCategory* find_category(const std::string& name) const;
    // The category an RMA belongs to: the one it declares, else the first whose SKU prefix
    // matches; null when none does.
    const ProductCategory* category_for(const std::string& declared, const std::string& sku) const;
    // defaults < category < platform < platform's category.
    RuleSet rules_for(const std::string& category, const std::string& platform) const;
    // The category's QA checklist; null when the file has none for it.
    const QaChecklist* qa_checklist(const std::string& category) const;
};

// Reads and checks a policy file. Refused, with the line and the key: unknown sections and keys,
// negative or absurd windows, unknown categories, damage kinds or conditions, bad dates.
// `source` names the file in messages.
Result<Policy> parse_policy(const std::string& text, const std::string& source);

}  // namespace rs::station
