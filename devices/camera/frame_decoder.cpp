// FrameDecoder: the decoding passes, one-1D-code-per-call reading and blanking of found codes.
#include "devices/camera/frame_decoder.h"

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <ctime>
#include <functional>
#include <opencv2/imgproc.hpp>

#include "common/logger.h"
#include "devices/camera/frame_effects.h"

namespace rs::devices {
namespace {

const Logger k_log("camera");

using Corners = std::array<cv::Point2f, 4>;
// From the coordinates of the image a pass read to the frame's.
using ToFrame = std::function<cv::Point2f(cv::Point2f)>;

struct Found {
    std::string text;
    std::string symbology;
    std::string format;
    Corners corners;  // in the coordinates of the image the pass read
    Corners region;   // 1D: the whole symbol as blanked out; 2D: the corners
};

ZXing::BarcodeFormats zxing_formats(BarcodeFormatSet set) {
    ZXing::BarcodeFormats formats;
    for (std::uint32_t bit = 1; bit != 0 && bit <= set.bits(); bit <<= 1)
        if (set.bits() & bit) formats |= static_cast<ZXing::BarcodeFormat>(bit);
    return formats;
}

ZXing::Results read_barcodes(const cv::Mat& gray, const ZXing::DecodeHints& hints) {
    ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum,
                          static_cast<int>(gray.step));
    try {
        return ZXing::ReadBarcodes(view, hints);
    } catch (const std::exception& error) {
        // zxing-cpp throws on some malformed symbols; that frame part is simply not read.
        k_log.warn("zxing-cpp: {}", error.what());
        return {};
    }
}

Found found_from(const ZXing::Result& result) {
    const auto& position = result.position();
    auto point = [](ZXing::PointI p) {
        return cv::Point2f(static_cast<float>(p.x), static_cast<float>(p.y));
    };
    Corners corners = {point(position.topLeft()), point(position.topRight()),
                       point(position.bottomRight()), point(position.bottomLeft())};
    return {result.text(), result.symbologyIdentifier(),
            barcode_format_name(static_cast<std::uint32_t>(result.format())), corners, corners};
}

// How hard a pass looks: the fast pass reads every row of 1D codes (zxing's fast mode skips
// the top and bottom thirds of a frame) but leaves out zxing's own scaled-down copy.
struct Effort {
    bool harder = false;     // zxing try-harder: more rows, more 2D finder searches
    bool downscale = false;  // zxing also reads a copy scaled down by 3 (large, blurred codes)
    bool enhance = false;    // 1D codes read from enhanced_for_rows() images
    // zxing's local binarizer follows uneven light; its global one (a histogram valley) keeps
    // faint marks that the local one loses in noise, such as etched modules in brushed metal.
    ZXing::Binarizer binarizer = ZXing::Binarizer::LocalAverage;
};

ZXing::DecodeHints hints_for(BarcodeFormatSet formats, Effort effort, int max_symbols) {
    ZXing::DecodeHints hints;
    hints.setFormats(zxing_formats(formats))
        .setTryHarder(effort.harder)
        .setTryRotate(true)
        .setTryDownscale(effort.downscale)
        .setBinarizer(effort.binarizer)
        .setMaxNumberOfSymbols(static_cast<std::uint8_t>(std::clamp(max_symbols, 1, 255)));
    return hints;
}

// The gray values along the line from `a` in direction `u`, `length` pixels long; -1 outside.
std::vector<float> profile(const cv::Mat& gray, cv::Point2f a, cv::Point2f u, int length) {
    std::vector<float> values(static_cast<std::size_t>(length));
    for (int t = 0; t < length; ++t) {
        int x = static_cast<int>(std::lround(a.x + u.x * static_cast<float>(t)));
        int y = static_cast<int>(std::lround(a.y + u.y * static_cast<float>(t)));
        values[static_cast<std::size_t>(t)] =
            x >= 0 && y >= 0 && x < gray.cols && y < gray.rows ? gray.at<std::uint8_t>(y, x) : -1.f;
    }
    return values;
}

// Normalized cross-correlation of two profiles over the samples both have inside the image.
double correlation(const std::vector<float>& a, const std::vector<float>& b) {
    double sum_a = 0, sum_b = 0;
    int count = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] >= 0 && b[i] >= 0) {
            sum_a += a[i];
            sum_b += b[i];
            ++count;
        }
    if (count < static_cast<int>(a.size()) / 2) return 0;
    double mean_a = sum_a / count, mean_b = sum_b / count;
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] >= 0 && b[i] >= 0) {
            ab += (a[i] - mean_a) * (b[i] - mean_b);
            aa += (a[i] - mean_a) * (a[i] - mean_a);
            bb += (b[i] - mean_b) * (b[i] - mean_b);
        }
    return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0;
}

// Paints a found 1D code white. zxing reports the rows it read, not the bars' full height: the
// bars are followed across the scan line for as long as the pattern along it stays the same.
// Returns the region painted.
Corners blank_linear(cv::Mat& gray, const Corners& corners) {
    cv::Point2f a = (corners[0] + corners[3]) * 0.5f;  // middle scan line, start
    cv::Point2f b = (corners[1] + corners[2]) * 0.5f;  // and end
    cv::Point2f along = b - a;
    float length = std::hypot(along.x, along.y);
    if (length < 4) {
        cv::Rect box = cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end()));
        box = cv::Rect(box.x - 4, box.y - 4, box.width + 8, box.height + 8);
        cv::rectangle(gray, box, cv::Scalar(255), cv::FILLED);
        return {cv::Point2f(box.tl()),
                cv::Point2f(static_cast<float>(box.br().x), static_cast<float>(box.y)),
                cv::Point2f(box.br()),
                cv::Point2f(static_cast<float>(box.x), static_cast<float>(box.br().y))};
    }
    cv::Point2f u = along / length;
    cv::Point2f n(-u.y, u.x);
    int samples = static_cast<int>(length);
    int limit = samples * 2;
    // Each row is compared with the one before, allowing it to slide a little along the line:
    // bars seen at a slant or in perspective drift sideways from row to row.
    struct Reach {
        float distance = 0;
        float slide = 0;
    };
    auto follow = [&](float direction) {
        constexpr int k_step = 2;
        Reach reach;
        const std::vector<float> middle = profile(gray, a, u, samples);
        std::vector<float> previous = middle;
        for (int k = k_step; k <= limit; k += k_step) {
            double best = -1;
            float best_slide = reach.slide;
            std::vector<float> best_profile;
            for (float slide = reach.slide - 2; slide <= reach.slide + 2; slide += 1) {
                cv::Point2f origin = a + n * (direction * static_cast<float>(k)) + u * slide;
                std::vector<float> row = profile(gray, origin, u, samples);
                // Like the row before, and still like the bars read: blur does not lead the
                // way through the gap into a line of text or a code beside.
                double score = std::min(correlation(previous, row), correlation(middle, row) + 0.3);
                if (score > best) {
                    best = score;
                    best_slide = slide;
                    best_profile = std::move(row);
                }
            }
            if (best < 0.6) break;
            reach = {static_cast<float>(k), best_slide};
            previous = std::move(best_profile);
        }
        return reach;
    };
    Reach up = follow(-1.f), down = follow(1.f);
    // The outer bars, what zxing left out of the line, and the slide at the far rows.
    float margin = 0.04f * length + 3 + std::max(std::abs(up.slide), std::abs(down.slide));
    cv::Point2f start = a - u * margin, end = b + u * margin;
    cv::Point2f top = n * (up.distance + 3) - u * up.slide;
    cv::Point2f bottom = n * (down.distance + 3) + u * down.slide;
    Corners region = {start - top, end - top, end + bottom, start + bottom};
    std::vector<cv::Point> polygon(region.begin(), region.end());
    cv::fillConvexPoly(gray, polygon, cv::Scalar(255));
    return region;
}

// Two finds are one symbol when they say the same and one lies within the other: a 1D code
// found again from a part its blanking missed, or from the rows and from the columns.
bool same_symbol(const Found& a, const Found& b) {
    if (a.format != b.format || a.text != b.text) return false;
    auto inside = [](const Found& outer, const Found& inner) {
        std::vector<cv::Point2f> polygon(outer.region.begin(), outer.region.end());
        const Corners& c = inner.corners;
        // The middle of the line zxing read and its two ends.
        for (cv::Point2f point : {(c[0] + c[2]) * 0.5f, (c[0] + c[3]) * 0.5f, (c[1] + c[2]) * 0.5f})
            if (cv::pointPolygonTest(polygon, point, false) >= 0) return true;
        return false;
    };
    return inside(a, b) || inside(b, a);
}

// Places that may hold a code: compact blobs of strong edges, with the angle they lie at.
// zxing-cpp 1.4 finds a DataMatrix in a whole frame only when its scan lines happen to cross
// the symbol's border well, but reliably in a crop around it; edges look the same light-on-dark,
// so the same places serve etched marks. A 1D code's bars make a blob too: turned by its angle,
// the code lies along the rows whatever angle it was photographed at.
struct Place {
    cv::RotatedRect box;  // the blob
    cv::Rect crop;        // its bounding box with a margin, within the image
    float aspect = 1;     // long side over short side
    float density = 0;    // share of its pixels on an edge: high for codes, low for outlines
    bool nested = false;  // inside another place's ring (a label's frame): deep pass only
};

// A box's long side, its short side, and the angle (degrees) that turns the long side onto
// the rows.
struct LongSide {
    float length;
    float across;
    double angle;
};

LongSide long_side(const cv::RotatedRect& box) {
    bool wide = box.size.width >= box.size.height;
    return {wide ? box.size.width : box.size.height, wide ? box.size.height : box.size.width,
            wide ? box.angle : box.angle + 90.0};
}

// `opening`: blobs are opened with a square of this side after their gaps are closed. The
// default keeps small codes; a larger one cuts the thin bands of edges (a label's border, the
// printed box round a field) by which a code joins the label's outline into one blob.
std::vector<Place> code_places(const cv::Mat& gray, int opening = 7) {
    std::vector<Place> places;
    // Large modules fall apart into separate blobs at full size: look at half size too.
    for (int halving = 0; halving < 2; ++halving) {
        cv::Mat image = gray;
        if (halving) cv::pyrDown(gray, image);
        cv::Mat edges;
        cv::morphologyEx(image, edges, cv::MORPH_GRADIENT,
                         cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
        cv::threshold(edges, edges, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        cv::Mat raw = edges.clone();
        cv::morphologyEx(edges, edges, cv::MORPH_CLOSE,
                         cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
        cv::morphologyEx(edges, edges, cv::MORPH_OPEN,
                         cv::getStructuringElement(cv::MORPH_RECT, cv::Size(opening, opening)));
        std::vector<std::vector<cv::Point>> contours;
        std::vector<cv::Vec4i> hierarchy;
        // Outer boundaries at every depth: a code inside a label's printed frame (or touched by
        // a cable crossing the label) is a blob within the hole of another.
        cv::findContours(edges, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);
        float scale = halving ? 2.f : 1.f;
        // Holes large enough to hold a code: a blob within one is "nested".
        std::vector<std::pair<cv::Rect, std::size_t>> holes;
        for (std::size_t i = 0; i < contours.size(); ++i)
            if (hierarchy[i][3] >= 0) {
                cv::Rect bounds = cv::boundingRect(contours[i]);
                if (bounds.width >= 16 && bounds.height >= 16) holes.emplace_back(bounds, i);
            }
        for (std::size_t index = 0; index < contours.size(); ++index) {
            if (hierarchy[index][3] >= 0) continue;  // a hole's boundary
            const auto& contour = contours[index];
            cv::RotatedRect box = cv::minAreaRect(contour);
            float length = std::max(box.size.width, box.size.height);
            float width = std::min(box.size.width, box.size.height);
            // The smallest 2D symbols are 10x10 modules; 1D codes are rarely longer than 1:10.
            if (width < 16 || length / width > 10.f) continue;
            if (cv::contourArea(contour) < 0.5 * length * width) continue;
            bool nested = std::any_of(holes.begin(), holes.end(), [&](const auto& hole) {
                return hole.first.contains(contour[0]) &&
                       cv::pointPolygonTest(contours[hole.second], contour[0], false) > 0;
            });
            cv::Rect outline = cv::boundingRect(contour);
            cv::Mat mask(outline.size(), CV_8UC1, cv::Scalar(0));
            cv::drawContours(mask, std::vector<std::vector<cv::Point>>{contour}, -1,
                             cv::Scalar(255), cv::FILLED, cv::LINE_8, cv::noArray(), INT_MAX,
                             -outline.tl());
            int inside = cv::countNonZero(mask);
            cv::bitwise_and(mask, raw(outline), mask);
            float density =
                inside > 0 ? static_cast<float>(cv::countNonZero(mask)) / static_cast<float>(inside)
                           : 0.f;
            box = cv::RotatedRect(box.center * scale, box.size * scale, box.angle);
            cv::Rect bounds = box.boundingRect();
            int margin = std::max(10, std::max(bounds.width, bounds.height) / 4);
            cv::Rect crop(bounds.x - margin, bounds.y - margin, bounds.width + 2 * margin,
                          bounds.height + 2 * margin);
            places.push_back({box, crop & cv::Rect(0, 0, gray.cols, gray.rows), length / width,
                              density, nested});
        }
    }
    // Largest first: a symbol is larger than the specks around it. At most 24 of each kind.
    std::stable_sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
        return a.box.size.area() > b.box.size.area();
    });
    std::vector<Place> kept;
    int outer = 0, inner = 0;
    for (const auto& place : places)
        if ((place.nested ? inner : outer)++ < 24) kept.push_back(place);
    return kept;
}

bool covers(const cv::Rect& place, const Found& found) {
    cv::Point2f center = (found.corners[0] + found.corners[2]) * 0.5f;
    return place.contains(cv::Point(static_cast<int>(center.x), static_cast<int>(center.y)));
}

// 2D codes over the whole image: several per call are safe, zxing-cpp 1.4 compares 2D finds
// by position only.
void read_matrix(const cv::Mat& gray, BarcodeFormatSet formats, Effort effort, int max_symbols,
                 std::vector<Found>& found) {
    if (formats.empty() || max_symbols <= 0) return;
    for (const auto& result : read_barcodes(gray, hints_for(formats, effort, max_symbols)))
        if (result.isValid()) found.push_back(found_from(result));
}

// DataMatrix read from crops around the candidate places, light-on-dark (laser-etched marks)
// when the crop's edge is darker than its middle.
void read_datamatrix_places(const cv::Mat& gray, const std::vector<Place>& places,
                            bool try_inverted, int max_symbols, const std::vector<Found>& known,
                            std::vector<Found>& found) {
    auto datamatrix =
        BarcodeFormatSet(static_cast<std::uint32_t>(ZXing::BarcodeFormat::DataMatrix));
    ZXing::DecodeHints hints = hints_for(datamatrix, {true, false, false}, 1);
    int read = 0;
    for (const auto& candidate : places) {
        if (candidate.nested) continue;
        if (read >= max_symbols) break;
        if (candidate.aspect > 4.5f) continue;  // rectangular DataMatrix is at most 1:4
        const cv::Rect& place = candidate.crop;
        auto covered = [&](const Found& item) { return covers(place, item); };
        if (std::any_of(found.begin(), found.end(), covered) ||
            std::any_of(known.begin(), known.end(), covered))
            continue;
        cv::Mat crop = gray(place);
        // A printed symbol has a light quiet zone, an etched one dark metal around it: the crop's
        // edge says which to try.
        cv::Mat inside(crop, cv::Rect(crop.cols / 4, crop.rows / 4, crop.cols / 2, crop.rows / 2));
        double edge = (cv::sum(crop)[0] - cv::sum(inside)[0]) /
                      static_cast<double>(crop.total() - inside.total());
        bool etched = try_inverted && edge < cv::mean(inside)[0];
        cv::Mat tried;  // a new image when inverted: the crop is the caller's frame
        if (etched)
            cv::bitwise_not(crop, tried);
        else
            tried = crop;
        auto results = read_barcodes(tried, hints);
        for (const auto& result : results) {
            if (!result.isValid()) continue;
            Found item = found_from(result);
            for (auto* corners : {&item.corners, &item.region})
                for (auto& corner : *corners)
                    corner += cv::Point2f(static_cast<float>(place.x), static_cast<float>(place.y));
            found.push_back(std::move(item));
            ++read;
        }
    }
}

// Rows of an enhanced image are this many rows of the image it was made from.
constexpr int k_enhanced_row_step = 2;

// Bars smoothed along their length and edges sharpened across them: zxing-cpp 1.4 measures
// bar widths on single rows, which blur and sensor noise spoil long before zbar gives up. After
// smoothing, neighbouring rows say the same: every second one is kept, halving zxing's work.
cv::Mat enhanced_for_rows(const cv::Mat& gray) {
    cv::Mat smooth, fewer, soft, sharp;
    cv::blur(gray, smooth, cv::Size(1, 7));
    cv::resize(smooth, fewer, cv::Size(smooth.cols, (smooth.rows + 1) / k_enhanced_row_step), 0, 0,
               cv::INTER_NEAREST);
    cv::blur(fewer, soft, cv::Size(5, 3));  // a box: a Gaussian costs five times as much
    cv::addWeighted(fewer, 2.0, soft, -1.0, 0, sharp);
    return sharp;
}

// 1D codes one per call: with a limit of one symbol, ReadBarcodes returns at its first find and
// never compares two finds of a 1D code (the comparison that aborts). Each found code is then
// painted out so that the next call finds the next one. `image` is the caller's to change.
void read_linear_one_by_one(cv::Mat& image, const ZXing::DecodeHints& hints, int max_symbols,
                            std::vector<Found>& mine) {
    // Each call finds a new code or covers more of a known one; bounded all the same.
    for (int call = 0; call < max_symbols + 4 && static_cast<int>(mine.size()) < max_symbols;
         ++call) {
        auto results = read_barcodes(image, hints);
        if (results.empty() || !results.front().isValid()) break;
        Found next = found_from(results.front());
        k_log.debug("1D {} \"{}\" at ({:.0f},{:.0f})-({:.0f},{:.0f})", next.format, next.text,
                    next.corners[0].x, next.corners[0].y, next.corners[2].x, next.corners[2].y);
        next.region = blank_linear(image, next.corners);
        bool known = std::any_of(mine.begin(), mine.end(),
                                 [&](const Found& other) { return same_symbol(other, next); });
        if (!known) mine.push_back(std::move(next));
    }
}

void read_linear(const cv::Mat& gray, BarcodeFormatSet formats, Effort effort, int max_symbols,
                 std::vector<Found>& found) {
    if (formats.empty() || max_symbols <= 0) return;
    std::vector<Found> mine;
    if (!effort.enhance) {
        cv::Mat image = gray.clone();  // blanking must not touch the caller's image
        read_linear_one_by_one(
            image, hints_for(formats, {true, effort.downscale, false, effort.binarizer}, 1),
            max_symbols, mine);
    } else {
        // Smoothing along the bars needs to know which way they run: rows as they are, then
        // columns as rows of the transposed image.
        ZXing::DecodeHints hints = hints_for(formats, {true, false, true}, 1);
        hints.setTryRotate(false);
        for (bool columns : {false, true}) {
            cv::Mat image;
            if (columns)
                cv::transpose(gray, image);
            else
                image = gray;
            image = enhanced_for_rows(image);
            std::vector<Found> these;
            read_linear_one_by_one(image, hints, max_symbols - static_cast<int>(mine.size()),
                                   these);
            for (auto& item : these) {
                for (auto* corners : {&item.corners, &item.region})
                    for (auto& corner : *corners) {
                        corner.y *= static_cast<float>(k_enhanced_row_step);
                        if (columns) corner = cv::Point2f(corner.y, corner.x);
                    }
                bool known = std::any_of(mine.begin(), mine.end(), [&](const Found& other) {
                    return same_symbol(other, item);
                });
                if (!known) mine.push_back(std::move(item));
            }
        }
    }
    found.insert(found.end(), mine.begin(), mine.end());
}

// 1D codes at any angle: each place's blob turned so that its long side runs along the rows,
// and read there. Only a crop is turned, so this costs little.
void read_linear_turned(const cv::Mat& gray, const std::vector<Place>& places,
                        BarcodeFormatSet formats, int max_symbols, const std::vector<Found>& known,
                        std::vector<Found>& found) {
    if (formats.empty()) return;
    int tried = 0;
    std::size_t before = found.size();
    for (const auto& place : places) {
        if (place.nested) continue;
        if (static_cast<int>(found.size() - before) >= max_symbols || tried >= 8) break;
        auto covered = [&](const Found& item) { return covers(place.crop, item); };
        if (std::any_of(found.begin(), found.end(), covered) ||
            std::any_of(known.begin(), known.end(), covered))
            continue;
        ++tried;
        const cv::RotatedRect& box = place.box;
        const auto [length, across, angle] = long_side(box);
        float margin = 0.1f * length + 12;  // quiet zones and what the blob missed
        cv::Size size(static_cast<int>(length + 2 * margin), static_cast<int>(across + 2 * margin));
        cv::Mat turn = cv::getRotationMatrix2D(box.center, angle, 1.0);
        turn.at<double>(0, 2) += size.width / 2.0 - box.center.x;
        turn.at<double>(1, 2) += size.height / 2.0 - box.center.y;
        cv::Mat turned;
        cv::warpAffine(gray, turned, turn, size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        std::vector<Found> these;
        read_linear(turned, formats, {true, false, true}, 1, these);
        cv::Mat back;
        cv::invertAffineTransform(turn, back);
        auto to_gray = [&back](cv::Point2f p) {
            return cv::Point2f(
                static_cast<float>(back.at<double>(0, 0) * p.x + back.at<double>(0, 1) * p.y +
                                   back.at<double>(0, 2)),
                static_cast<float>(back.at<double>(1, 0) * p.x + back.at<double>(1, 1) * p.y +
                                   back.at<double>(1, 2)));
        };
        for (auto& item : these) {
            for (auto* corners : {&item.corners, &item.region})
                for (auto& corner : *corners)
                    corner = to_gray(corner);
            found.push_back(std::move(item));
        }
    }
}

// CPU time of the calling thread: the deep pass's budget is work done, not time waited for a
// core the machine gave to something else.
double thread_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// How much of a place the regions of codes already read cover: the share of a 5x5 grid of its
// points that fall in one. A place covered for the most part holds no other code.
double covered_share(const Place& place, const std::vector<Corners>& regions) {
    if (regions.empty()) return 0;
    cv::Point2f corner[4];
    place.box.points(corner);
    int inside = 0, count = 0;
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) {
            float u = (0.5f + static_cast<float>(i)) / 5.f,
                  v = (0.5f + static_cast<float>(j)) / 5.f;
            cv::Point2f point =
                corner[0] + (corner[1] - corner[0]) * u + (corner[3] - corner[0]) * v;
            ++count;
            for (const auto& region : regions)
                if (cv::pointPolygonTest(std::vector<cv::Point2f>(region.begin(), region.end()),
                                         point, false) >= 0) {
                    ++inside;
                    break;
                }
        }
    return static_cast<double>(inside) / count;
}

// How often a line of gray values crosses from dark to light or back, with hysteresis around
// the middle gray so that noise does not count; 0 for a flat line.
int crossings(const std::vector<float>& line) {
    float low = 255, high = 0;
    for (float value : line)
        if (value >= 0) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    if (high - low < 8) return 0;
    float mid = (low + high) / 2, band = (high - low) * 0.1f;
    int count = 0, side = 0;
    for (float value : line) {
        if (value < 0) continue;
        int now = value > mid + band ? 1 : value < mid - band ? -1 : 0;
        if (now != 0 && now != side) {
            if (side != 0) ++count;
            side = now;
        }
    }
    return count;
}

// The line through a place's middle along its long side.
std::vector<float> middle_line(const cv::Mat& gray, const cv::RotatedRect& box) {
    const auto [length, across, degrees] = long_side(box);
    const double angle = degrees * CV_PI / 180.0;
    cv::Point2f u(static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle)));
    return profile(gray, box.center - u * (length / 2), u, static_cast<int>(length));
}

// Whether a place looks like another code beside those read: lines along its long side (through
// its middle and a quarter off it to either side) cross from dark to light or back at least
// `k_code_crossings` times, and, on a long place, the middle one says the same as one beside it
// (a 1D code's bars run across it; a line of text's letters do not).
constexpr int k_code_crossings = 16;
constexpr int k_matrix_crossings = 6;

bool looks_like_code(const cv::Mat& gray, const Place& place) {
    const cv::RotatedRect& box = place.box;
    const auto [length, across, degrees] = long_side(box);
    const double angle = degrees * CV_PI / 180.0;
    cv::Point2f u(static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle)));
    cv::Point2f n(-u.y, u.x);
    auto line_at = [&](float offset, float slide) {
        cv::Point2f start = box.center - u * (length / 2 - slide) + n * (offset * across);
        return profile(gray, start, u, static_cast<int>(length));
    };
    std::vector<float> middle = line_at(0, 0);
    if (place.aspect < 1.5f) {
        // A small 2D code (a DataMatrix of 10-16 modules) crosses fewer times, but both ways.
        cv::Point2f start = box.center - n * (across / 2);
        std::vector<float> down = profile(gray, start, n, static_cast<int>(across));
        return crossings(middle) >= k_matrix_crossings && crossings(down) >= k_matrix_crossings;
    }
    if (crossings(middle) < k_code_crossings) return false;
    if (place.aspect < 2.5f) return true;
    // Bars seen at a slant drift sideways between the lines: the best of a few slides. One side
    // is enough: the place may hold the code's human-readable line too.
    double best = 0;
    for (float offset : {-0.25f, 0.25f})
        for (float slide = -4; slide <= 4; slide += 1)
            best = std::max(best, correlation(middle, line_at(offset, slide)));
    return best >= 0.5;
}

// The crop's gray levels stretched so that its darkest and lightest percent span 0-255: zxing's
// global binarizer looks for a valley in a histogram of 32 buckets, which faded print or an
// etched mark squeezes into two or three.
cv::Mat stretched(const cv::Mat& gray) {
    int histogram[256] = {};
    for (int y = 0; y < gray.rows; ++y) {
        const std::uint8_t* row = gray.ptr<std::uint8_t>(y);
        for (int x = 0; x < gray.cols; ++x)
            ++histogram[row[x]];
    }
    const long total = static_cast<long>(gray.total()), tail = total / 100;
    int low = 0, high = 255;
    for (long seen = 0; low < 255 && (seen += histogram[low]) <= tail;)
        ++low;
    for (long seen = 0; high > 0 && (seen += histogram[high]) <= tail;)
        --high;
    if (high - low < 8 || high - low > 200) return gray;
    cv::Mat out;
    gray.convertTo(out, CV_8U, 255.0 / (high - low), -255.0 * low / (high - low));
    return out;
}

// Defocus spreads each edge over a few pixels and sinks narrow modules into their neighbours'
// gray: an unsharp mask (the image plus its difference from a Gaussian of about the blur's
// size) steepens the edges again, a cheap stand-in for deconvolution. `scale` is how much the
// crop was enlarged, and the blur with it.
cv::Mat sharpened(const cv::Mat& gray, double scale) {
    cv::Mat soft, sharp;
    cv::GaussianBlur(gray, soft, cv::Size(), 1.2 * scale);
    cv::addWeighted(gray, 2.0, soft, -1.0, 0, sharp);
    return sharp;
}

// Bars upright (running down the columns) under strong defocus or motion: narrow bars and
// spaces fade into one gray, but the profile across the bars keeps them, only spread. The bars
// are averaged along their length (which takes out sensor noise), then sharpened hard across
// them only: the image plus three times its difference from a horizontal Gaussian about the
// size of a strong blur, a cheap inverse of the blur along the one direction that matters.
cv::Mat deblurred_bars(const cv::Mat& upright, double scale) {
    cv::Mat along, soft, sharp;
    cv::blur(upright, along, cv::Size(1, 15));
    cv::GaussianBlur(along, soft, cv::Size(0, 0), 2.2 * scale, 0.1);
    cv::addWeighted(along, 4.0, soft, -3.0, 0, sharp);
    return sharp;
}

// Places with fewer edge pixels than this are outlines, not codes.
constexpr float k_code_density = 0.3f;

// One place read harder: turned so that its long side runs along the rows (1D bars upright,
// PDF417 rows level: zxing-cpp 1.4 reads neither far from the axes), scaled up when small (it
// measures bars and modules in whole pixels), then read with every format under several
// binarizations, inverted for light-on-dark 2D codes, smoothed along the bars for blurred 1D
// codes, and median-filtered for noisy 2D codes, until one finds a code or `deadline` (thread
// CPU seconds) passes.
void read_place_deep(const cv::Mat& gray, const Place& place, BarcodeFormatSet formats,
                     bool try_inverted, int max_symbols, double deadline,
                     std::vector<Found>& found) {
    const cv::RotatedRect& box = place.box;
    const auto [length, across, angle] = long_side(box);
    float margin = 0.1f * length + 12;  // quiet zones and what the blob missed
    // Small symbols twice as large, and small modules to about 4 px: zxing-cpp measures bars
    // and modules in whole pixels, and a 1D code of 2-3 px modules turned a few degrees off
    // the rows loses its narrow bars to that rounding. A line along the place crosses about
    // one bar or space (1D) or run of modules (2D) per two modules.
    // A long place (a 1D code, a wide PDF417) is scaled by its modules alone: doubled whole,
    // its bars' height would cost zxing four times the time for nothing.
    double scale = across < 150 && place.aspect < 2.5f ? 2.0 : 1.0;
    if (int count = crossings(middle_line(gray, box)); count >= k_code_crossings) {
        double module = length / (2.0 * count);
        scale = std::max(scale, std::min(3.0, 4.0 / module));
    }
    scale = std::min(scale, 1600.0 / (length + 2 * margin));
    scale = std::max(scale, 0.5);
    cv::Size size(static_cast<int>((length + 2 * margin) * scale),
                  static_cast<int>((across + 2 * margin) * scale));
    if (size.width < 8 || size.height < 8) return;
    cv::Mat turn = cv::getRotationMatrix2D(box.center, angle, scale);
    turn.at<double>(0, 2) += size.width / 2.0 - box.center.x;
    turn.at<double>(1, 2) += size.height / 2.0 - box.center.y;
    cv::Mat upright;
    cv::warpAffine(gray, upright, turn, size, cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    upright = stretched(upright);
    k_log.debug("deep: turned by {:.1f} degrees, scale {:.1f}, {}x{}", angle, scale, size.width,
                size.height);

    const BarcodeFormatSet matrix = formats.matrix(), linear = formats.linear();
    std::vector<Found> these;
    auto attempt = [&](const std::function<void()>& read) {
        if (!these.empty() || thread_seconds() > deadline) return;
        read();
    };
    auto read_both = [&](const cv::Mat& image, ZXing::Binarizer binarizer) {
        attempt([&] {
            read_matrix(image, matrix, {true, false, false, binarizer}, max_symbols, these);
            read_linear(image, linear, {true, false, false, binarizer},
                        max_symbols - static_cast<int>(these.size()), these);
        });
    };
    auto read_inverted = [&](const cv::Mat& image, ZXing::Binarizer binarizer) {
        if (!try_inverted || matrix.empty()) return;
        cv::Mat inverted;
        cv::bitwise_not(image, inverted);
        attempt([&] {
            read_matrix(inverted, matrix, {true, false, false, binarizer}, max_symbols, these);
        });
    };
    const cv::Mat sharp = sharpened(upright, scale);
    read_both(upright, ZXing::Binarizer::LocalAverage);
    if (!linear.empty())
        attempt([&] {
            read_linear(deblurred_bars(upright, scale), linear,
                        {true, false, false, ZXing::Binarizer::LocalAverage}, max_symbols, these);
        });
    read_both(sharp, ZXing::Binarizer::LocalAverage);
    read_inverted(upright, ZXing::Binarizer::LocalAverage);
    read_both(upright, ZXing::Binarizer::GlobalHistogram);
    read_inverted(upright, ZXing::Binarizer::GlobalHistogram);
    attempt([&] { read_linear(upright, linear, {true, false, true}, max_symbols, these); });
    if (these.empty() && thread_seconds() <= deadline) {
        // Sensor noise in a crop of low contrast (an etched mark, faded print) defeats both of
        // zxing's binarizers, which decide pixel by pixel or row by row: smoothed over about
        // a module's core first, the crop splits cleanly at one threshold (Otsu's).
        cv::Mat smooth, split, split_inverted;
        cv::GaussianBlur(upright, smooth, cv::Size(), 0.75 * scale);
        cv::threshold(smooth, split, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        read_both(split, ZXing::Binarizer::BoolCast);
        read_inverted(split, ZXing::Binarizer::BoolCast);
    }
    if (!matrix.empty() && these.empty() && thread_seconds() <= deadline) {
        // Sensor noise breaks a 2D code's modules into specks that neither binarizer joins:
        // a median the size of a module's core takes them out and keeps the edges.
        cv::Mat calm;
        cv::medianBlur(upright, calm, scale >= 2 ? 5 : 3);
        calm = stretched(calm);
        cv::Mat calm_inverted;
        if (try_inverted) cv::bitwise_not(calm, calm_inverted);
        for (auto binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram})
            for (const cv::Mat* image : {&calm, &calm_inverted})
                if (!image->empty())
                    attempt([&] {
                        read_matrix(*image, matrix, {true, false, false, binarizer}, max_symbols,
                                    these);
                    });
    }

    cv::Mat back;
    cv::invertAffineTransform(turn, back);
    auto to_gray = [&back](cv::Point2f p) {
        return cv::Point2f(static_cast<float>(back.at<double>(0, 0) * p.x +
                                              back.at<double>(0, 1) * p.y + back.at<double>(0, 2)),
                           static_cast<float>(back.at<double>(1, 0) * p.x +
                                              back.at<double>(1, 1) * p.y + back.at<double>(1, 2)));
    };
    for (auto& item : these) {
        for (auto* corners : {&item.corners, &item.region})
            for (auto& corner : *corners)
                corner = to_gray(corner);
        found.push_back(std::move(item));
    }
}

// Top to bottom then left to right, whichever pass found what.
std::vector<DecodedCode> in_reading_order(std::vector<DecodedCode> codes) {
    auto top_left = [](const DecodedCode& code) {
        cv::Rect box =
            cv::boundingRect(std::vector<cv::Point>(code.corners.begin(), code.corners.end()));
        return std::pair(box.y, box.x);
    };
    std::stable_sort(codes.begin(), codes.end(), [&](const DecodedCode& a, const DecodedCode& b) {
        return top_left(a) < top_left(b);
    });
    return codes;
}

}  // namespace

std::vector<DecodedCode> FrameDecoder::decode(const cv::Mat& image, const std::string& source,
                                              std::int64_t time_ms) const {
    if (image.empty() || m_options.formats.empty()) return {};
    // OpenCV throws on shapes its functions refuse (a 3000x1 frame scaled to the work width has
    // no rows left), zxing-cpp on some symbols: such a frame has no codes, it does not end the
    // program.
    try {
        return decode_passes(luminance_of(image), source, time_ms);
    } catch (const std::exception& error) {
        k_log.warn("{}: frame of {}x{} not decoded: {}", source, image.cols, image.rows,
                   error.what());
        return {};
    }
}

std::vector<DecodedCode> FrameDecoder::decode_passes(const cv::Mat& gray, const std::string& source,
                                                     std::int64_t time_ms) const {
    std::vector<DecodedCode> codes;
    const BarcodeFormatSet formats = m_options.formats;
    const int max_symbols = m_options.max_symbols;
    const auto datamatrix = static_cast<std::uint32_t>(ZXing::BarcodeFormat::DataMatrix);
    const bool wants_datamatrix = (formats.bits() & datamatrix) != 0;
    const BarcodeFormatSet other_matrix(formats.matrix().bits() & ~datamatrix);
    const ToFrame same = [](cv::Point2f p) { return p; };

    const double started = thread_seconds();
    std::vector<Corners> regions;  // of the codes read, in frame coordinates
    // What a pass found, in the coordinates of the image it read, to frame coordinates. A code
    // read again by a later pass is kept once.
    auto take = [&](std::vector<Found>& found, const ToFrame& to_frame, const char* pass) {
        for (auto& item : found) {
            Corners region;
            for (std::size_t i = 0; i < 4; ++i)
                region[i] = to_frame(item.region[i]);
            // Read again: the same text and format where a code read already lies (the same
            // label twice in a frame is two codes): the middles closer than half the larger
            // one's diagonal.
            auto middle = [](const Corners& c) { return (c[0] + c[1] + c[2] + c[3]) * 0.25f; };
            auto diagonal = [](const Corners& c) {
                return std::max(cv::norm(c[2] - c[0]), cv::norm(c[3] - c[1]));
            };
            bool again = false;
            for (std::size_t k = 0; k < codes.size() && !again; ++k)
                again = codes[k].format == item.format && codes[k].scan.text == item.text &&
                        cv::norm(middle(regions[k]) - middle(region)) <
                            0.5 * std::max(diagonal(regions[k]), diagonal(region));
            if (again) continue;
            regions.push_back(region);
            DecodedCode code;
            code.scan = Scan{source, std::move(item.text), std::move(item.symbology), time_ms};
            code.format = std::move(item.format);
            for (std::size_t i = 0; i < 4; ++i) {
                cv::Point2f p = to_frame(item.corners[i]);
                code.corners[i] = cv::Point(static_cast<int>(std::lround(p.x)),
                                            static_cast<int>(std::lround(p.y)));
            }
            code.pass = pass;
            codes.push_back(std::move(code));
        }
        found.clear();
    };
    auto room = [&] { return max_symbols - static_cast<int>(codes.size()); };

    // fast (when zxing found nothing): DataMatrix in crops of the full-size frame (normal and
    // etched), 1D codes on enhanced images.
    cv::Mat work = gray;
    ToFrame work_to_frame = same;
    float sx = 1, sy = 1;
    if (m_options.work_width > 0 && gray.cols > m_options.work_width) {
        double scale = static_cast<double>(m_options.work_width) / gray.cols;
        // Linear, not area averaging: as good for reading codes and ten times faster at ratios
        // like 1080p to 720p.
        cv::resize(gray, work, cv::Size(), scale, scale, cv::INTER_LINEAR);
        sx = static_cast<float>(gray.cols) / static_cast<float>(work.cols);
        sy = static_cast<float>(gray.rows) / static_cast<float>(work.rows);
        work_to_frame = [sx, sy](cv::Point2f p) { return cv::Point2f(p.x * sx, p.y * sy); };
    }
    std::vector<Found> found;
    // zxing: zxing-cpp's own pass over the whole image with every configured format, as it
    // reads best (2D codes several per call; 1D codes one per call, see read_linear). Most
    // frames end here, after the DataMatrix crops (zxing-cpp 1.4 misses many a DataMatrix in a
    // whole frame, and a label often carries one beside its 1D code); the other passes spend
    // their time only on frames it found nothing in.
    read_matrix(work, formats.matrix(), {false, false, false}, max_symbols, found);
    read_linear(work, formats.linear(), {false, false, false},
                max_symbols - static_cast<int>(found.size()), found);
    take(found, work_to_frame, "zxing");
    const bool zxing_read = !codes.empty();
    // Places found in `image` (the work image or one made from it), in frame coordinates:
    // crops and turns are taken from the full-size frame.
    auto frame_places = [&](const cv::Mat& image, int opening = 7) {
        std::vector<Place> out;
        for (Place place : code_places(image, opening)) {
            place.box = cv::RotatedRect(
                cv::Point2f(place.box.center.x * sx, place.box.center.y * sy),
                cv::Size2f(place.box.size.width * sx, place.box.size.height * sy), place.box.angle);
            place.crop = cv::Rect(static_cast<int>(static_cast<float>(place.crop.x) * sx),
                                  static_cast<int>(static_cast<float>(place.crop.y) * sy),
                                  static_cast<int>(static_cast<float>(place.crop.width) * sx),
                                  static_cast<int>(static_cast<float>(place.crop.height) * sy)) &
                         cv::Rect(0, 0, gray.cols, gray.rows);
            out.push_back(place);
        }
        return out;
    };
    std::vector<Place> places;
    bool turn_linear = m_options.try_rotated && !formats.linear().empty() && !zxing_read;
    if (wants_datamatrix || turn_linear || m_options.deep_budget_ms > 0)
        places = frame_places(work);
    // Places of codes already read (a QR code is a compact blob too) are not tried again.
    auto known = [&] {
        std::vector<Found> items;
        for (const auto& code : codes) {
            Found item;
            for (std::size_t i = 0; i < 4; ++i)
                item.corners[i] = cv::Point2f(code.corners[i]);
            items.push_back(item);
        }
        return items;
    };
    if (wants_datamatrix) {
        read_datamatrix_places(gray, places, m_options.try_inverted, room(), known(), found);
        take(found, same, "fast");
    }
    // deep: the places that no code read covers, each read harder (read_place_deep), within a
    // budget of CPU time per frame: every place when nothing was read, else only those that
    // look like another code (a label often carries several), so that a frame the passes
    // above read in full costs next to nothing more.
    auto deep = [&] {
        const double deadline = started + m_options.deep_budget_ms / 1000.0;
        std::vector<Place> tried = places;
        // A code in faded print or dim light makes weaker edges than the bench's clutter and
        // can be left out of the places: when nothing was read, places are also looked for in
        // the image with its contrast levelled tile by tile (CLAHE).
        if (codes.empty() && m_options.deep_budget_ms > 0) {
            cv::Mat levelled;
            cv::blur(work, levelled, cv::Size(3, 3));
            cv::createCLAHE(3.0, cv::Size(8, 8))->apply(levelled, levelled);
            std::vector<Place> more = frame_places(levelled);
            // A code whose blob joins the label's outline (glare, a printed box round it) is
            // only a part of the label's place: opened harder, the join breaks.
            for (const Place& place : frame_places(work, 15))
                more.push_back(place);
            for (const Place& place : more) {
                bool seen = std::any_of(tried.begin(), tried.end(), [&](const Place& other) {
                    cv::Point2f apart = other.box.center - place.box.center;
                    float reach = 0.25f * std::max(other.box.size.width, other.box.size.height);
                    return std::hypot(apart.x, apart.y) < reach &&
                           std::abs(other.box.size.area() - place.box.size.area()) <
                               0.5f * other.box.size.area();
                });
                if (!seen) tried.push_back(place);
            }
        }
        // The densest first: codes before text blocks and whole labels.
        std::stable_sort(tried.begin(), tried.end(),
                         [](const Place& a, const Place& b) { return a.density > b.density; });
        k_log.debug("deep: {} places, {:.0f} ms spent before", tried.size(),
                    (thread_seconds() - started) * 1000);
        for (const auto& place : tried) {
            if (room() <= 0 || thread_seconds() > deadline) break;
            // Outlines (a label's edge, a ring) hold few edge pixels; codes many.
            if (place.density < k_code_density || covered_share(place, regions) > 0.6) continue;
            // With codes read already, only places that look like another code are worth the
            // time: text and clutter around a label are not read harder.
            if (!codes.empty() && !looks_like_code(gray, place)) continue;
            k_log.debug("deep: place ({:.0f},{:.0f}) {:.0f}x{:.0f}, density {:.2f}",
                        place.box.center.x, place.box.center.y, place.box.size.width,
                        place.box.size.height, place.density);
            std::vector<Found> these;
            read_place_deep(gray, place, formats, m_options.try_inverted, room(), deadline, these);
            take(these, same, "deep");
        }
    };
    if (zxing_read) {
        deep();
        return in_reading_order(std::move(codes));
    }
    read_linear(work, formats.linear(), {false, false, true}, room(), found);
    take(found, work_to_frame, "fast");
    if (turn_linear && room() > 0) {
        read_linear_turned(gray, places, formats.linear(), room(), known(), found);
        take(found, same, "rotated");
    }

    if (codes.empty() && m_options.try_inverted && !other_matrix.empty()) {
        // inverted: light-on-dark QR and Aztec codes (DataMatrix had its crops inverted above).
        cv::Mat inverted;
        cv::bitwise_not(work, inverted);
        read_matrix(inverted, other_matrix, {true, false, false}, max_symbols, found);
        take(found, work_to_frame, "inverted");
    }
    deep();
    if (codes.empty() && (m_options.deep_budget_ms <= 0 ||
                          thread_seconds() - started < m_options.deep_budget_ms / 2000.0)) {
        // full: every pixel, zxing's try-harder and its own scaled-down copy, the raw image.
        // It costs as much as the deep pass's whole budget on a 1080p frame and reads little
        // that the places read from the full-size frame do not: only when the deep pass ran
        // out of places early (a frame without candidate places, such as a code too large or
        // too blurred to make a compact blob of edges), or when the deep pass is off.
        read_matrix(gray, formats.matrix(), {true, true, false}, max_symbols, found);
        read_linear(gray, formats.linear(), {true, true, false},
                    max_symbols - static_cast<int>(found.size()), found);
        take(found, same, "full");
    }
    return in_reading_order(std::move(codes));
}

}  // namespace rs::devices
