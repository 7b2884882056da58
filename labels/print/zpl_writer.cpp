// ZPL II writer. Command forms follow Zebra's ZPL II Programming Guide (^FO, ^A, ^FH, ^BC, ^BQ,
// ^BX, ^GB, ^GFA, ^PQ, ^CI28); GS1 escapes follow Zebra's support article "Creating GS1 Barcodes
// with Zebra Printers for Data Matrix and Code 128 using ZPL".
#include "labels/print/zpl_writer.h"

#include <fmt/format.h>

#include "labels/print/code128.h"

namespace rs::labels {
namespace {

void append_hex(std::string& out, char indicator, unsigned char byte) {
    out += fmt::format("{}{:02X}", indicator, byte);
}

void write_text(std::string& out, const TextElement& text) {
    if (text.font == TextFont::Bitmap) {
        int total = text.bitmap.bytes_per_row() * text.bitmap.height;
        out += fmt::format("^FO{},{}^GFA,{},{},{},{}^FS\n", text.x, text.y, total, total,
                           text.bitmap.bytes_per_row(), to_zpl_hex(text.bitmap));
        return;
    }
    // Font 0 is the printer's scalable font; font 1 is the resident font bound by ^CW.
    out += fmt::format("^FO{},{}^A{}N,{},{}^FH^FD{}^FS\n", text.x, text.y,
                       text.font == TextFont::Resident ? '1' : '0', text.height, text.height,
                       zpl_hex_escape(text.text, '_'));
}

void write_barcode(std::string& out, const BarcodeElement& code) {
    switch (code.symbology) {
        case Symbology::Code128:
        case Symbology::Gs1_128: {
            auto plan = plan_code128(code.data, code.symbology == Symbology::Gs1_128);
            // Layout validated the data; an invalid plan here would be a bug, so write nothing
            // rather than a broken field.
            if (!plan) return;
            out +=
                fmt::format("^FO{},{}^BY{}^BCN,{},{},N,N^FH^FD{}^FS\n", code.x, code.y, code.module,
                            code.height, code.human_readable ? 'Y' : 'N', code128_zpl_data(*plan));
            return;
        }
        case Symbology::Qr:
            // "MA,": error correction M, automatic input mode.
            out += fmt::format("^FO{},{}^BQN,2,{}^FH^FDMA,{}^FS\n", code.x, code.y, code.module,
                               zpl_hex_escape(code.data, '_'));
            return;
        case Symbology::DataMatrix:
        case Symbology::Gs1DataMatrix:
            out += fmt::format(
                "^FO{},{}^BXN,{},200,,,,_^FH\\^FD{}^FS\n", code.x, code.y, code.module,
                datamatrix_zpl_data(code.data, code.symbology == Symbology::Gs1DataMatrix));
            return;
    }
}

}  // namespace

std::string zpl_hex_escape(std::string_view data, char indicator) {
    std::string out;
    out.reserve(data.size());
    for (char c : data) {
        auto byte = static_cast<unsigned char>(c);
        if (c == indicator || c == '^' || c == '~' || byte < 0x20 || byte == 0x7F)
            append_hex(out, indicator, byte);
        else
            out.push_back(c);
    }
    return out;
}

std::string datamatrix_zpl_data(std::string_view data, bool gs1) {
    std::string out = gs1 ? "_1" : "";
    for (char c : data) {
        if (gs1 && c == '\x1d')
            out += "_1";
        else if (c == '_')
            out += "__";
        else if (c == '\\' || c == '^' || c == '~' || static_cast<unsigned char>(c) < 0x20)
            append_hex(out, '\\', static_cast<unsigned char>(c));
        else
            out.push_back(c);
    }
    return out;
}

std::string to_zpl(const Label& label, int copies) {
    std::string out =
        fmt::format("^XA\n^CI28\n^PW{}\n^LL{}\n^LH0,0\n", label.size.width, label.size.height);
    if (!label.resident_font.empty()) out += fmt::format("^CW1,{}\n", label.resident_font);
    for (const auto& element : label.elements) {
        if (const auto* text = std::get_if<TextElement>(&element)) {
            write_text(out, *text);
        } else if (const auto* code = std::get_if<BarcodeElement>(&element)) {
            write_barcode(out, *code);
        } else if (const auto* box = std::get_if<BoxElement>(&element)) {
            out += fmt::format("^FO{},{}^GB{},{},{}^FS\n", box->x, box->y, box->width, box->height,
                               box->thickness);
        } else if (const auto* graphic = std::get_if<GraphicElement>(&element)) {
            int total = graphic->bitmap.bytes_per_row() * graphic->bitmap.height;
            out += fmt::format("^FO{},{}^GFA,{},{},{},{}^FS\n", graphic->x, graphic->y, total,
                               total, graphic->bitmap.bytes_per_row(), to_zpl_hex(graphic->bitmap));
        }
    }
    if (copies > 1) out += fmt::format("^PQ{}\n", copies);
    out += "^XZ\n";
    return out;
}

}  // namespace rs::labels
