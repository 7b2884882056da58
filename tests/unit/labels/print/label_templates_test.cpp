// Templates: golden ZPL per template (tests/fixtures/labels), resolutions, and clear refusals.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "label_fixture.h"
#include "labels/print/label_layout.h"
#include "labels/print/zpl_writer.h"
#include "tests/support/text.h"

using namespace rs;

namespace {

std::string error_of(const std::string& name, const nlohmann::json& data) {
    auto label = labels::build_label(name, data, test::label_context());
    REQUIRE_FALSE(label);
    return label.error().message;
}

}  // namespace

TEST_CASE("each template's ZPL matches its golden file") {
    // RS_UPDATE_GOLDEN=1 rewrites the files after a deliberate change (then review the diff).
    bool update = std::getenv("RS_UPDATE_GOLDEN") != nullptr;
    for (const auto& label_template : labels::label_templates()) {
        std::string name(label_template.name);
        INFO(name);
        std::string zpl = labels::to_zpl(test::example_label(name));
        std::string golden_path = std::string(GOLDEN_DIR) + "/" + name + ".zpl";
        if (update) std::ofstream(golden_path, std::ios::binary) << zpl;
        CHECK(zpl == test::read_text(golden_path));
    }
}

TEST_CASE("templates scale with the printer's resolution") {
    for (int dpi : {203, 300, 600}) {
        INFO(dpi);
        labels::Label label = test::example_label("return-label", dpi);
        CHECK(label.size.width == 4 * dpi);
        CHECK(label.size.height == 6 * dpi);
        for (const auto& element : label.elements)
            if (const auto* box = std::get_if<labels::BoxElement>(&element))
                CHECK(box->x + box->width <= label.size.width);
    }
}

TEST_CASE("a long address wraps onto more lines and shrinks, never cut") {
    nlohmann::json data = test::example_data("return-label");
    data["recipient"]["address"]["street"] =
        "科苑路15号科兴科学园B栋3单元1201室转交前台请电话联系收件人谢谢配合工作人员签收";
    auto label = labels::build_label("return-label", data, test::label_context());
    REQUIRE(label);
    std::string printed;
    for (const auto& element : label->elements)
        if (const auto* text = std::get_if<labels::TextElement>(&element)) printed += text->text;
    // Every character of the address is on the label, in order.
    CHECK(printed.find("谢谢配合") != std::string::npos);
    CHECK(printed.find("518057") != std::string::npos);
}

TEST_CASE("a field that cannot fit even at the smallest size is refused, naming it") {
    nlohmann::json data = test::example_data("ro-tag");
    data["model"] = std::string(200, 'W');
    std::string message = error_of("ro-tag", data);
    CHECK(message.find("ro-tag") != std::string::npos);
    CHECK(message.find("model") != std::string::npos);
    CHECK(message.find("does not fit") != std::string::npos);
}

TEST_CASE("bad label data gets a message that names what to fix") {
    CHECK(error_of("return-label", nlohmann::json::object()).find("tracking_number") !=
          std::string::npos);
    nlohmann::json part = test::example_data("part-label");
    part["gtin"] = "09501101530004";
    CHECK(error_of("part-label", part).find("check digit") != std::string::npos);
    part = test::example_data("part-label");
    part["lot"] = "LOT 42";  // a space is not in GS1's character set 82
    CHECK(error_of("part-label", part).find("GS1 does not allow") != std::string::npos);
    part["sku"] = "SKU-1";
    CHECK(error_of("part-label", part).find("either") != std::string::npos);
    auto unknown = labels::build_label("price-tag", {}, test::label_context());
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("return-label") != std::string::npos);
}

TEST_CASE("non-Latin text uses the resident font when the configuration names one") {
    labels::TemplateContext context = test::label_context();
    context.text.resident_font = "E:SIMSUN.TTF";
    auto label = labels::build_label("badge", test::example_data("badge"), context);
    REQUIRE(label);
    std::string zpl = labels::to_zpl(*label);
    CHECK(zpl.find("^CW1,E:SIMSUN.TTF") != std::string::npos);
    CHECK(zpl.find("^A1N") != std::string::npos);
    CHECK(zpl.find("王芳") != std::string::npos);
    CHECK(zpl.find("^GFA") == std::string::npos);  // no bitmaps needed
}

TEST_CASE("wrapping breaks at spaces for Latin text and anywhere between CJK characters") {
    auto width = [](std::string_view text) { return labels::estimate_font0_width(text, 20); };
    auto lines = labels::wrap_text("Nanshan District Shenzhen", 100, width);
    for (const auto& line : lines)
        CHECK(width(line) <= 100);
    CHECK(lines.size() >= 2);
    auto raster = labels::TextRaster::open();
    REQUIRE(raster);
    auto measure = [&](std::string_view text) { return (*raster)->measure(text, 20); };
    auto cjk = labels::wrap_text("广东省深圳市南山区科苑路15号", 100, measure);
    CHECK(cjk.size() >= 2);
    std::string joined;
    for (const auto& line : cjk) {
        CHECK(measure(line) <= 100);
        joined += line;
    }
    CHECK(joined == "广东省深圳市南山区科苑路15号");
}

TEST_CASE("a supplier-return label needs where it goes and what is inside, and says what it left") {
    nlohmann::json data = test::example_data("supplier-return");
    nlohmann::json no_address = data;
    no_address["supplier"].erase("address");
    CHECK(error_of("supplier-return", no_address).find("\"supplier\".\"address\" is empty") !=
          std::string::npos);
    nlohmann::json no_lines = data;
    no_lines["lines"] = nlohmann::json::array();
    CHECK(error_of("supplier-return", no_lines).find("\"lines\" must list the parts") !=
          std::string::npos);
    nlohmann::json many = data;
    for (int i = 0; i < 20; ++i)
        many["lines"].push_back({{"sku", "SKU-SCR-M2U"}, {"qty", 10}, {"reason", "damaged"}});
    auto label = labels::build_label("supplier-return", many, test::label_context());
    REQUIRE(label);
    std::string printed;
    for (const auto& element : label->elements)
        if (const auto* text = std::get_if<labels::TextElement>(&element)) printed += text->text;
    CHECK(printed.find("+ 11 more lines") != std::string::npos);
    CHECK(printed.find("204 parts, 23 lines") != std::string::npos);
}
