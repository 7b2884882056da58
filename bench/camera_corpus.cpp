// bench/camera_corpus: a folder of realistic bench-camera photographs of labels, with the codes
// each holds (truth.tsv), for bench/camera_decode. Deterministic for a seed.
//
// Labels are printed the way the station prints them: our templates (labels/print) and
// real-world layouts (a carrier's shipping label with Code 128 and PDF417, a device's back label
// with DataMatrix and QR, an IMEI box label, retail boxes with EAN-13 and UPC-A) written as ZPL and
// rendered by zpl-renderer-js (tests/zpl/render.cjs), a renderer we did not write; laser-etched
// DataMatrix plates are drawn here. Each label is then photographed as a bench camera sees it
// (bench/README.md says how).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "devices/camera/barcode_image.h"
#include "devices/camera/frame_effects.h"
#include "labels/print/label_templates.h"
#include "labels/print/text_raster.h"
#include "labels/print/zpl_writer.h"
#include "truth_file.h"

namespace {

namespace fs = std::filesystem;

struct Code {
    std::string format;  // configuration name
    std::string text;
    int module = 2;  // narrow bar or 2D module, in the label image's pixels (printer dots)
};

// A code is expected in a photo only when its modules are at least this many pixels there: a
// camera cannot resolve finer ones, whatever decodes them. Nor modules narrower than the
// optics' blur (sigma): a narrow bar beside a narrow space keeps under 1 % of its contrast
// (exp(-pi^2/2 (sigma/module)^2)), gone in the noise and the JPEG.
constexpr double k_min_module_px = 1.5;

struct PrintedLabel {
    std::string name;
    std::string zpl;  // empty: drawn here (`image`)
    double width_mm = 0, height_mm = 0;
    std::vector<Code> codes;
    cv::Mat image;        // gray; rendered or drawn
    bool etched = false;  // light marks on dark metal
};

using Random = std::mt19937;

double uniform(Random& random, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
}

int pick(Random& random, int count) {
    return static_cast<int>(random() % static_cast<unsigned>(count));
}

std::string digits(Random& random, int count) {
    std::string out;
    for (int i = 0; i < count; ++i)
        out += static_cast<char>('0' + random() % 10);
    return out;
}

// GS1 check digit (EAN, UPC, ITF-14) and the Luhn digit (IMEI).
std::string with_gs1_check(const std::string& body) {
    int sum = 0;
    for (std::size_t i = 0; i < body.size(); ++i)
        sum += (body[body.size() - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
    return body + static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string imei(Random& random) {
    std::string body = "35" + digits(random, 12);
    int sum = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        int digit = body[i] - '0';
        if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
        sum += digit;
    }
    return body + static_cast<char>('0' + (10 - sum % 10) % 10);
}

// ---------------------------------------------------------------------------------------------
// Labels

// Our own templates, with the example data of examples/ and a new repair order number each time.
std::vector<PrintedLabel> template_labels(Random& random, const std::string& examples) {
    rs::labels::TemplateContext context;
    context.dpi = 203;
    if (auto raster = rs::labels::TextRaster::open()) context.text.raster = *raster;
    context.sender = {{"name", "Repair Center"}, {"address", "Shenzhen 518057"}};
    std::vector<PrintedLabel> labels;
    for (const char* name : {"ro-tag", "return-label", "part-label", "location-label"}) {
        std::ifstream file(fmt::format("{}/{}.json", examples, name));
        std::stringstream text;
        text << file.rdbuf();
        auto data = nlohmann::json::parse(text.str(), nullptr, false);
        if (data.is_discarded()) {
            fmt::print(stderr, "camera_corpus: cannot read {}/{}.json\n", examples, name);
            std::exit(1);
        }
        if (data.contains("ro_number")) data["ro_number"] = "RO-" + digits(random, 6) + "O";
        if (data.contains("repair_order")) data["repair_order"] = "RO-" + digits(random, 6) + "O";
        auto label = rs::labels::build_label(name, data, context);
        if (!label) {
            fmt::print(stderr, "camera_corpus: {}: {}\n", name, label.error().message);
            std::exit(1);
        }
        PrintedLabel printed;
        printed.name = name;
        printed.zpl = rs::labels::to_zpl(*label);
        printed.width_mm = label->size.width * 25.4 / label->size.dpi;
        printed.height_mm = label->size.height * 25.4 / label->size.dpi;
        for (const auto& element : label->elements)
            if (const auto* code = std::get_if<rs::labels::BarcodeElement>(&element)) {
                using rs::labels::Symbology;
                bool matrix = code->symbology == Symbology::Qr;
                bool datamatrix = code->symbology == Symbology::DataMatrix ||
                                  code->symbology == Symbology::Gs1DataMatrix;
                printed.codes.push_back({matrix       ? "qrcode"
                                         : datamatrix ? "datamatrix"
                                                      : "code128",
                                         code->data, code->module});
            }
        labels.push_back(std::move(printed));
    }
    return labels;
}

// Layouts met on devices and parcels, written as ZPL at 203 dpi (8 dots per mm).
std::vector<PrintedLabel> real_world_labels(Random& random) {
    std::vector<PrintedLabel> labels;
    {  // A carrier's 4" x 6" shipping label: tracking number as Code 128, address as PDF417.
        std::string tracking = "1Z" + digits(random, 4) + "AA" + digits(random, 10);
        std::string postal = "420" + digits(random, 5);
        std::string pdf = fmt::format("[)>06SHIP TO J DOE|{} MAIN ST|SPRINGFIELD IL|{}|{}",
                                      digits(random, 3), postal.substr(3), tracking);
        PrintedLabel label{"shipping-label", "", 101.6, 152.4, {}, {}, false};
        label.zpl = fmt::format(
            "^XA^CF0,30^FO40,30^FDUPS GROUND^FS^FO40,70^GB730,3,3^FS"
            "^FO40,90^A0N,28,28^FDSHIP TO: JOHN DOE^FS^FO40,125^A0N,28,28^FD123 MAIN STREET^FS"
            "^FO40,160^A0N,28,28^FDSPRINGFIELD IL {}^FS"
            "^FO60,230^BY3^BCN,150,N,N,N^FD{}^FS"
            "^FO40,430^GB730,3,3^FS^FO60,470^BY3^BCN,180,Y,N,N^FD{}^FS"
            "^FO60,760^BY3,3^B7N,8,5,,,N^FD{}^FS^XZ",
            postal.substr(3), postal, tracking, pdf);
        label.codes = {{"code128", postal, 3}, {"code128", tracking, 3}, {"pdf417", pdf, 3}};
        labels.push_back(std::move(label));
    }
    {  // A device's back label: serial as DataMatrix, a support link as QR, small print.
        std::string serial = "SN" + digits(random, 10);
        std::string link = "https://support.example.com/d/" + digits(random, 8);
        PrintedLabel label{"device-back", "", 50.8, 30.5, {}, {}, false};
        label.zpl = fmt::format(
            "^XA^FO20,20^A0N,22,22^FDModel X2 / 128GB^FS^FO20,50^A0N,18,18^FDMade in China^FS"
            "^FO20,90^BXN,6,200^FD{}^FS^FO220,70^BQN,2,4^FDQA,{}^FS"
            "^FO20,215^A0N,18,18^FD{}^FS^XZ",
            serial, link, serial);
        label.codes = {{"datamatrix", serial, 6}, {"qrcode", link, 4}};
        labels.push_back(std::move(label));
    }
    {  // A phone box's IMEI label: two IMEIs and the serial as Code 128.
        std::string first = imei(random), second = imei(random);
        std::string serial = "R5" + digits(random, 9);
        PrintedLabel label{"imei-label", "", 76.2, 38.1, {}, {}, false};
        label.zpl = fmt::format(
            "^XA^FO30,8^A0N,20,20^FDIMEI1^FS^FO30,30^BY2^BCN,45,Y,N,N^FD{}^FS"
            "^FO30,108^A0N,20,20^FDIMEI2^FS^FO30,130^BY2^BCN,45,Y,N,N^FD{}^FS"
            "^FO30,240^A0N,20,20^FDS/N^FS^FO100,230^BY2^BCN,40,N,N,N^FD{}^FS^XZ",
            first, second, serial);
        label.codes = {{"code128", first, 2}, {"code128", second, 2}, {"code128", serial, 2}};
        labels.push_back(std::move(label));
    }
    {  // A retail box: EAN-13, and a UPC-A printed as its EAN-13 form (leading 0).
        std::string ean = with_gs1_check("590" + digits(random, 9));
        std::string upc = with_gs1_check("0" + digits(random, 10));
        PrintedLabel label{"retail-box", "", 76.2, 50.8, {}, {}, false};
        label.zpl = fmt::format(
            "^XA^FO30,20^A0N,26,26^FDPhone case, black^FS"
            "^FO50,70^BY3^BEN,120,Y,N^FD{}^FS^FO50,260^BY2^BEN,70,Y,N^FD0{}^FS^XZ",
            ean.substr(0, 12), upc.substr(0, 11));
        label.codes = {{"ean13", ean, 3}, {"upca", upc, 2}};
        labels.push_back(std::move(label));
    }
    return labels;
}

// A laser-etched DataMatrix on a metal part: light marks on dark, brushed metal, low contrast.
PrintedLabel etched_plate(Random& random) {
    PrintedLabel plate;
    plate.name = "etched-plate";
    plate.etched = true;
    std::string text = "PCB-" + digits(random, 8) + "-" + digits(random, 2);
    plate.codes = {{"datamatrix", text, 8}};
    auto drawn = rs::devices::draw_barcode({"datamatrix", text, 8, 0, 3, false});
    if (!drawn) {
        fmt::print(stderr, "camera_corpus: {}\n", drawn.error().message);
        std::exit(1);
    }
    cv::Mat plate_image(drawn->rows * 2, drawn->cols * 3, CV_8UC1, cv::Scalar(70));
    // Brushed: fine streaks along the rows.
    cv::Mat streaks(plate_image.size(), CV_32F);
    cv::randn(streaks, 0, 14);
    cv::blur(streaks, streaks, cv::Size(41, 1));
    cv::Mat base;
    plate_image.convertTo(base, CV_32F);
    base += streaks;
    base.convertTo(plate_image, CV_8U);
    // The marks: dark modules of the drawing become light, lighter than the metal by a little.
    double mark = uniform(random, 125, 170);
    cv::Mat roi = plate_image(cv::Rect(drawn->cols, drawn->rows / 2, drawn->cols, drawn->rows));
    cv::Mat marks = *drawn < 128;
    roi.setTo(cv::Scalar(mark), marks);
    plate.image = plate_image;
    return plate;
}

// Renders every ZPL label in one run of the renderer.
void render_labels(std::vector<PrintedLabel>& labels, const fs::path& dir,
                   const std::string& renderer) {
    fs::create_directories(dir);
    std::string command = "node " + renderer;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].zpl.empty()) continue;
        fs::path zpl = dir / fmt::format("{}-{}.zpl", i, labels[i].name);
        std::ofstream(zpl, std::ios::binary) << labels[i].zpl;
        command += fmt::format(" {} {} {:.1f} {:.1f} 8", zpl.string(),
                               fs::path(zpl).replace_extension(".png").string(), labels[i].width_mm,
                               labels[i].height_mm);
    }
    command += " 2>/dev/null";  // the renderer's headless browser complains about D-Bus
    if (std::system(command.c_str()) != 0) {
        fmt::print(stderr, "camera_corpus: rendering with {} failed (run scripts/install-npm.sh)\n",
                   renderer);
        std::exit(1);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].zpl.empty()) continue;
        fs::path png = dir / fmt::format("{}-{}.png", i, labels[i].name);
        cv::Mat image = cv::imread(png.string(), cv::IMREAD_GRAYSCALE);
        if (image.empty()) {
            fmt::print(stderr, "camera_corpus: the renderer wrote no {}\n", png.string());
            std::exit(1);
        }
        labels[i].image = image;
    }
}

// ---------------------------------------------------------------------------------------------
// Photographing

// What makes a photo hard, one per photo (the others mild), in turn.
enum class Trouble {
    Perspective,  // seen at up to 45 degrees
    Defocus,      // out of focus
    Motion,       // the hand moved
    Light,        // uneven light and a glare spot
    Contrast,     // faded print, dim light
    Jpeg,         // a cheap camera's strong compression
    Noise,        // high gain in a dark room
    Curved,       // round a phone's back or a battery
    Distance,     // small modules: the label far away
    Covered,      // a finger or a sticker over part of a code
};
constexpr int k_troubles = 10;

const char* trouble_name(Trouble trouble) {
    static const char* names[] = {"perspective", "defocus", "motion", "light",    "contrast",
                                  "jpeg",        "noise",   "curved", "distance", "covered"};
    return names[static_cast<int>(trouble)];
}

// The label wrapped round a cylinder whose axis runs along its columns, seen from the front:
// the sides squeezed and darker.
cv::Mat curved(const cv::Mat& label, double radius_factor, cv::Mat& mask) {
    double radius = label.cols * radius_factor;
    double half_angle = label.cols / 2.0 / radius;
    int width = static_cast<int>(2 * radius * std::sin(half_angle));
    cv::Mat map_x(label.rows, width, CV_32F), map_y(label.rows, width, CV_32F);
    cv::Mat shade(label.rows, width, CV_32F);
    for (int x = 0; x < width; ++x) {
        double offset = (x - width / 2.0) / radius;
        double arc = std::asin(std::clamp(offset, -1.0, 1.0)) * radius;
        float source = static_cast<float>(arc + label.cols / 2.0);
        float light = static_cast<float>(0.55 + 0.45 * std::cos(arc / radius));
        for (int y = 0; y < label.rows; ++y) {
            map_x.at<float>(y, x) = source;
            map_y.at<float>(y, x) = static_cast<float>(y);
            shade.at<float>(y, x) = light;
        }
    }
    cv::Mat out, as_float;
    cv::remap(label, out, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    out.convertTo(as_float, CV_32F);
    as_float = as_float.mul(shade);
    as_float.convertTo(out, CV_8U);
    mask = cv::Mat(out.size(), CV_8UC1, cv::Scalar(255));
    return out;
}

// A finger or a sticker over part of one of the label's codes, so that the code is still
// readable in principle: over a third of a 1D code's bar height, or a blob within a 2D code's
// error correction. Codes are found on the clean label by its drawn bounding boxes of ink.
void cover_part(cv::Mat& label, Random& random) {
    // The code-like regions: dense ink, found as in a camera's first look.
    cv::Mat ink = label < 128, dense;
    cv::morphologyEx(ink, dense, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(dense, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<cv::Rect> boxes;
    for (const auto& contour : contours) {
        cv::Rect box = cv::boundingRect(contour);
        if (box.width >= 60 && box.height >= 40) boxes.push_back(box);
    }
    if (boxes.empty()) return;
    cv::Rect box = boxes[static_cast<std::size_t>(pick(random, static_cast<int>(boxes.size())))];
    cv::Scalar color(uniform(random, 90, 200));  // a finger is mid-gray in a gray photo
    if (box.width > 2.5 * box.height) {
        // 1D: a band across the bars' top or bottom third.
        int band = box.height / 3;
        int y = pick(random, 2) ? box.y - band / 3 : box.br().y - band;
        cv::ellipse(label, cv::Point(box.x + box.width / 2, y + band / 2),
                    cv::Size(box.width / 2 + 30, band / 2), 0, 0, 360, color, cv::FILLED);
    } else {
        // 2D: a blob of a fifth of the side, off the finder corner.
        int side = std::min(box.width, box.height) / 5;
        cv::Point center(
            box.x + box.width / 2 + static_cast<int>(uniform(random, 0, 0.25) * box.width),
            box.y + box.height / 2 + static_cast<int>(uniform(random, -0.25, 0.1) * box.height));
        cv::circle(label, center, side / 2, color, cv::FILLED);
    }
}

// The bench: a gray mat with tools and cables, lit from one side.
cv::Mat bench(Random& random, int width, int height) {
    cv::Mat canvas(height, width, CV_8UC1);
    double top = uniform(random, 40, 110), bottom = uniform(random, 60, 140);
    for (int y = 0; y < height; ++y)
        canvas.row(y).setTo(cv::Scalar(top + (bottom - top) * y / height));
    for (int i = 0; i < 10; ++i) {
        cv::Point at(pick(random, width), pick(random, height));
        cv::circle(canvas, at, static_cast<int>(uniform(random, 10, 90)),
                   cv::Scalar(uniform(random, 20, 200)), cv::FILLED);
        cv::line(canvas, at, {pick(random, width), pick(random, height)},
                 cv::Scalar(uniform(random, 10, 220)), static_cast<int>(uniform(random, 2, 12)));
    }
    return canvas;
}

struct Photo {
    cv::Mat image;
    int jpeg_quality = 90;
    double module_scale = 1;  // label pixels to photo pixels, at the most foreshortened
    double blur_sigma = 0;    // the Gaussian blur of the optics, in photo pixels
};

Photo photograph(const PrintedLabel& printed, Trouble trouble, Random& random, int width,
                 int height) {
    cv::Mat label = printed.image.clone();
    if (trouble == Trouble::Covered) cover_part(label, random);
    cv::Mat mask(label.size(), CV_8UC1, cv::Scalar(255));
    if (trouble == Trouble::Curved) label = curved(label, uniform(random, 0.45, 0.8), mask);

    // Pose: the label's size in the frame, its turn, its tilt (a pinhole camera looking at a
    // plane turned about an axis in the plane).
    // A large label (a 4"x6" shipping label) is held up to fill the view, a small one is not.
    bool large = label.rows > 800;
    double fill = trouble == Trouble::Distance ? uniform(random, 0.22, 0.32)
                  : large                      ? uniform(random, 0.8, 0.98)
                                               : uniform(random, 0.5, 0.85);
    double turn = pick(random, 5) == 0 ? uniform(random, 0, 360) : uniform(random, -20, 20);
    double turn_cos = std::abs(std::cos(turn * CV_PI / 180)),
           turn_sin = std::abs(std::sin(turn * CV_PI / 180));
    double scale = fill * std::min(width / (turn_cos * label.cols + turn_sin * label.rows),
                                   height / (turn_sin * label.cols + turn_cos * label.rows));
    double tilt =
        (trouble == Trouble::Perspective ? uniform(random, 30, 45) : uniform(random, 0, 15)) *
        CV_PI / 180;
    double axis = uniform(random, 0, CV_PI);
    double focal = 1.2 * width;
    double distance = focal;  // the label's centre at the focal distance: `scale` holds there
    std::vector<cv::Point2f> from, to;
    double cx = width / 2.0 + uniform(random, -0.12, 0.12) * width;
    double cy = height / 2.0 + uniform(random, -0.1, 0.1) * height;
    double ct = std::cos(turn * CV_PI / 180), st = std::sin(turn * CV_PI / 180);
    for (auto [u, v] :
         {std::pair{0.0, 0.0}, std::pair{1.0, 0.0}, std::pair{1.0, 1.0}, std::pair{0.0, 1.0}}) {
        // The corner in the label's plane, centred, scaled to frame pixels, turned.
        double x = (u - 0.5) * label.cols * scale, y = (v - 0.5) * label.rows * scale;
        double xr = ct * x - st * y, yr = st * x + ct * y;
        // Tilted about the axis at `axis` through the centre: depth grows across the axis.
        double across = -std::sin(axis) * xr + std::cos(axis) * yr;
        double depth = distance + across * std::sin(tilt);
        double along = std::cos(axis) * xr + std::sin(axis) * yr;
        double squeezed = across * std::cos(tilt);
        double px = std::cos(axis) * along - std::sin(axis) * squeezed;
        double py = std::sin(axis) * along + std::cos(axis) * squeezed;
        from.emplace_back(static_cast<float>(u * label.cols), static_cast<float>(v * label.rows));
        to.emplace_back(static_cast<float>(cx + px * focal / depth),
                        static_cast<float>(cy + py * focal / depth));
    }
    cv::Mat warp = cv::getPerspectiveTransform(from, to);
    cv::Mat canvas = bench(random, width, height), seen, seen_mask;
    cv::warpPerspective(label, seen, warp, canvas.size(), cv::INTER_AREA);
    cv::warpPerspective(mask, seen_mask, warp, canvas.size(), cv::INTER_LINEAR);
    seen.copyTo(canvas, seen_mask > 128);

    // Light: a gradient across the frame, with a glare spot in the light trouble.
    cv::Mat frame;
    canvas.convertTo(frame, CV_32F);
    double gain_low =
        trouble == Trouble::Light ? uniform(random, 0.35, 0.6) : uniform(random, 0.75, 0.95);
    double gain_high = uniform(random, 1.0, 1.15);
    double angle = uniform(random, 0, 2 * CV_PI);
    cv::Mat gain(frame.size(), CV_32F);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            double t =
                ((x - width / 2.0) * std::cos(angle) + (y - height / 2.0) * std::sin(angle)) /
                    (width) +
                0.5;
            gain.at<float>(y, x) =
                static_cast<float>(gain_low + (gain_high - gain_low) * std::clamp(t, 0.0, 1.0));
        }
    frame = frame.mul(gain);
    if (trouble == Trouble::Light) {
        // Glare: a soft saturated spot on the label, off the middle.
        cv::Mat spot(frame.size(), CV_32F, cv::Scalar(0));
        cv::Point2f center = to[static_cast<std::size_t>(pick(random, 4))] * 0.6f +
                             cv::Point2f(static_cast<float>(cx), static_cast<float>(cy)) * 0.4f;
        cv::circle(spot, center, static_cast<int>(uniform(random, 0.03, 0.07) * width),
                   cv::Scalar(uniform(random, 120, 200)), cv::FILLED);
        cv::GaussianBlur(spot, spot, cv::Size(), 0.02 * width);
        frame += spot;
    }
    if (trouble == Trouble::Contrast) {
        // Faded print under dim light: everything squeezed towards a middle gray.
        double keep = uniform(random, 0.25, 0.4);
        frame = frame * keep + uniform(random, 60, 110);
    }
    frame.convertTo(frame, CV_8U);

    // Optics: a little softness always, more in the blur troubles.
    double sigma =
        trouble == Trouble::Defocus ? uniform(random, 1.8, 2.8) : uniform(random, 0.4, 1.0);
    cv::GaussianBlur(frame, frame, cv::Size(), sigma);
    if (trouble == Trouble::Motion) {
        int length = static_cast<int>(uniform(random, 6, 12));
        cv::Mat kernel(length, length, CV_32F, cv::Scalar(0));
        double direction = uniform(random, 0, CV_PI);
        float half = static_cast<float>(length - 1) / 2.f;
        cv::Point2f middle(half, half);
        cv::Point2f reach(static_cast<float>(std::cos(direction) * (length - 1) / 2),
                          static_cast<float>(std::sin(direction) * (length - 1) / 2));
        cv::line(kernel, middle - reach, middle + reach, cv::Scalar(1), 1, cv::LINE_AA);
        kernel /= cv::sum(kernel)[0];
        cv::filter2D(frame, frame, -1, kernel);
    }
    double noise = trouble == Trouble::Noise ? uniform(random, 10, 16) : uniform(random, 1.5, 4);
    frame = rs::devices::noisy(frame, noise, static_cast<unsigned>(random()));
    Photo photo;
    photo.image = frame;
    photo.blur_sigma = sigma;
    // The tilt shortens modules across its axis by cos(tilt) and by the depth of the far side;
    // the cylinder squeezes them towards its sides.
    photo.module_scale = scale * std::cos(tilt) * (trouble == Trouble::Curved ? 0.6 : 1.0);
    photo.jpeg_quality = trouble == Trouble::Jpeg ? static_cast<int>(uniform(random, 12, 25))
                                                  : static_cast<int>(uniform(random, 75, 92));
    return photo;
}

int usage(int code) {
    fmt::print(code ? stderr : stdout,
               "usage: camera_corpus OUT_DIR [--seed N] [--photos N]\n"
               "  writes OUT_DIR/N.jpg, photographs of printed labels as a bench camera takes\n"
               "  them, and OUT_DIR/truth.tsv with the codes each holds (bench/README.md);\n"
               "  the clean labels go to OUT_DIR/labels. The same seed makes the same corpus.\n"
               "  --photos N  photographs of each label (default 10: one per trouble)\n");
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    std::string out;
    unsigned seed = 1;
    int photos = k_troubles;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) std::exit(usage(2));
            return argv[++i];
        };
        if (arg == "--help") return usage(0);
        if (arg == "--seed")
            seed = static_cast<unsigned>(std::atoi(value().c_str()));
        else if (arg == "--photos")
            photos = std::atoi(value().c_str());
        else if (arg.rfind("--", 0) == 0)
            return usage(2);
        else
            out = arg;
    }
    if (out.empty() || photos < 1) return usage(2);
    Random random(seed);
    std::vector<PrintedLabel> labels;
    for (int round = 0; round < 2; ++round) {
        for (auto& label : template_labels(random, CORPUS_EXAMPLES_DIR))
            labels.push_back(std::move(label));
        for (auto& label : real_world_labels(random))
            labels.push_back(std::move(label));
        labels.push_back(etched_plate(random));
        labels.push_back(etched_plate(random));
    }
    render_labels(labels, fs::path(out) / "labels", CORPUS_RENDERER);

    std::ofstream truth(fs::path(out) / "truth.tsv", std::ios::binary);
    truth << "# file\tformat\ttext: made by bench/camera_corpus (bench/README.md)\n";
    int number = 0, codes = 0, unresolved = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (int k = 0; k < photos; ++k) {
            auto trouble = static_cast<Trouble>((k + static_cast<int>(i)) % k_troubles);
            Photo photo = photograph(labels[i], trouble, random, 1920, 1080);
            std::string name =
                fmt::format("{}-{}-{}.jpg", ++number, labels[i].name, trouble_name(trouble));
            cv::imwrite((fs::path(out) / name).string(), photo.image,
                        {cv::IMWRITE_JPEG_QUALITY, photo.jpeg_quality});
            for (const auto& code : labels[i].codes) {
                double module_px = code.module * photo.module_scale;
                if (module_px < k_min_module_px || module_px < photo.blur_sigma) {
                    ++unresolved;
                    continue;
                }
                truth << name << '\t' << code.format << '\t' << rs::bench::escape_truth(code.text)
                      << '\n';
                ++codes;
            }
        }
    fmt::print(
        "camera_corpus: {} photos of {} labels, {} codes expected, in {} ({} codes left out: "
        "modules under {} px or under the blur's sigma in the photo)\n",
        number, labels.size(), codes, out, unresolved, k_min_module_px);
    return 0;
}
