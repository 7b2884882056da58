// LabelLayout: places text and codes on a label, shrinking or wrapping what does not fit and
// refusing (never cutting) what cannot be made to fit.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "labels/print/label.h"
#include "labels/print/text_raster.h"

namespace rs::labels {

// How texts that the printer's font 0 cannot draw (anything beyond ASCII) are printed.
struct TextOptions {
    std::string resident_font;           // e.g. "E:SIMSUN.TTF"; empty: render bitmaps
    std::shared_ptr<TextRaster> raster;  // for bitmaps and for measuring resident-font text
};

// A rectangle in dots.
struct Box {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

// Font 0's advance widths are not published; this bound is measured on a scalable condensed
// font with generous classes, so an estimated line is never narrower than the printed one.
int estimate_font0_width(std::string_view text, int height);

// True when every byte is printable ASCII or space, i.e. font 0 draws it.
bool printer_font_can_draw(std::string_view text);

// Greedy line breaking at spaces, and between any two characters of scripts without spaces.
std::vector<std::string> wrap_text(std::string_view text, int max_width,
                                   const std::function<int(std::string_view)>& measure);

class LabelLayout {
public:
    LabelLayout(std::string template_name, LabelSize size, TextOptions options);

    const LabelSize& size() const { return m_label.size; }
    int mm(double millimetres) const { return m_label.size.mm(millimetres); }

    // One line in `area` (its height is the preferred character height); shrinks down to
    // `min_height` dots, then fails naming `field`.
    Status text(std::string_view field, std::string_view text, Box area, int min_height);
    // Several lines wrapped to `area.width`, at most as tall as `area.height`; `line_height` is
    // preferred and shrinks down to `min_height`. Returns the height used.
    Result<int> text_block(std::string_view field, std::string_view text, Box area, int line_height,
                           int min_height);
    // A 1D code centred in `area` (bars as tall as area.height minus the interpretation line);
    // the module shrinks down to 1 dot, then it fails naming `field`.
    Status code128(std::string_view field, std::string_view data, bool gs1, Box area, int module,
                   bool human_readable = true);
    // A 2D code at the top-left of `area`, module as large as fits up to `max_module`.
    Status matrix_code(std::string_view field, Symbology symbology, std::string_view data, Box area,
                       int max_module);
    void box(Box area, int thickness);

    Label take() { return std::move(m_label); }

private:
    TextFont font_for(std::string_view text) const;
    Result<int> width_of(std::string_view text, int height, TextFont font) const;
    Status place_line(std::string_view text, int x, int y, int height, TextFont font);

    Label m_label;
    TextOptions m_options;
};

// Modules across a 2D symbol, from the ZXing writer (the printer's encoder may choose the same
// or a smaller symbol: the estimate errs on the large side for layout).
Result<int> matrix_modules(Symbology symbology, std::string_view data);

// Modules across a Code 128 symbol including the quiet zones (10 modules each side).
Result<int> code128_modules(std::string_view data, bool gs1);

}  // namespace rs::labels
