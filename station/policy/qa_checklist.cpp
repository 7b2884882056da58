// Reading QA checklists from the policy file, and the JSON they are recorded in.
#include "station/policy/qa_checklist.h"

#include "station/policy/qa_checklist_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rs::station {
namespace {

constexpr std::size_t k_max_steps = 100;
// A limit beyond this is a typo (no bench instrument reads a billion of anything).
constexpr double k_max_limit = 1e9;

// The same message shape as the rest of the policy file (policy.cpp): file, line, section.
Error invalid_at(const std::string& source, const toml::source_region& where,
                 const std::string& section, const std::string& message) {
    return Error{ErrorCode::Invalid,
                 fmt::format("{} line {}: [{}] {}", source, where.begin.line, section, message),
                 "policy"};
}

struct StepReader {
    const std::string& source;
    std::string section;

    Result<std::string> text(const toml::node& node, std::string_view key) const {
        auto value = node.value<std::string>();
        if (!node.is_string() || !value)
            return std::unexpected(invalid_at(source, node.source(), section,
                                              fmt::format("{} must be a string", key)));
        if (value->empty())
            return std::unexpected(
                invalid_at(source, node.source(), section, fmt::format("{} is empty", key)));
        return *value;
    }

    Result<double> limit(const toml::node& node, std::string_view key) const {
        if (!node.is_integer() && !node.is_floating_point())
            return std::unexpected(invalid_at(source, node.source(), section,
                                              fmt::format("{} must be a number", key)));
        double value = *node.value<double>();
        if (!std::isfinite(value) || std::fabs(value) > k_max_limit)
            return std::unexpected(
                invalid_at(source, node.source(), section,
                           fmt::format("{} is {}; it must be a finite number within ±{:g}", key,
                                       value, k_max_limit)));
        return value;
    }

    Result<QaStep> step(const toml::table& table) const {
        QaStep step;
        bool has_kind = false;
        for (const auto& [key_name, node] : table) {
            std::string_view key = key_name.str();
            if (key == "text" || key == "expected" || key == "unit") {
                auto value = text(node, key);
                if (!value) return std::unexpected(value.error());
                (key == "text"       ? step.text
                 : key == "expected" ? step.expected
                                     : step.unit) = *value;
            } else if (key == "kind") {
                auto value = text(node, key);
                if (!value) return std::unexpected(value.error());
                auto kind = parse_enum<QaStepKind>(*value);
                if (!kind)
                    return std::unexpected(
                        invalid_at(source, node.source(), section,
                                   fmt::format("kind: unknown value \"{}\"; it must be {}", *value,
                                               names_or<QaStepKind>())));
                step.kind = *kind;
                has_kind = true;
            } else if (key == "low" || key == "high") {
                auto value = limit(node, key);
                if (!value) return std::unexpected(value.error());
                (key == "low" ? step.low : step.high) = *value;
            } else {
                return std::unexpected(invalid_at(
                    source, key_name.source(), section,
                    fmt::format("unknown key {}; known: text, expected, kind, low, high, unit",
                                key)));
            }
        }
        const auto where = table.source();
        auto refuse = [&](const std::string& message) {
            return std::unexpected(invalid_at(source, where, section, message));
        };
        if (step.text.empty()) return refuse("text is missing (what the technician checks)");
        if (step.expected.empty()) return refuse("expected is missing (what a good device shows)");
        if (!has_kind)
            return refuse(fmt::format("kind is missing; it must be {}", names_or<QaStepKind>()));
        bool measured = step.kind == QaStepKind::Measured;
        if (measured) {
            if (!step.low && !step.high)
                return refuse("a measured step needs its limits: low, high or both");
            if (step.unit.empty())
                return refuse("a measured step needs its unit (\"V\", \"mA\", \"dB\"...)");
            if (step.low && step.high && *step.low > *step.high)
                return refuse(fmt::format("low {} is above high {}", *step.low, *step.high));
        } else if (step.low || step.high || !step.unit.empty()) {
            return refuse(fmt::format("low, high and unit are for measured steps; this one is {}",
                                      name_of(step.kind)));
        }
        return step;
    }
};

Result<QaChecklist> read_checklist(const toml::table& table, const std::string& category,
                                   const std::string& source) {
    std::string section = "qa." + category;
    QaChecklist checklist{category, "", {}};
    for (const auto& [key_name, node] : table) {
        std::string_view key = key_name.str();
        if (key == "title") {
            StepReader reader{source, section};
            auto value = reader.text(node, key);
            if (!value) return std::unexpected(value.error());
            checklist.title = *value;
        } else if (key == "steps") {
            const toml::array* steps = node.as_array();
            if (!steps || !steps->is_array_of_tables())
                return std::unexpected(
                    invalid_at(source, node.source(), section,
                               "steps must be a list of [[" + section + ".steps]] tables"));
            for (std::size_t i = 0; i < steps->size(); ++i) {
                StepReader reader{source, fmt::format("{}.steps {}", section, i + 1)};
                auto step = reader.step(*steps->get(i)->as_table());
                if (!step) return std::unexpected(step.error());
                checklist.steps.push_back(std::move(*step));
            }
        } else {
            return std::unexpected(
                invalid_at(source, key_name.source(), section,
                           fmt::format("unknown key {}; known: title, steps", key)));
        }
    }
    if (checklist.steps.empty())
        return std::unexpected(invalid_at(source, table.source(), section,
                                          "no [[" + section + ".steps]]: a checklist needs steps"));
    if (checklist.steps.size() > k_max_steps)
        return std::unexpected(
            invalid_at(source, table.source(), section,
                       fmt::format("{} steps; at most {}", checklist.steps.size(), k_max_steps)));
    return checklist;
}

}  // namespace

std::string QaStep::limits_text() const {
    std::string suffix = unit.empty() ? "" : " " + unit;
    if (low && high) return fmt::format("{}..{}{}", *low, *high, suffix);
    if (low) return fmt::format(">= {}{}", *low, suffix);
    if (high) return fmt::format("<= {}{}", *high, suffix);
    return "";
}

bool QaStep::within_limits(double value) const {
    if (!std::isfinite(value)) return false;
    if (low && value < *low) return false;
    if (high && value > *high) return false;
    return true;
}

nlohmann::json checklist_to_json(const QaChecklist& checklist) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : checklist.steps) {
        nlohmann::json item{
            {"text", step.text}, {"expected", step.expected}, {"kind", name_of(step.kind)}};
        if (step.low) item["low"] = *step.low;
        if (step.high) item["high"] = *step.high;
        if (!step.unit.empty()) item["unit"] = step.unit;
        steps.push_back(std::move(item));
    }
    return {{"category", checklist.category}, {"title", checklist.title}, {"steps", steps}};
}

Result<QaChecklist> checklist_from_json(const nlohmann::json& json) {
    auto bad = [](const std::string& what) {
        return fail(ErrorCode::Invalid, "recorded QA checklist: " + what, "qa");
    };
    if (!json.is_object() || !json.contains("steps") || !json["steps"].is_array())
        return bad("no steps");
    QaChecklist checklist;
    checklist.category = json.value("category", "");
    checklist.title = json.value("title", "");
    for (const auto& item : json["steps"]) {
        if (!item.is_object()) return bad("a step is not an object");
        QaStep step;
        step.text = item.value("text", "");
        step.expected = item.value("expected", "");
        auto kind = parse_enum<QaStepKind>(item.value("kind", ""));
        if (!kind) return bad("a step has an unknown kind");
        step.kind = *kind;
        if (item.contains("low") && item["low"].is_number()) step.low = item["low"].get<double>();
        if (item.contains("high") && item["high"].is_number())
            step.high = item["high"].get<double>();
        step.unit = item.value("unit", "");
        checklist.steps.push_back(std::move(step));
    }
    return checklist;
}

Result<std::map<std::string, QaChecklist>> parse_qa_checklists(
    const toml::table& qa, const std::vector<std::string>& categories, const std::string& source) {
    std::map<std::string, QaChecklist> checklists;
    for (const auto& [name, node] : qa) {
        std::string category(name.str());
        std::string section = "qa." + category;
        // A checklist for a category the file does not define would never be used: a typo.
        if (std::find(categories.begin(), categories.end(), category) == categories.end())
            return std::unexpected(
                invalid_at(source, name.source(), section,
                           fmt::format("unknown category {}; the file defines: {}", category, [&] {
                               std::string names;
                               for (const auto& known : categories)
                                   names += (names.empty() ? "" : ", ") + known;
                               return names;
                           }())));
        const toml::table* table = node.as_table();
        if (!table)
            return std::unexpected(invalid_at(source, node.source(), section, "must be a table"));
        auto checklist = read_checklist(*table, category, source);
        if (!checklist) return std::unexpected(checklist.error());
        checklists.emplace(category, std::move(*checklist));
    }
    return checklists;
}

}  // namespace rs::station
