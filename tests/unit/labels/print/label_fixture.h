// Shared by the label tests: the example data of examples/ and a template context on this
// machine's CJK font.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "labels/print/label_templates.h"

namespace rs::test {

inline nlohmann::json example_data(const std::string& template_name) {
    std::ifstream file(std::string(EXAMPLES_DIR) + "/" + template_name + ".json");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    return nlohmann::json::parse(text.str());
}

inline labels::TemplateContext label_context(int dpi = 203) {
    labels::TemplateContext context;
    context.dpi = dpi;
    auto raster = labels::TextRaster::open();
    REQUIRE(raster);  // fonts-noto-cjk or fonts-wqy-zenhei (scripts/deps/labels.txt)
    context.text.raster = *raster;
    context.sender = {{"name", "Repair Center"}, {"address", "Shenzhen 518057"}};
    return context;
}

inline labels::Label example_label(const std::string& template_name, int dpi = 203) {
    auto label =
        labels::build_label(template_name, example_data(template_name), label_context(dpi));
    INFO((label ? "" : label.error().message));
    REQUIRE(label);
    return *label;
}

}  // namespace rs::test
