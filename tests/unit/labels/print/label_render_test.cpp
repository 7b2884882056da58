// Every template, filled with the examples (a Chinese address among them), rendered by an
// independent ZPL renderer (zpl-renderer-js) and read back by zbarimg and by ZXing: the codes
// must say exactly what we meant, GS1 separators included, and the CJK text must be drawn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "label_fixture.h"
#include "labels/print/label_layout.h"
#include "labels/print/label_preview.h"
#include "labels/print/zpl_writer.h"
#include "tests/support/label_check.h"
#include "tests/support/temp_dir.h"

using namespace rs;

namespace {

const std::string k_gs1 =
    "0109501101530003"
    "10LOT42\x1d"
    "21SN000123";

struct Expected {
    std::string name;
    std::multiset<std::string> zxing;  // format + ":" + text
    std::multiset<std::string> zbar;   // zbar reads no Data Matrix
};

const std::vector<Expected> k_expected = {
    {"ro-tag", {"Code128:RO-000001O", "QRCode:RO-000001O"}, {"RO-000001O", "RO-000001O"}},
    {"return-label",
     {"Code128:SF1402398761234", "Code128:RMA-26110001X"},
     {"SF1402398761234", "RMA-26110001X"}},
    {"packing-slip", {"Code128:RO-000001O"}, {"RO-000001O"}},
    {"repair-report", {"Code128:RO-000001O"}, {"RO-000001O"}},
    {"manifest-page",
     {"Code128:SF500000000000", "Code128:SF500000000001", "Code128:SF500000000002"},
     {"SF500000000000", "SF500000000001", "SF500000000002"}},
    {"supplier-return", {"Code128:SR-000001"}, {"SR-000001"}},
    {"part-label", {"Code128:" + k_gs1, "DataMatrix:" + k_gs1}, {k_gs1}},
    {"location-label", {"Code128:BIN-A-01E", "QRCode:BIN-A-01E"}, {"BIN-A-01E", "BIN-A-01E"}},
    {"badge", {"Code128:OP-0001U", "QRCode:OP-0001U"}, {"OP-0001U", "OP-0001U"}},
};

std::multiset<std::string> zxing_set(const std::vector<test::Decoded>& decoded) {
    std::multiset<std::string> out;
    for (const auto& code : decoded)
        out.insert(code.format + ":" + code.text);
    return out;
}

// One render of all templates for the whole file: starting the renderer takes seconds.
struct Rendered {
    test::TempDir dir;
    std::map<std::string, labels::Label> labels;
    std::map<std::string, test::GrayImage> images;
    std::map<std::string, std::string> pngs;
    std::string error;

    Rendered() {
        std::vector<test::RenderJob> jobs;
        for (const auto& expected : k_expected) {
            labels::Label label = test::example_label(expected.name);
            std::string zpl_path = dir.file(expected.name + ".zpl");
            std::ofstream(zpl_path, std::ios::binary) << labels::to_zpl(label);
            jobs.push_back({zpl_path, dir.file(expected.name + ".png"), label.size.width / 8.0,
                            label.size.height / 8.0, 8});
            pngs[expected.name] = dir.file(expected.name + ".png");
            labels.emplace(expected.name, std::move(label));
        }
        error = test::render_zpl(jobs);
        if (!error.empty()) return;
        for (const auto& [name, path] : pngs)
            images[name] = test::read_png(path);
    }
};

Rendered& rendered() {
    static Rendered once;
    return once;
}

}  // namespace

TEST_CASE("zpl-renderer-js renders every template to the label's size", "[slow]") {
    auto& all = rendered();
    INFO(all.error);
    REQUIRE(all.error.empty());
    for (const auto& [name, label] : all.labels) {
        INFO(name);
        CHECK(all.images[name].width >= label.size.width - 2);
        CHECK(all.images[name].height >= label.size.height - 2);
    }
}

TEST_CASE("ZXing reads every code of every rendered template back exactly", "[slow]") {
    auto& all = rendered();
    REQUIRE(all.error.empty());
    for (const auto& expected : k_expected) {
        INFO(expected.name);
        auto decoded = test::zxing_decode(all.images[expected.name]);
        CHECK(zxing_set(decoded) == expected.zxing);
        for (const auto& code : decoded)
            if (code.text == k_gs1)  // GS1 flagged by the symbology identifier, not just data
                CHECK((code.symbology == "]C1" || code.symbology == "]d2"));
    }
}

TEST_CASE("zbarimg reads every linear and QR code of every rendered template back exactly",
          "[slow]") {
    auto& all = rendered();
    REQUIRE(all.error.empty());
    for (const auto& expected : k_expected) {
        INFO(expected.name);
        auto symbols = test::zbarimg_decode(all.pngs[expected.name]);
        CHECK(std::multiset<std::string>(symbols.begin(), symbols.end()) == expected.zbar);
    }
}

TEST_CASE("Chinese text is drawn where the label puts it", "[slow]") {
    auto& all = rendered();
    REQUIRE(all.error.empty());
    int bitmaps = 0;
    for (const auto& [name, label] : all.labels) {
        for (const auto& element : label.elements) {
            const auto* text = std::get_if<labels::TextElement>(&element);
            if (!text || text->font != labels::TextFont::Bitmap) continue;
            ++bitmaps;
            INFO(name << ": " << text->text);
            int ink = all.images[name].dark_pixels(text->x, text->y, text->bitmap.width,
                                                   text->bitmap.height);
            // The renderer draws our ^GFA dots: nearly all of them land in the text's box.
            CHECK(ink >= static_cast<int>(text->bitmap.black_count() * 9 / 10));
            CHECK(text->bitmap.black_count() > 50);
        }
    }
    CHECK(bitmaps >= 4);  // recipient name, address lines, sender, badge name
}

TEST_CASE("texts in the printer's font stay inside the width the layout measured", "[slow]") {
    auto& all = rendered();
    REQUIRE(all.error.empty());
    for (const auto& [name, label] : all.labels) {
        for (const auto& element : label.elements) {
            const auto* text = std::get_if<labels::TextElement>(&element);
            if (!text || text->font != labels::TextFont::Printer) continue;
            INFO(name << ": " << text->text);
            int right = text->x + labels::estimate_font0_width(text->text, text->height);
            // Ink right of the estimated end, within the text's own band, means the estimate is
            // too small and a line could run off its box.
            CHECK(all.images[name].dark_pixels(right + 1, text->y + 2, 12, text->height - 4) == 0);
            CHECK(all.images[name].dark_pixels(text->x, text->y, right - text->x, text->height) >
                  0);
        }
    }
}

TEST_CASE("our own preview decodes to the same data as the printed label") {
    test::TempDir dir;
    auto raster = labels::TextRaster::open();
    REQUIRE(raster);
    for (const auto& expected : k_expected) {
        INFO(expected.name);
        labels::Label label = test::example_label(expected.name);
        auto png = labels::render_preview_png(label, **raster);
        REQUIRE(png);
        std::ofstream(dir.file("preview.png"), std::ios::binary) << *png;
        auto decoded = test::zxing_decode(test::read_png(dir.file("preview.png")));
        CHECK(zxing_set(decoded) == expected.zxing);
    }
}
