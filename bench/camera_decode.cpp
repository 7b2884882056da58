// bench/camera_decode: frames per second and share of codes read by FrameDecoder, beside zbar and
// plain zxing-cpp (its defaults) on the same frames, on one core.
#include <ZXing/ReadBarcode.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/logger.h"
#include "devices/camera/barcode_image.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/frame_effects.h"
#include "devices/camera/image_folder_camera.h"
#include "zbar_reader.h"

namespace {

namespace fs = std::filesystem;
// The thread's own CPU time: "frames per second on one core" stays true on a machine whose other
// work takes turns on that core (CI runners, a bench PC running the station).
double wall_seconds() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}
using rs::devices::FrameDecoder;

struct Sample {
    std::string name;    // file name, or what was generated
    std::string format;  // generated: the format drawn; folder: "file"
    std::string text;    // the expected text
    cv::Mat gray;
};

struct Score {
    int decoded = 0;
    int frames = 0;
    int aborted = 0;          // plain zxing only: frames on which it killed its process
    double seconds = 0;       // CPU time of the decoding thread
    double wall_seconds = 0;  // elapsed, for comparison: other work on the machine shows here
    std::map<std::string, std::pair<int, int>> by_format;  // decoded, frames

    double share() const { return frames ? static_cast<double>(decoded) / frames : 0; }
    double fps() const { return seconds > 0 ? (frames - aborted) / seconds : 0; }
    double wall_fps() const { return wall_seconds > 0 ? (frames - aborted) / wall_seconds : 0; }
    void count(const std::string& format, bool ok) {
        decoded += ok;
        ++frames;
        by_format[format].first += ok;
        ++by_format[format].second;
    }
};

// ---------------------------------------------------------------------------------------------
// Frames made here: a code on a label on a cluttered bench, turned, tilted, blurred, noised,
// darkened; a third of the DataMatrix codes etched (light on dark metal).

std::string digits(std::mt19937& random, int count) {
    std::string out;
    for (int i = 0; i < count; ++i)
        out += static_cast<char>('0' + random() % 10);
    return out;
}

std::string gtin(std::mt19937& random, int length) {
    std::string body = digits(random, length - 1);
    int sum = 0;
    for (std::size_t i = 0; i < body.size(); ++i)
        sum += (body[body.size() - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
    return body + static_cast<char>('0' + (10 - sum % 10) % 10);
}

Sample generate(int width, int height, int index, unsigned seed) {
    std::mt19937 random(seed * 7919u + static_cast<unsigned>(index));
    auto uniform = [&](double low, double high) {
        return std::uniform_real_distribution<double>(low, high)(random);
    };
    static const char* k_formats[] = {"code128", "ean13", "datamatrix", "qrcode", "code39", "itf"};
    Sample sample;
    sample.format = k_formats[index % 6];
    if (sample.format == "code128")
        sample.text = "SN-" + digits(random, 4) + "-" + digits(random, 5);
    else if (sample.format == "ean13")
        sample.text = gtin(random, 13);
    else if (sample.format == "datamatrix")
        sample.text = "PCB-" + digits(random, 8);
    else if (sample.format == "qrcode")
        sample.text = "RS:RO-" + digits(random, 6) + ":intake";
    else if (sample.format == "code39")
        sample.text = "SN" + digits(random, 8);
    else
        sample.text = gtin(random, 14);
    sample.name = fmt::format("{}p-{}-{}", height, index, sample.format);

    bool matrix = sample.format == "datamatrix" || sample.format == "qrcode";
    double scale = height / 720.0;
    int module =
        static_cast<int>(std::lround((matrix ? uniform(4, 6.5) : uniform(2, 3.4)) * scale));
    bool etched = sample.format == "datamatrix" && index % 3 == 2;
    auto drawn = rs::devices::draw_barcode(
        {sample.format, sample.text, std::max(module, 1), static_cast<int>(45 * scale), 10, false});
    if (!drawn) {
        fmt::print(stderr, "camera_decode: {}\n", drawn.error().message);
        std::exit(1);
    }
    cv::Mat label = etched ? rs::devices::inverted(*drawn) : *drawn;
    cv::Scalar around(etched ? 40 : 255);
    double pose = uniform(0, 1);
    double angle = pose < 0.7    ? uniform(-8, 8)
                   : pose < 0.85 ? 90.0 * static_cast<double>(1 + random() % 3) + uniform(-5, 5)
                                 : uniform(0, 360);
    if (uniform(0, 1) < 0.3) label = rs::devices::tilted(label, uniform(0.05, 0.2), around);
    label = rs::devices::rotated(label, angle, around);

    // The bench: a gradient, blotches and lines, some text.
    cv::Mat canvas(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y)
        canvas.row(y).setTo(cv::Scalar(70 + 60 * y / height));
    for (int i = 0; i < 12; ++i) {
        cv::Point at(static_cast<int>(uniform(0, width)), static_cast<int>(uniform(0, height)));
        cv::circle(canvas, at, static_cast<int>(uniform(10, 80) * scale),
                   cv::Scalar(uniform(30, 200)), cv::FILLED);
        cv::line(canvas, at,
                 {static_cast<int>(uniform(0, width)), static_cast<int>(uniform(0, height))},
                 cv::Scalar(uniform(20, 230)), static_cast<int>(uniform(1, 4)));
    }
    cv::putText(canvas, "MODEL X2  S/N " + digits(random, 10),
                {static_cast<int>(uniform(0, width / 2.0)), static_cast<int>(uniform(30, height))},
                cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(230), 2);
    int x = static_cast<int>(uniform(0, std::max(1, width - label.cols)));
    int y = static_cast<int>(uniform(0, std::max(1, height - label.rows)));
    rs::devices::place(canvas, label, x, y);

    cv::Mat frame = rs::devices::blurred(canvas, uniform(0, 1.3) * scale);
    frame = rs::devices::lit(frame, uniform(0.5, 1.15));
    sample.gray = rs::devices::noisy(frame, uniform(1, 6), seed + static_cast<unsigned>(index));
    return sample;
}

// A folder in zxing-cpp's blackbox layout: N.png or N.jpg, the expected text in N.txt.
std::vector<Sample> load_folder(const std::string& dir) {
    std::vector<fs::path> images;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && rs::devices::is_image_file_name(entry.path()) &&
            fs::exists(fs::path(entry.path()).replace_extension(".txt")))
            images.push_back(entry.path());
    std::sort(images.begin(), images.end(), [](const fs::path& a, const fs::path& b) {
        return rs::devices::natural_less(a.filename().string(), b.filename().string());
    });
    std::vector<Sample> samples;
    for (const auto& path : images) {
        cv::Mat gray = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
        if (gray.empty()) {
            fmt::print(stderr, "camera_decode: skipping {}: not readable\n", path.string());
            continue;
        }
        std::ifstream file(fs::path(path).replace_extension(".txt"), std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        std::string expected = text.str();
        while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
            expected.pop_back();
        samples.push_back({path.filename().string(), "file", expected, gray});
    }
    return samples;
}

void write_folder(const std::string& dir, const std::vector<Sample>& samples) {
    fs::create_directories(dir);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        cv::imwrite(fmt::format("{}/{}.png", dir, i + 1), samples[i].gray);
        std::ofstream(fmt::format("{}/{}.txt", dir, i + 1), std::ios::binary) << samples[i].text;
    }
}

// ---------------------------------------------------------------------------------------------
// The three decoders on the same frames.

bool has(const std::vector<std::string>& texts, const std::string& expected) {
    return std::find(texts.begin(), texts.end(), expected) != texts.end();
}

Score run_ours(const std::vector<Sample>& samples, const FrameDecoder& decoder) {
    Score score;
    for (const auto& sample : samples) {
        double start = cpu_seconds(), wall = wall_seconds();
        auto codes = decoder.decode(sample.gray, "bench", 0);
        score.seconds += cpu_seconds() - start;
        score.wall_seconds += wall_seconds() - wall;
        std::vector<std::string> texts;
        for (const auto& code : codes)
            texts.push_back(code.scan.text);
        score.count(sample.format, has(texts, sample.text));
    }
    return score;
}

Score run_zbar(const std::vector<Sample>& samples) {
    Score score;
    rs::bench::ZbarReader zbar;
    for (const auto& sample : samples) {
        cv::Mat gray = sample.gray.isContinuous() ? sample.gray : sample.gray.clone();
        double start = cpu_seconds(), wall = wall_seconds();
        auto texts = zbar.read(gray.data, gray.cols, gray.rows);
        score.seconds += cpu_seconds() - start;
        score.wall_seconds += wall_seconds() - wall;
        score.count(sample.format, has(texts, sample.text));
    }
    return score;
}

// zxing-cpp's ReadBarcodes with its defaults, in a child process: it aborts on some frames
// (Result::operator== asserting lineCount() == 1), which would end the benchmark. A frame that
// kills the child counts as not read, and a new child goes on from the next frame.
Score run_plain_zxing(const std::vector<Sample>& samples) {
    Score score;
    std::size_t next = 0;
    while (next < samples.size()) {
        int pipe_fds[2];
        if (pipe(pipe_fds) != 0) std::exit(1);
        pid_t child = fork();
        if (child < 0) std::exit(1);
        if (child == 0) {
            close(pipe_fds[0]);
            std::signal(SIGABRT, SIG_DFL);
            // zxing's assertion message would fill the output: the parent reports aborts.
            int null_fd = ::open("/dev/null", O_WRONLY);
            if (null_fd >= 0) dup2(null_fd, 2);
            for (std::size_t i = next; i < samples.size(); ++i) {
                const cv::Mat& gray = samples[i].gray;
                double start = cpu_seconds(), wall = wall_seconds();
                auto results =
                    ZXing::ReadBarcodes({gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum,
                                         static_cast<int>(gray.step)},
                                        ZXing::DecodeHints());
                double seconds = cpu_seconds() - start, elapsed = wall_seconds() - wall;
                char ok = 0;
                for (const auto& result : results)
                    ok |= result.text() == samples[i].text;
                struct {
                    char ok;
                    double seconds, elapsed;
                } record{ok, seconds, elapsed};
                if (write(pipe_fds[1], &record, sizeof record) != sizeof record) _exit(1);
            }
            _exit(0);
        }
        close(pipe_fds[1]);
        struct {
            char ok;
            double seconds, elapsed;
        } record;
        while (read(pipe_fds[0], &record, sizeof record) == sizeof record) {
            score.count(samples[next].format, record.ok);
            score.seconds += record.seconds;
            score.wall_seconds += record.elapsed;
            ++next;
        }
        close(pipe_fds[0]);
        int status = 0;
        waitpid(child, &status, 0);
        if (next < samples.size() && WIFSIGNALED(status)) {
            score.count(samples[next].format, false);
            ++score.aborted;
            ++next;
        } else if (next < samples.size()) {
            fmt::print(stderr, "camera_decode: the zxing child stopped without a signal\n");
            std::exit(1);
        }
    }
    return score;
}

void print_scores(const std::string& title, const Score& ours, const Score& zbar,
                  const Score& plain) {
    fmt::print(
        "{}: {} frames (frames/s: per second of the decoding thread's CPU time on one "
        "core; elapsed: of wall time)\n",
        title, ours.frames);
    fmt::print("  {:<20} {:>6} {:>10} {:>10}\n", "", "share", "frames/s", "(elapsed)");
    fmt::print("  {:<20} {:>6.3f} {:>10.1f} {:>10.1f}\n", "FrameDecoder", ours.share(), ours.fps(),
               ours.wall_fps());
    fmt::print("  {:<20} {:>6.3f} {:>10.1f} {:>10.1f}\n", "zbar", zbar.share(), zbar.fps(),
               zbar.wall_fps());
    fmt::print("  {:<20} {:>6.3f} {:>10.1f} {:>10.1f}   aborted its process on {} frames\n",
               "zxing-cpp defaults", plain.share(), plain.fps(), plain.wall_fps(), plain.aborted);
    if (ours.by_format.size() > 1)
        for (const auto& [format, counts] : ours.by_format)
            fmt::print("    {:<12} ours {}/{}  zbar {}/{}  zxing {}/{}\n", format, counts.first,
                       counts.second, zbar.by_format.at(format).first, counts.second,
                       plain.by_format.at(format).first, counts.second);
}

void pin_to_one_core() {
    cpu_set_t current;
    if (sched_getaffinity(0, sizeof current, &current) != 0) return;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &current)) {
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            sched_setaffinity(0, sizeof one, &one);
            return;
        }
}

int usage(int code) {
    fmt::print(code ? stderr : stdout,
               "usage: camera_decode [DIR] [--frames N] [--seed N] [--formats a,b|all] "
               "[--write DIR]\n"
               "  DIR         images in zxing-cpp's blackbox layout (N.png or N.jpg, the expected\n"
               "              text in N.txt): their share is measured; frames/s always on frames\n"
               "              generated at 720p and 1080p\n"
               "  --frames N  frames generated per resolution (default 120)\n"
               "  --write DIR also write the generated 1080p frames there, in the same layout\n");
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    std::string folder, write_dir;
    int frames = 120;
    unsigned seed = 1;
    std::vector<std::string> format_names;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) std::exit(usage(2));
            return argv[++i];
        };
        if (arg == "--help") return usage(0);
        if (arg == "--frames")
            frames = std::atoi(value().c_str());
        else if (arg == "--seed")
            seed = static_cast<unsigned>(std::atoi(value().c_str()));
        else if (arg == "--write")
            write_dir = value();
        else if (arg == "--formats") {
            std::stringstream list(value());
            for (std::string name; std::getline(list, name, ',');)
                format_names.push_back(name);
        } else if (arg.rfind("--", 0) == 0)
            return usage(2);
        else
            folder = arg;
    }
    if (frames < 1) return usage(2);
    rs::set_log_level(rs::LogLevel::Error);
    // One core: OpenCV's own threads off, and the process pinned.
    cv::setNumThreads(1);
    pin_to_one_core();

    rs::devices::DecoderOptions options;
    if (!format_names.empty()) {
        auto formats = rs::devices::parse_barcode_formats(format_names);
        if (!formats) {
            fmt::print(stderr, "camera_decode: {}\n", formats.error().message);
            return 2;
        }
        options.formats = *formats;
    }
    FrameDecoder decoder(options);

    std::map<int, Score> ours, zbar, plain;
    std::vector<Sample> at_1080p;
    for (auto [width, height] : {std::pair{1280, 720}, std::pair{1920, 1080}}) {
        std::vector<Sample> samples;
        for (int i = 0; i < frames; ++i)
            samples.push_back(generate(width, height, i, seed));
        ours[height] = run_ours(samples, decoder);
        zbar[height] = run_zbar(samples);
        plain[height] = run_plain_zxing(samples);
        print_scores(fmt::format("generated {}x{}", width, height), ours[height], zbar[height],
                     plain[height]);
        if (height == 1080) at_1080p = std::move(samples);
    }
    if (!write_dir.empty()) write_folder(write_dir, at_1080p);

    Score share_ours, share_zbar, share_plain;
    if (!folder.empty()) {
        std::vector<Sample> samples = load_folder(folder);
        if (samples.empty()) {
            fmt::print(stderr, "camera_decode: {} holds no N.png/N.jpg with N.txt\n", folder);
            return 1;
        }
        share_ours = run_ours(samples, decoder);
        share_zbar = run_zbar(samples);
        share_plain = run_plain_zxing(samples);
        print_scores("folder " + folder, share_ours, share_zbar, share_plain);
    } else {
        for (int height : {720, 1080}) {
            for (auto [all, one] :
                 {std::pair{&share_ours, &ours[height]}, std::pair{&share_zbar, &zbar[height]},
                  std::pair{&share_plain, &plain[height]}}) {
                all->decoded += one->decoded;
                all->frames += one->frames;
            }
        }
    }
    fmt::print("targets: at least 30 frames/s at 1080p ({}), a share at least zbar's ({})\n",
               ours[1080].fps() >= 30 ? "met" : "NOT met",
               share_ours.share() >= share_zbar.share() ? "met" : "NOT met");
    fmt::print(
        "RESULT camera_decode share={:.3f} zbar_share={:.3f} zxing_share={:.3f} fps_1080p={:.1f} "
        "zbar_fps_1080p={:.1f} fps_720p={:.1f} zbar_fps_720p={:.1f} zxing_fps_1080p={:.1f} "
        "zxing_aborts={}\n",
        share_ours.share(), share_zbar.share(), share_plain.share(), ours[1080].fps(),
        zbar[1080].fps(), ours[720].fps(), zbar[720].fps(), plain[1080].fps(),
        plain[720].aborted + plain[1080].aborted + share_plain.aborted);
    return 0;
}
