// Reading the policy file: every key checked, every refusal naming its line and key.
#include "station/policy/policy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <span>

#include "labels/codes/tracking_numbers.h"
#include "station/policy/qa_checklist_reader.h"
#include "station/policy/rule_engine.h"

namespace rs::station {
namespace {

// The keys a rule layer may set, in the order docs/policy.md lists them.
constexpr std::string_view k_rule_keys[] = {
    "no_reason_return_days", "return_requires",       "exchange_days",
    "warranty_months",       "warranty_from",         "voids_warranty",
    "review_working_days",   "complete_working_days", "accessories"};

struct Reader {
    const std::string& source;

    Error error(const toml::source_region& where, const std::string& section,
                const std::string& message) const {
        return Error{ErrorCode::Invalid,
                     fmt::format("{} line {}: [{}] {}", source, where.begin.line, section, message),
                     "policy"};
    }

    // A whole number in [low, high]: a negative window or a 100-year warranty is a typo.
    Result<int> number(const toml::node& node, const std::string& section, std::string_view key,
                       int low, int high) const {
        auto value = node.value<std::int64_t>();
        if (!node.is_integer() || !value)
            return std::unexpected(
                error(node.source(), section, fmt::format("{} must be a whole number", key)));
        if (*value < low || *value > high)
            return std::unexpected(
                error(node.source(), section,
                      fmt::format("{} is {}; it must be {}..{}", key, *value, low, high)));
        return static_cast<int>(*value);
    }

    Result<std::string> text(const toml::node& node, const std::string& section,
                             std::string_view key) const {
        auto value = node.value<std::string>();
        if (!node.is_string() || !value)
            return std::unexpected(
                error(node.source(), section, fmt::format("{} must be a string", key)));
        return *value;
    }

    Result<std::vector<std::string>> texts(const toml::node& node, const std::string& section,
                                           std::string_view key) const {
        const toml::array* array = node.as_array();
        if (!array)
            return std::unexpected(
                error(node.source(), section, fmt::format("{} must be a list of strings", key)));
        std::vector<std::string> values;
        for (const auto& item : *array) {
            auto value = text(item, section, key);
            if (!value) return std::unexpected(value.error());
            // Found by tests/fuzz/fuzz_policy: an empty SKU prefix was kept and then matched
            // nothing, silently; an empty entry is a typo in any list.
            if (value->empty())
                return std::unexpected(
                    error(item.source(), section, fmt::format("{} holds an empty string", key)));
            values.push_back(*value);
        }
        return values;
    }

    template <NamedEnum E>
    Result<E> one_of(const toml::node& node, const std::string& section,
                     std::string_view key) const {
        auto value = text(node, section, key);
        if (!value) return std::unexpected(value.error());
        auto parsed = parse_enum<E>(*value);
        if (!parsed)
            return std::unexpected(error(node.source(), section,
                                         fmt::format("{}: unknown value \"{}\"; it must be {}", key,
                                                     *value, names_or<E>())));
        return *parsed;
    }

    template <NamedEnum E>
    Result<std::vector<E>> list_of(const toml::node& node, const std::string& section,
                                   std::string_view key) const {
        const toml::array* array = node.as_array();
        if (!array)
            return std::unexpected(
                error(node.source(), section, fmt::format("{} must be a list", key)));
        std::vector<E> values;
        for (const auto& item : *array) {
            auto value = one_of<E>(item, section, key);
            if (!value) return std::unexpected(value.error());
            values.push_back(*value);
        }
        return values;
    }

    Result<Day> day(const toml::node& node, const std::string& section,
                    std::string_view key) const {
        auto value = text(node, section, key);
        if (!value) return std::unexpected(value.error());
        auto parsed = parse_day(*value);
        if (!parsed)
            return std::unexpected(
                error(node.source(), section,
                      fmt::format("{}: \"{}\" is not a date like 2026-10-01", key, *value)));
        return *parsed;
    }

    // The rule keys of one layer; `extra` keys belong to the caller (title, sku_prefixes...).
    Result<RuleLayer> layer(const toml::table& table, const std::string& section,
                            std::span<const std::string_view> extra) const {
        RuleLayer rules;
        for (const auto& [key_name, node] : table) {
            std::string_view key = key_name.str();
            if (std::find(extra.begin(), extra.end(), key) != extra.end()) continue;
            Status read = {};
            auto set_number = [&](std::optional<int>& field, int low, int high) {
                auto value = number(node, section, key, low, high);
                if (!value) return Status(std::unexpected(value.error()));
                field = *value;
                return Status{};
            };
            if (key == "no_reason_return_days")
                read = set_number(rules.no_reason_return_days, 0, 365);
            else if (key == "exchange_days")
                read = set_number(rules.exchange_days, 0, 365);
            else if (key == "warranty_months")
                read = set_number(rules.warranty_months, 0, 240);
            else if (key == "review_working_days")
                read = set_number(rules.review_working_days, 1, 60);
            else if (key == "complete_working_days")
                read = set_number(rules.complete_working_days, 1, 120);
            else if (key == "warranty_from") {
                auto value = one_of<WarrantyStart>(node, section, key);
                if (!value) return std::unexpected(value.error());
                rules.warranty_from = *value;
            } else if (key == "return_requires") {
                auto value = list_of<ReturnCondition>(node, section, key);
                if (!value) return std::unexpected(value.error());
                rules.return_requires = *value;
            } else if (key == "voids_warranty") {
                auto value = list_of<Damage>(node, section, key);
                if (!value) return std::unexpected(value.error());
                if (std::find(value->begin(), value->end(), Damage::Transit) != value->end())
                    return std::unexpected(error(
                        node.source(), section,
                        "voids_warranty: transit damage is the carrier's (a claim), it cannot "
                        "void the customer's warranty"));
                rules.voids_warranty = *value;
            } else if (key == "accessories") {
                auto value = texts(node, section, key);
                if (!value) return std::unexpected(value.error());
                rules.accessories = *value;
            } else {
                std::vector<std::string_view> known(std::begin(k_rule_keys), std::end(k_rule_keys));
                known.insert(known.end(), extra.begin(), extra.end());
                return std::unexpected(
                    error(key_name.source(), section,
                          fmt::format("unknown key {}; known: {}", key, fmt::join(known, ", "))));
            }
            if (!read) return std::unexpected(read.error());
        }
        return rules;
    }

    Result<const toml::table*> table_at(const toml::node& node, const std::string& section) const {
        const toml::table* table = node.as_table();
        if (!table) return std::unexpected(error(node.source(), section, "must be a table"));
        return table;
    }
};

// working_hours = "09:00-18:00": local time, the end after the start.
Status read_working_hours(const Reader& reader, const toml::node& node, WorkingCalendar& calendar) {
    auto fail = [&] {
        return std::unexpected(reader.error(
            node.source(), "calendar",
            "working_hours must read \"HH:MM-HH:MM\" (local time, e.g. \"09:00-18:00\"), the "
            "end after the start"));
    };
    const auto* text = node.as_string();
    if (!text) return fail();
    int start_h = 0, start_m = 0, end_h = 0, end_m = 0, used = 0;
    const std::string& value = text->get();
    if (std::sscanf(value.c_str(), "%2d:%2d-%2d:%2d%n", &start_h, &start_m, &end_h, &end_m,
                    &used) != 4 ||
        used != static_cast<int>(value.size()) || start_h < 0 || start_m < 0 || start_m > 59 ||
        end_m < 0 || end_m > 59 || end_h > 24 || (end_h == 24 && end_m != 0))
        return fail();
    calendar.day_start_minutes = start_h * 60 + start_m;
    calendar.day_end_minutes = end_h * 60 + end_m;
    if (calendar.day_end_minutes <= calendar.day_start_minutes) return fail();
    return {};
}

Status read_calendar(const Reader& reader, const toml::table& table, WorkingCalendar& calendar) {
    static constexpr std::string_view k_days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
    for (const auto& [key_name, node] : table) {
        std::string_view key = key_name.str();
        if (key == "utc_offset_minutes") {
            auto value = reader.number(node, "calendar", key, -14 * 60, 14 * 60);
            if (!value) return std::unexpected(value.error());
            calendar.utc_offset_minutes = *value;
        } else if (key == "weekend") {
            auto names = reader.texts(node, "calendar", key);
            if (!names) return std::unexpected(names.error());
            calendar.weekend.clear();
            for (const auto& name : *names) {
                auto found = std::find(std::begin(k_days), std::end(k_days), name);
                if (found == std::end(k_days))
                    return std::unexpected(reader.error(
                        node.source(), "calendar",
                        fmt::format("weekend: \"{}\" is not a day name (monday ... sunday)",
                                    name)));
                calendar.weekend.insert(static_cast<int>(found - std::begin(k_days)));
            }
            if (calendar.weekend.size() == 7)
                return std::unexpected(
                    reader.error(node.source(), "calendar", "weekend: a week needs a working day"));
        } else if (key == "working_hours") {
            auto hours = read_working_hours(reader, node, calendar);
            if (!hours) return hours;
        } else if (key == "holidays" || key == "working_weekend_days") {
            const toml::array* array = node.as_array();
            if (!array)
                return std::unexpected(reader.error(
                    node.source(), "calendar", fmt::format("{} must be a list of dates", key)));
            for (const auto& item : *array) {
                auto day = reader.day(item, "calendar", key);
                if (!day) return std::unexpected(day.error());
                (key == "holidays" ? calendar.holidays : calendar.working_weekend_days)
                    .insert(*day);
            }
        } else {
            return std::unexpected(reader.error(
                key_name.source(), "calendar",
                fmt::format("unknown key {}; known: utc_offset_minutes, weekend, working_hours, "
                            "holidays, working_weekend_days",
                            key)));
        }
    }
    return {};
}

Status read_quotes(const Reader& reader, const toml::table& table, QuoteTerms& terms) {
    for (const auto& [key_name, node] : table) {
        std::string_view key = key_name.str();
        if (key == "currency") {
            auto value = reader.text(node, "quotes", key);
            if (!value) return std::unexpected(value.error());
            if (value->size() != 3 || !std::all_of(value->begin(), value->end(),
                                                   [](char c) { return c >= 'A' && c <= 'Z'; }))
                return std::unexpected(reader.error(
                    node.source(), "quotes",
                    fmt::format("currency \"{}\" is not an ISO 4217 code like CNY", *value)));
            terms.currency = *value;
        } else if (key == "labour_rate_per_hour") {
            auto value = reader.number(node, "quotes", key, 0, 100'000'000);
            if (!value) return std::unexpected(value.error());
            terms.labour_rate_per_hour = *value;
        } else if (key == "parts_markup_percent") {
            auto value = reader.number(node, "quotes", key, 0, 1000);
            if (!value) return std::unexpected(value.error());
            terms.parts_markup_percent = *value;
        } else if (key == "validity_days") {
            auto value = reader.number(node, "quotes", key, 1, 365);
            if (!value) return std::unexpected(value.error());
            terms.validity_days = *value;
        } else {
            return std::unexpected(
                reader.error(key_name.source(), "quotes",
                             fmt::format("unknown key {}; known: currency, labour_rate_per_hour, "
                                         "parts_markup_percent, validity_days",
                                         key)));
        }
    }
    return {};
}

Result<ShippingChoice> read_shipping_choice(const Reader& reader, const toml::table& table,
                                            const std::string& section, ShippingChoice choice) {
    for (const auto& [key_name, node] : table) {
        std::string_view key = key_name.str();
        if (key == "carrier") {
            auto value = reader.text(node, section, key);
            if (!value) return std::unexpected(value.error());
            // A carrier the station cannot check a tracking number of is a typo.
            auto carriers = labels::checked_carriers();
            if (std::find(carriers.begin(), carriers.end(), *value) == carriers.end())
                return std::unexpected(
                    reader.error(node.source(), section,
                                 fmt::format("unknown carrier \"{}\"; known: {}", *value,
                                             fmt::join(carriers, ", "))));
            choice.carrier = *value;
        } else if (key == "service") {
            auto value = reader.text(node, section, key);
            if (!value) return std::unexpected(value.error());
            choice.service = *value;
        } else if (key == "freight") {
            auto value = reader.one_of<FreightPayer>(node, section, key);
            if (!value) return std::unexpected(value.error());
            choice.freight = *value;
        } else if (section == "shipping" && (key == "routes" || key == "pool_low")) {
            continue;  // read by read_shipping
        } else {
            return std::unexpected(
                reader.error(key_name.source(), section,
                             fmt::format("unknown key {}; known: carrier, service, freight{}", key,
                                         section == "shipping" ? ", pool_low, routes" : "")));
        }
    }
    return choice;
}

Status read_shipping(const Reader& reader, const toml::table& table, ShippingTerms& terms) {
    auto standard = read_shipping_choice(reader, table, "shipping", terms.standard);
    if (!standard) return std::unexpected(standard.error());
    terms.standard = *standard;
    if (const toml::node* low = table.get("pool_low")) {
        auto value = reader.number(*low, "shipping", "pool_low", 0, 100'000);
        if (!value) return std::unexpected(value.error());
        terms.pool_low = *value;
    }
    const toml::node* routes = table.get("routes");
    if (!routes) return {};
    auto routes_table = reader.table_at(*routes, "shipping.routes");
    if (!routes_table) return std::unexpected(routes_table.error());
    for (const auto& [name, node] : **routes_table) {
        std::string section = fmt::format("shipping.routes.{}", name.str());
        if (!parse_enum<Route>(name.str()))
            return std::unexpected(reader.error(
                name.source(), section, fmt::format("unknown route {}; known: {}", name.str(), [] {
                    std::vector<std::string_view> names;
                    for (const auto& entry : enum_names(Route{}))
                        names.push_back(entry.name);
                    return fmt::format("{}", fmt::join(names, ", "));
                }())));
        auto route_table = reader.table_at(node, section);
        if (!route_table) return std::unexpected(route_table.error());
        // A route names what differs from the standard choice.
        auto choice = read_shipping_choice(reader, **route_table, section, terms.standard);
        if (!choice) return std::unexpected(choice.error());
        terms.routes[std::string(name.str())] = *choice;
    }
    return {};
}

Status read_categories(const Reader& reader, const toml::table& table, Policy& policy) {
    static constexpr std::string_view k_extra[] = {"title", "sku_prefixes"};
    for (const auto& [name, node] : table) {
        std::string section = fmt::format("categories.{}", name.str());
        auto category_table = reader.table_at(node, section);
        if (!category_table) return std::unexpected(category_table.error());
        ProductCategory category;
        category.name = std::string(name.str());
        auto rules = reader.layer(**category_table, section, k_extra);
        if (!rules) return std::unexpected(rules.error());
        category.rules = *rules;
        if (const toml::node* title = (*category_table)->get("title")) {
            auto value = reader.text(*title, section, "title");
            if (!value) return std::unexpected(value.error());
            category.title = *value;
        }
        if (const toml::node* prefixes = (*category_table)->get("sku_prefixes")) {
            auto value = reader.texts(*prefixes, section, "sku_prefixes");
            if (!value) return std::unexpected(value.error());
            category.sku_prefixes = *value;
        }
        policy.categories.push_back(std::move(category));
    }
    return {};
}

Status read_platforms(const Reader& reader, const toml::table& table, Policy& policy) {
    static constexpr std::string_view k_extra[] = {"categories"};
    for (const auto& [name, node] : table) {
        std::string platform(name.str());
        std::string section = "platforms." + platform;
        auto platform_table = reader.table_at(node, section);
        if (!platform_table) return std::unexpected(platform_table.error());
        auto rules = reader.layer(**platform_table, section, k_extra);
        if (!rules) return std::unexpected(rules.error());
        policy.platforms[platform] = *rules;
        const toml::node* categories = (*platform_table)->get("categories");
        if (!categories) continue;
        auto categories_table = reader.table_at(*categories, section + ".categories");
        if (!categories_table) return std::unexpected(categories_table.error());
        for (const auto& [category, category_node] : **categories_table) {
            std::string category_section = fmt::format("{}.categories.{}", section, category.str());
            // A rule for a category the file does not define would never apply: a typo.
            if (!policy.find_category(std::string(category.str())))
                return std::unexpected(reader.error(
                    category.source(), category_section,
                    fmt::format("unknown category {}; the file defines: {}", category.str(), [&] {
                        std::vector<std::string> names;
                        for (const auto& known : policy.categories)
                            names.push_back(known.name);
                        return fmt::format("{}", fmt::join(names, ", "));
                    }())));
            auto category_table = reader.table_at(category_node, category_section);
            if (!category_table) return std::unexpected(category_table.error());
            auto layer = reader.layer(**category_table, category_section, {});
            if (!layer) return std::unexpected(layer.error());
            policy.platform_categories[{platform, std::string(category.str())}] = *layer;
        }
    }
    return {};
}

}  // namespace

void RuleLayer::apply_to(RuleSet& rules) const {
    if (no_reason_return_days) rules.no_reason_return_days = *no_reason_return_days;
    if (return_requires) rules.return_requires = *return_requires;
    if (exchange_days) rules.exchange_days = *exchange_days;
    if (warranty_months) rules.warranty_months = *warranty_months;
    if (warranty_from) rules.warranty_from = *warranty_from;
    if (voids_warranty) rules.voids_warranty = *voids_warranty;
    if (review_working_days) rules.review_working_days = *review_working_days;
    if (complete_working_days) rules.complete_working_days = *complete_working_days;
    if (accessories) rules.accessories = *accessories;
}

const ShippingChoice& ShippingTerms::for_route(const std::string& route) const {
    auto found = routes.find(route);
    return found == routes.end() ? standard : found->second;
}

std::vector<std::string> ShippingTerms::carriers() const {
    std::vector<std::string> names{standard.carrier};
    for (const auto& [route, choice] : routes)
        if (std::find(names.begin(), names.end(), choice.carrier) == names.end())
            names.push_back(choice.carrier);
    return names;
}

const ProductCategory* Policy::find_category(const std::string& name) const {
    for (const auto& category : categories)
        if (category.name == name) return &category;
    return nullptr;
}

const QaChecklist* Policy::qa_checklist(const std::string& category) const {
    auto found = qa.find(category);
    return found == qa.end() ? nullptr : &found->second;
}

const ProductCategory* Policy::category_for(const std::string& declared,
                                            const std::string& sku) const {
    if (!declared.empty()) return find_category(declared);
    for (const auto& category : categories)
        for (const auto& prefix : category.sku_prefixes)
            if (!prefix.empty() && sku.starts_with(prefix)) return &category;
    return nullptr;
}

RuleSet Policy::rules_for(const std::string& category, const std::string& platform) const {
    RuleSet rules;
    defaults.apply_to(rules);
    if (const auto* found = find_category(category)) found->rules.apply_to(rules);
    if (auto found = platforms.find(platform); found != platforms.end())
        found->second.apply_to(rules);
    if (auto found = platform_categories.find({platform, category});
        found != platform_categories.end())
        found->second.apply_to(rules);
    return rules;
}

Result<Policy> parse_policy(const std::string& text, const std::string& source) {
    toml::table document;
    try {
        document = toml::parse(text, source);
    } catch (const toml::parse_error& error) {
        return fail(ErrorCode::Invalid,
                    fmt::format("{} line {} column {}: {}", source, error.source().begin.line,
                                error.source().begin.column, error.description()),
                    "policy");
    }
    Reader reader{source};
    Policy policy;
    // Categories first: the platform sections name them.
    if (const toml::node* categories = document.get("categories")) {
        auto table = reader.table_at(*categories, "categories");
        if (!table) return std::unexpected(table.error());
        if (auto read = read_categories(reader, **table, policy); !read)
            return std::unexpected(read.error());
    }
    for (const auto& [key_name, node] : document) {
        std::string_view key = key_name.str();
        if (key == "version") {
            auto value = reader.text(node, "top", key);
            if (!value) return std::unexpected(value.error());
            policy.version = *value;
        } else if (key == "calendar" || key == "defaults" || key == "platforms" ||
                   key == "quotes" || key == "shipping") {
            auto table = reader.table_at(node, std::string(key));
            if (!table) return std::unexpected(table.error());
            Status read = {};
            if (key == "calendar") read = read_calendar(reader, **table, policy.calendar);
            if (key == "platforms") read = read_platforms(reader, **table, policy);
            if (key == "quotes") read = read_quotes(reader, **table, policy.quotes);
            if (key == "shipping") read = read_shipping(reader, **table, policy.shipping);
            if (key == "defaults") {
                auto layer = reader.layer(**table, "defaults", {});
                if (!layer) return std::unexpected(layer.error());
                policy.defaults = *layer;
            }
            if (!read) return std::unexpected(read.error());
        } else if (key == "qa") {
            // The categories were read first: a checklist names one.
            auto table = reader.table_at(node, "qa");
            if (!table) return std::unexpected(table.error());
            std::vector<std::string> names;
            for (const auto& category : policy.categories)
                names.push_back(category.name);
            auto checklists = parse_qa_checklists(**table, names, source);
            if (!checklists) return std::unexpected(checklists.error());
            policy.qa = std::move(*checklists);
        } else if (key != "categories") {
            return std::unexpected(reader.error(
                key_name.source(), "top",
                fmt::format("unknown key {}; known: version, calendar, quotes, shipping, "
                            "defaults, categories, platforms, qa",
                            key)));
        }
    }
    if (policy.version.empty())
        return fail(ErrorCode::Invalid,
                    fmt::format("{}: version is missing (every decision keeps the version it used)",
                                source),
                    "policy");
    if (policy.categories.empty())
        return fail(
            ErrorCode::Invalid,
            fmt::format("{}: no [categories.NAME] section: decisions need at least one", source),
            "policy");
    return policy;
}

}  // namespace rs::station
