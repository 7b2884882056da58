// Label templates: each one is a table of fields (where, how big, which symbology) plus a small
// function that turns the person's JSON into the values those fields print.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "labels/print/label.h"
#include "labels/print/label_layout.h"

namespace rs::labels {

enum class FieldKind {
    Text,
    Block,
    Caption,
    Code128,
    Gs1_128,
    Qr,
    DataMatrix,
    Gs1DataMatrix,
    Rule
};

// One row of a template: `value` names an entry of the prepared values (or, for a Caption, is
// the text itself). Sizes are millimetres, so a template prints alike at 203, 300 or 600 dpi.
struct FieldSpec {
    FieldKind kind;
    std::string_view value;
    double x, y, width, height;
    double text_mm = 0;      // Block: preferred line height
    double min_text_mm = 0;  // smallest text before the field is refused
    double module_mm = 0;    // codes: preferred module (1D: narrow bar)
};

using LabelValues = std::map<std::string, std::string>;

// What the station adds to every label: its own address, fonts, resolution.
struct TemplateContext {
    int dpi = 203;
    TextOptions text;
    nlohmann::json sender = nlohmann::json::object();  // the repair center: name, phone, address
};

struct LabelTemplate {
    std::string_view name;         // "return-label"
    std::string_view description;  // for `station print --help`
    double width_in;
    double height_in;
    std::span<const FieldSpec> fields;
    // Checks the JSON and produces the values; errors name the missing or bad key.
    Result<LabelValues> (*prepare)(const nlohmann::json& data, const TemplateContext& context);
    std::string_view fields_help;  // the JSON keys, for --help
};

std::span<const LabelTemplate> label_templates();
const LabelTemplate* find_label_template(std::string_view name);

// Fills the template's fields from `data`, shrinking or wrapping what does not fit.
Result<Label> build_label(const LabelTemplate& label_template, const nlohmann::json& data,
                          const TemplateContext& context);
// By name; NotFound lists the templates there are.
Result<Label> build_label(std::string_view name, const nlohmann::json& data,
                          const TemplateContext& context);

// One-line address in the order the destination country writes it (China: postal code, then
// province, city, district, street without spaces). `address` is a string or an object.
std::string format_address(const nlohmann::json& address);

}  // namespace rs::labels
