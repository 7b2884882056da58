// Label preview: a Label drawn to a PNG at printer resolution, for the UI and for tests.
#pragma once

#include <memory>
#include <string>

#include "common/error.h"
#include "labels/print/label.h"
#include "labels/print/text_raster.h"

namespace rs::labels {

// Draws the label as the printer would, one pixel per dot. Texts in the printer's font are drawn
// with `raster` (the printer's font 0 itself is not available off the printer). Limitation: the
// GS1 Data Matrix is drawn without its leading FNC1 (zxing-cpp 1.4's writer has no GS1 mode),
// so a reader sees the same element string but not the GS1 flag; the printed label has it.
Result<MonoBitmap> rasterize_label(const Label& label, TextRaster& raster);

// PNG bytes (8-bit grayscale) of a bitmap.
Result<std::string> encode_png(const MonoBitmap& bitmap);

Result<std::string> render_preview_png(const Label& label, TextRaster& raster);

}  // namespace rs::labels
