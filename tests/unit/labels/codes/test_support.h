// Helpers shared by the labels unit tests: scans at a fixed time and finding readings.
#pragma once

#include <string>
#include <vector>

#include "common/scan.h"
#include "labels/codes/code_grammar.h"

namespace rs::labels::test {

// 2025-06-01T00:00:00Z: GS1 dates resolve their century against 2025.
inline constexpr std::int64_t kJune2025Ms = 1748736000000;

inline std::vector<Classification> classify_at(const std::string& text,
                                               const std::string& symbology = {}) {
    Scan scan;
    scan.source = "test";
    scan.text = text;
    scan.symbology = symbology;
    scan.time_ms = kJune2025Ms;
    return classify(scan);
}

// The first reading of `kind` (and, when given, whose "carrier" field is `carrier`), or null.
inline const Classification* find(const std::vector<Classification>& readings, CodeKind kind,
                                  const std::string& carrier = {}) {
    for (const auto& r : readings) {
        if (r.kind == kind && (carrier.empty() || r.field("carrier") == carrier)) return &r;
    }
    return nullptr;
}

inline const char* kGS = "\x1d";

}  // namespace rs::labels::test
