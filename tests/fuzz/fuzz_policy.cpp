// Fuzz target: arbitrary bytes as the after-sales policy file (docs/policy.md, `station policy
// load`). A policy accepted keeps its windows within the limits the file format states, for
// every category on every platform it names.
#include <cstddef>
#include <cstdint>
#include <string>

#include "station/policy/policy.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::station;

namespace {

void check(const RuleSet& rules) {
    FUZZ_FAIL_IF(rules.no_reason_return_days < 0 || rules.exchange_days < 0 ||
                 rules.warranty_months < 0 || rules.review_working_days < 0 ||
                 rules.complete_working_days < 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto policy = parse_policy(text, "fuzz.toml");
    if (!policy) {
        FUZZ_FAIL_IF(policy.error().message.empty());
        return 0;
    }
    FUZZ_FAIL_IF(policy->version.empty());
    FUZZ_FAIL_IF(policy->quotes.labour_rate_per_hour < 0 ||
                 policy->quotes.parts_markup_percent < 0);
    check(policy->rules_for("", ""));
    for (const auto& category : policy->categories) {
        FUZZ_FAIL_IF(policy->find_category(category.name) != &category);
        check(policy->rules_for(category.name, ""));
        for (const auto& [platform, layer] : policy->platforms)
            check(policy->rules_for(category.name, platform));
        for (const auto& prefix : category.sku_prefixes)
            FUZZ_FAIL_IF(!policy->category_for("", prefix + "1"));
    }
    return 0;
}
