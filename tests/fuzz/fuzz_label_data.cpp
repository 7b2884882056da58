// Fuzz target: arbitrary bytes as the label data a person gives `station print TEMPLATE --data
// FILE` (and the web's return label): the first byte picks the template and the resolution, the
// rest is the JSON document read with the same depth limit, then every template's prepare and
// layout run on it and the label is written as ZPL. A label built has a ZPL format that starts
// with ^XA and ends with ^XZ, whatever the data held (no ^XZ smuggled in through a field).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/json_nesting.h"
#include "labels/print/label_templates.h"
#include "labels/print/zpl_writer.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::labels;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    auto templates = label_templates();
    const LabelTemplate& chosen = templates[data[0] % templates.size()];
    TemplateContext context;
    context.dpi = (data[0] / 16) % 3 == 0 ? 203 : (data[0] / 16) % 3 == 1 ? 300 : 600;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    if (rs::json_nesting_depth(text) > rs::k_max_json_depth) return 0;
    auto document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded()) return 0;
    auto label = build_label(chosen, document, context);
    if (!label) {
        FUZZ_FAIL_IF(label.error().message.empty());
        return 0;
    }
    std::string zpl = to_zpl(*label);
    FUZZ_FAIL_IF(zpl.rfind("^XA", 0) != 0);
    // One format: the only ^XZ is the last (data with "^XZ" in it must be escaped, or it would
    // end the format early and print the rest as a second label).
    FUZZ_FAIL_IF(zpl.find("^XZ") != zpl.rfind("^XZ"));
    (void)format_address(document.is_object() && document.contains("address") ? document["address"]
                                                                              : nlohmann::json());
    return 0;
}
