// Label: what goes on one label, in printer dots, before it becomes ZPL or a preview picture.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "labels/print/mono_bitmap.h"

namespace rs::labels {

// A label stock: size in dots at the printer's resolution.
struct LabelSize {
    int dpi = 203;  // 203, 300 or 600
    int width = 0;  // dots
    int height = 0;

    static LabelSize inches(double width_in, double height_in, int dpi);
    // Dots for a length in millimetres at this resolution.
    int mm(double millimetres) const;
    double dots_per_mm() const { return dpi / 25.4; }
};

// How a text reaches paper: the printer's own font 0, a font stored in the printer (named in
// the configuration), or a bitmap we render (any script, any Zebra).
enum class TextFont { Printer, Resident, Bitmap };

struct TextElement {
    int x = 0;
    int y = 0;
    int height = 0;    // character height in dots
    std::string text;  // UTF-8
    TextFont font = TextFont::Printer;
    MonoBitmap bitmap;  // for TextFont::Bitmap: the rendered text
};

enum class Symbology { Code128, Gs1_128, Qr, DataMatrix, Gs1DataMatrix };
const char* symbology_name(Symbology symbology);

// GS1 data is the element string as a scanner sends it: AI + value, a GS (0x1D) after each
// variable-length value that is not last, no leading FNC1.
struct BarcodeElement {
    int x = 0;
    int y = 0;
    Symbology symbology = Symbology::Code128;
    std::string data;
    int module = 2;              // narrow bar or module size in dots
    int height = 0;              // bar height (1D) in dots
    bool human_readable = true;  // 1D: the interpretation line under the bars
};

struct BoxElement {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    int thickness = 2;
};

struct GraphicElement {
    int x = 0;
    int y = 0;
    MonoBitmap bitmap;
};

using LabelElement = std::variant<TextElement, BarcodeElement, BoxElement, GraphicElement>;

struct Label {
    std::string template_name;
    LabelSize size;
    std::vector<LabelElement> elements;
    std::string resident_font;  // "E:SIMSUN.TTF" when TextFont::Resident texts are used
};

}  // namespace rs::labels
