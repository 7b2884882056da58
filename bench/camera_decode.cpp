// bench/camera_decode: frames per second and share of codes read by FrameDecoder, beside zbar and
// plain zxing-cpp (its defaults), all three searching the same formats, on the same frames, on
// one core; per format family beside the total.
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
#include <functional>
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
#include "truth_file.h"
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

struct Expected {
    std::string format;  // a configuration name ("code128"), or "unknown"
    std::string text;
};

struct Sample {
    std::string name;  // file name, or what was generated
    std::vector<Expected> codes;
    cv::Mat gray;
};

// Where a format belongs in the per-family table.
std::string family_of(const std::string& format) {
    if (format == "ean13" || format == "ean8" || format == "upca" || format == "upce")
        return "EAN/UPC";
    if (format == "code128" || format == "code39" || format == "code93" || format == "codabar" ||
        format == "itf" || format == "databar" || format == "databar_expanded")
        return "1D other";
    if (format == "qrcode" || format == "micro_qrcode") return "QR";
    if (format == "datamatrix") return "DataMatrix";
    if (format == "pdf417") return "PDF417";
    if (format == "aztec") return "Aztec";
    if (format == "maxicode") return "MaxiCode";
    return "unknown";
}

// The expected code was read: the same text, or a UPC-A and its EAN-13 form (the same 12 digits
// with a leading 0), which decoders report either way.
bool same_code(const std::string& expected, const std::string& read) {
    if (expected == read) return true;
    auto digits = [](const std::string& text) {
        return !text.empty() &&
               std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(expected) || !digits(read)) return false;
    if (expected.size() == 12 && read.size() == 13) return read == "0" + expected;
    if (expected.size() == 13 && read.size() == 12) return expected == "0" + read;
    return false;
}

struct Score {
    int decoded = 0;
    int codes = 0;  // expected codes
    int frames = 0;
    int aborted = 0;          // frames on which the decoder killed its process
    double seconds = 0;       // CPU time of the decoding thread
    double wall_seconds = 0;  // elapsed, for comparison: other work on the machine shows here
    std::map<std::string, std::pair<int, int>> by_family;  // decoded, expected
    std::vector<std::uint64_t> read;                       // per frame: bit k, code k was read

    double share() const { return codes ? static_cast<double>(decoded) / codes : 0; }
    double fps() const { return seconds > 0 ? (frames - aborted) / seconds : 0; }
    double wall_fps() const { return wall_seconds > 0 ? (frames - aborted) / wall_seconds : 0; }
    void count(const std::string& format, bool ok) {
        decoded += ok;
        ++codes;
        by_family[family_of(format)].first += ok;
        ++by_family[family_of(format)].second;
    }
    void add(const Score& other) {
        decoded += other.decoded;
        codes += other.codes;
        frames += other.frames;
        aborted += other.aborted;
        for (const auto& [family, counts] : other.by_family) {
            by_family[family].first += counts.first;
            by_family[family].second += counts.second;
        }
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
    Expected code;
    code.format = k_formats[index % 6];
    if (code.format == "code128")
        code.text = "SN-" + digits(random, 4) + "-" + digits(random, 5);
    else if (code.format == "ean13")
        code.text = gtin(random, 13);
    else if (code.format == "datamatrix")
        code.text = "PCB-" + digits(random, 8);
    else if (code.format == "qrcode")
        code.text = "RS:RO-" + digits(random, 6) + ":intake";
    else if (code.format == "code39")
        code.text = "SN" + digits(random, 8);
    else
        code.text = gtin(random, 14);
    Sample sample;
    sample.name = fmt::format("{}p-{}-{}", height, index, code.format);
    sample.codes = {code};

    bool matrix = code.format == "datamatrix" || code.format == "qrcode";
    double scale = height / 720.0;
    int module =
        static_cast<int>(std::lround((matrix ? uniform(4, 6.5) : uniform(2, 3.4)) * scale));
    bool etched = code.format == "datamatrix" && index % 3 == 2;
    auto drawn = rs::devices::draw_barcode(
        {code.format, code.text, std::max(module, 1), static_cast<int>(45 * scale), 10, false});
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

// ---------------------------------------------------------------------------------------------
// Folders of images with the codes they hold (bench/README.md): truth.tsv, one line per code,
// "file<TAB>format<TAB>text" with \t \n \r \\ and \xHH escapes in the text; or, without it,
// zxing-cpp's blackbox layout (N.png or N.jpg, the text in N.txt, the format from the folder's
// name as in "qrcode-2").

bool read_gray(const fs::path& path, cv::Mat& gray) {
    gray = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
    if (gray.empty())
        fmt::print(stderr, "camera_decode: skipping {}: not readable\n", path.string());
    return !gray.empty();
}

std::vector<Sample> load_truth(const fs::path& dir) {
    std::ifstream file(dir / "truth.tsv", std::ios::binary);
    std::map<std::string, std::vector<Expected>> codes;  // by file, in name order
    std::string line;
    for (int number = 1; std::getline(file, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
        if (tab1 == std::string::npos || tab2 == std::string::npos) {
            fmt::print(stderr, "camera_decode: {}/truth.tsv:{}: not file<TAB>format<TAB>text\n",
                       dir.string(), number);
            std::exit(2);
        }
        codes[line.substr(0, tab1)].push_back({line.substr(tab1 + 1, tab2 - tab1 - 1),
                                               rs::bench::unescape_truth(line.substr(tab2 + 1))});
    }
    std::vector<Sample> samples;
    for (auto& [name, expected] : codes) {
        Sample sample{name, std::move(expected), {}};
        if (read_gray(dir / name, sample.gray)) samples.push_back(std::move(sample));
    }
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) {
        return rs::devices::natural_less(a.name, b.name);
    });
    return samples;
}

std::vector<Sample> load_blackbox(const fs::path& dir) {
    std::string folder = fs::absolute(dir).lexically_normal().filename().string();
    if (folder.empty()) folder = fs::absolute(dir).lexically_normal().parent_path().filename();
    std::string format = folder.substr(0, folder.find('-'));
    const auto& known = rs::devices::barcode_format_names();
    if (std::find(known.begin(), known.end(), format) == known.end()) format = "unknown";
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
        std::ifstream file(fs::path(path).replace_extension(".txt"), std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        std::string expected = text.str();
        while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
            expected.pop_back();
        Sample sample{path.filename().string(), {{format, expected}}, {}};
        if (read_gray(path, sample.gray)) samples.push_back(std::move(sample));
    }
    return samples;
}

std::vector<Sample> load_folder(const std::string& dir) {
    return fs::exists(fs::path(dir) / "truth.tsv") ? load_truth(dir) : load_blackbox(dir);
}

void write_folder(const std::string& dir, const std::vector<Sample>& samples) {
    fs::create_directories(dir);
    std::ofstream truth(fs::path(dir) / "truth.tsv", std::ios::binary);
    truth << "# file\tformat\ttext (bench/README.md)\n";
    for (std::size_t i = 0; i < samples.size(); ++i) {
        std::string name = fmt::format("{}.png", i + 1);
        cv::imwrite((fs::path(dir) / name).string(), samples[i].gray);
        for (const auto& code : samples[i].codes)
            truth << name << '\t' << code.format << '\t' << rs::bench::escape_truth(code.text)
                  << '\n';
    }
}

// ---------------------------------------------------------------------------------------------
// The three decoders on the same frames, each in a child process: zxing-cpp 1.4 aborts on some
// frames (Result::operator== asserting lineCount() == 1), which would end the benchmark. A frame
// that kills a child counts as not read (and as an abort), and a new child goes on from the next
// frame. The children inherit the pinning to one core.

using Decode = std::function<std::vector<std::string>(const cv::Mat&)>;

Score run_in_children(const std::vector<Sample>& samples, const Decode& decode) {
    Score score;
    std::size_t next = 0;
    struct Record {
        double seconds, elapsed;
        std::uint64_t read;  // bit i: expected code i was read
    };
    while (next < samples.size()) {
        int pipe_fds[2];
        if (pipe(pipe_fds) != 0) std::exit(1);
        std::fflush(stdout);
        pid_t child = fork();
        if (child < 0) std::exit(1);
        if (child == 0) {
            close(pipe_fds[0]);
            std::signal(SIGABRT, SIG_DFL);
            // zxing's assertion message would fill the output: the parent reports aborts.
            int null_fd = ::open("/dev/null", O_WRONLY);
            if (null_fd >= 0) dup2(null_fd, 2);
            for (std::size_t i = next; i < samples.size(); ++i) {
                const Sample& sample = samples[i];
                double start = cpu_seconds(), wall = wall_seconds();
                auto texts = decode(sample.gray);
                Record record{cpu_seconds() - start, wall_seconds() - wall, 0};
                for (std::size_t k = 0; k < sample.codes.size() && k < 64; ++k)
                    for (const auto& text : texts)
                        if (same_code(sample.codes[k].text, text)) record.read |= 1ull << k;
                if (write(pipe_fds[1], &record, sizeof record) != sizeof record) _exit(1);
            }
            _exit(0);
        }
        close(pipe_fds[1]);
        Record record{};
        while (read(pipe_fds[0], &record, sizeof record) == sizeof record) {
            const Sample& sample = samples[next];
            for (std::size_t k = 0; k < sample.codes.size(); ++k)
                score.count(sample.codes[k].format, k < 64 && (record.read >> k & 1u));
            score.read.push_back(record.read);
            ++score.frames;
            score.seconds += record.seconds;
            score.wall_seconds += record.elapsed;
            ++next;
        }
        close(pipe_fds[0]);
        int status = 0;
        waitpid(child, &status, 0);
        if (next < samples.size() && WIFSIGNALED(status)) {
            for (const auto& code : samples[next].codes)
                score.count(code.format, false);
            score.read.push_back(0);
            ++score.frames;
            ++score.aborted;
            ++next;
        } else if (next < samples.size()) {
            fmt::print(stderr, "camera_decode: a decoding child stopped without a signal\n");
            std::exit(1);
        }
    }
    return score;
}

struct Scores {
    Score ours, zbar, zxing;
};

Scores run_all(const std::vector<Sample>& samples, const FrameDecoder& decoder,
               const std::vector<std::string>& format_names) {
    Scores scores;
    scores.ours = run_in_children(samples, [&](const cv::Mat& gray) {
        std::vector<std::string> texts;
        for (const auto& code : decoder.decode(gray, "bench", 0))
            texts.push_back(code.scan.text);
        return texts;
    });
    rs::bench::ZbarReader zbar(format_names);
    scores.zbar = run_in_children(samples, [&](const cv::Mat& gray) {
        cv::Mat continuous = gray.isContinuous() ? gray : gray.clone();
        return zbar.read(continuous.data, continuous.cols, continuous.rows);
    });
    // zxing-cpp's defaults, but the same formats as the others.
    ZXing::DecodeHints hints;
    hints.setFormats(
        ZXing::BarcodeFormats(static_cast<ZXing::BarcodeFormat>(decoder.options().formats.bits())));
    scores.zxing = run_in_children(samples, [&](const cv::Mat& gray) {
        std::vector<std::string> texts;
        for (const auto& result :
             ZXing::ReadBarcodes({gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum,
                                  static_cast<int>(gray.step)},
                                 hints))
            texts.push_back(result.text());
        return texts;
    });
    return scores;
}

// --misses: each code ours did not read, and whether the peers did.
void print_misses(const std::vector<Sample>& samples, const Scores& scores) {
    for (std::size_t i = 0; i < samples.size(); ++i)
        for (std::size_t k = 0; k < samples[i].codes.size() && k < 64; ++k) {
            auto read = [&](const Score& score) { return (score.read[i] >> k & 1u) != 0; };
            if (read(scores.ours)) continue;
            fmt::print("  missed {} {} \"{}\"{}{}\n", samples[i].name, samples[i].codes[k].format,
                       rs::bench::escape_truth(samples[i].codes[k].text),
                       read(scores.zbar) ? " (zbar read it)" : "",
                       read(scores.zxing) ? " (zxing read it)" : "");
        }
}

void print_scores(const std::string& title, const Scores& scores) {
    fmt::print(
        "{}: {} codes in {} frames (frames/s: per second of the decoding thread's CPU time on "
        "one core; elapsed: of wall time)\n",
        title, scores.ours.codes, scores.ours.frames);
    fmt::print("  {:<20} {:>6} {:>10} {:>10} {:>8}\n", "", "share", "frames/s", "(elapsed)",
               "crashes");
    for (auto [name, score] :
         {std::pair{"FrameDecoder", &scores.ours}, std::pair{"zbar", &scores.zbar},
          std::pair{"zxing-cpp defaults", &scores.zxing}})
        fmt::print("  {:<20} {:>6.3f} {:>10.1f} {:>10.1f} {:>8}\n", name, score->share(),
                   score->fps(), score->wall_fps(), score->aborted);
    fmt::print("  {:<12} {:>16} {:>16} {:>16}\n", "family", "ours", "zbar", "zxing");
    auto cell = [](const Score& score, const std::string& family) {
        auto found = score.by_family.find(family);
        if (found == score.by_family.end()) return std::string("-");
        auto [read, of] = found->second;
        return fmt::format("{}/{} {:.2f}", read, of, of ? static_cast<double>(read) / of : 0.0);
    };
    for (const auto& [family, counts] : scores.ours.by_family)
        fmt::print("  {:<12} {:>16} {:>16} {:>16}\n", family, cell(scores.ours, family),
                   cell(scores.zbar, family), cell(scores.zxing, family));
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
    fmt::print(
        code ? stderr : stdout,
        "usage: camera_decode [DIR] [--frames N] [--seed N] [--formats a,b|all] "
        "[--write DIR] [--misses]\n"
        "  DIR         a folder of images with the codes they hold (truth.tsv: file, format,\n"
        "              text; or zxing-cpp's blackbox layout, N.png + N.txt): the shares\n"
        "              are measured there; frames/s always on frames generated at 720p\n"
        "              and 1080p\n"
        "  --frames N  frames generated per resolution (default 120)\n"
        "  --formats   the formats every decoder searches (default: the station's\n"
        "              [cameras] formats)\n"
        "  --write DIR also write the generated 1080p frames there, with truth.tsv\n"
        "  --misses    list each code of DIR ours did not read, and which peer did\n");
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    std::string folder, write_dir;
    bool misses = false;
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
        else if (arg == "--misses")
            misses = true;
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
    format_names = options.formats.names();  // "all" spelled out, for zbar
    fmt::print("formats searched by every decoder: {}\n", fmt::join(format_names, ", "));
    FrameDecoder decoder(options);

    std::map<int, Scores> generated;
    std::vector<Sample> at_1080p;
    for (auto [width, height] : {std::pair{1280, 720}, std::pair{1920, 1080}}) {
        std::vector<Sample> samples;
        for (int i = 0; i < frames; ++i)
            samples.push_back(generate(width, height, i, seed));
        generated[height] = run_all(samples, decoder, format_names);
        print_scores(fmt::format("generated {}x{}", width, height), generated[height]);
        if (height == 1080) at_1080p = std::move(samples);
    }
    if (!write_dir.empty()) write_folder(write_dir, at_1080p);

    Scores shares;  // on the folder, else on every generated frame
    int crashes = generated[720].ours.aborted + generated[1080].ours.aborted;
    int zxing_aborts = generated[720].zxing.aborted + generated[1080].zxing.aborted;
    if (!folder.empty()) {
        std::vector<Sample> samples = load_folder(folder);
        if (samples.empty()) {
            fmt::print(stderr, "camera_decode: {} holds no images with expected codes\n", folder);
            return 1;
        }
        shares = run_all(samples, decoder, format_names);
        print_scores("folder " + folder, shares);
        if (misses) print_misses(samples, shares);
        crashes += shares.ours.aborted;
        zxing_aborts += shares.zxing.aborted;
    } else {
        for (int height : {720, 1080}) {
            shares.ours.add(generated[height].ours);
            shares.zbar.add(generated[height].zbar);
            shares.zxing.add(generated[height].zxing);
        }
    }
    const Score& fast = generated[1080].ours;
    fmt::print(
        "targets: at least 30 frames/s at 1080p ({}), a share at least plain zxing-cpp's ({}) "
        "and zbar's ({}), no crash of ours ({})\n",
        fast.fps() >= 30 ? "met" : "NOT met",
        shares.ours.share() >= shares.zxing.share() ? "met" : "NOT met",
        shares.ours.share() >= shares.zbar.share() ? "met" : "NOT met",
        crashes == 0 ? "met" : "NOT met");
    fmt::print(
        "RESULT camera_decode share={:.3f} zbar_share={:.3f} zxing_share={:.3f} fps_1080p={:.1f} "
        "zbar_fps_1080p={:.1f} fps_720p={:.1f} zbar_fps_720p={:.1f} zxing_fps_1080p={:.1f} "
        "zxing_aborts={} our_crashes={}\n",
        shares.ours.share(), shares.zbar.share(), shares.zxing.share(), fast.fps(),
        generated[1080].zbar.fps(), generated[720].ours.fps(), generated[720].zbar.fps(),
        generated[1080].zxing.fps(), zxing_aborts, crashes);
    return 0;
}
