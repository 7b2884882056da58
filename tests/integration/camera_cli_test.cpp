// `station camera` and `station photos` as a person uses them: real video and image files,
// a real store, the photo files checked with zbarimg, ffprobe and sha256sum.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <filesystem>
#include <fstream>

#include "devices/camera/barcode_image.h"
#include "devices/camera/camera_source.h"
#include "devices/camera/frame_effects.h"
#include "devices/camera/simulated_camera.h"
#include "tests/support/station_cli.h"

namespace fs = std::filesystem;
using rs::test::contains;
using rs::test::k_technician_badge;
using rs::test::k_warehouse_badge;
using rs::test::run_station;

namespace {

const std::string k_order = "RO-000001O";  // the first order of the demo RMAs' intake

struct Cli : rs::test::StationCli {
    // The demo RMAs imported and the first phone received: the order k_order.
    void receive_first_phone() {
        prepare();
        auto intake = run({"intake", "--operator", k_warehouse_badge, "SF1402398761234"});
        INFO(intake.out << intake.err);
        REQUIRE(contains(intake.out, k_order));
    }
    // The simulated bench filmed into an mp4: a focus sweep whose third frame is sharp.
    std::string video(const std::string& name, double brightness = 1.0) {
        auto options = rs::devices::default_simulated_scene();
        options.blur = {4, 2, 0, 2, 4};
        options.frames = 5;
        options.brightness = brightness;
        rs::devices::SimulatedCamera camera(options);
        REQUIRE(camera.open());
        std::string path = file(name);
        cv::VideoWriter writer(path, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'),
                               10, cv::Size(options.width, options.height));
        REQUIRE(writer.isOpened());
        while (auto frame = camera.capture()) {
            if (!*frame) break;
            writer.write((*frame)->image);
        }
        return path;
    }
};

}  // namespace

TEST_CASE("station --help lists camera and photos") {
    auto help = run_station({"--help"});
    CHECK(contains(help.out, "camera"));
    CHECK(contains(help.out, "photos"));
    for (const char* command : {"list", "snap", "scan"}) {
        auto sub = run_station({"camera", command, "--help"});
        CHECK(sub.exit_code == 0);
        CHECK(contains(sub.out, "--"));
    }
}

TEST_CASE("camera snap --source FILE.mp4 files the sharpest frame with its verdict and codes",
          "[sqlite]") {
    Cli cli;
    cli.receive_first_phone();
    std::string video = cli.video("bench.mp4");
    auto snap = cli.run({"camera", "snap", "--source", video, "--order", k_order, "--json"});
    INFO(snap.out << snap.err);
    REQUIRE(snap.exit_code == 0);
    auto photo = nlohmann::json::parse(snap.out);
    CHECK(photo["order"] == k_order);
    CHECK(photo["stage"] == "intake");
    CHECK(photo["operator"] == k_warehouse_badge);  // nobody named: the order's owner
    CHECK(photo["frame_chosen"] == 2);
    CHECK(photo["quality"]["verdict"] == "ok");
    REQUIRE(photo["codes"].size() == 2);
    CHECK(photo["codes"][0]["text"] == "490154203237518");
    std::string file = photo["file"];
    // The photo goes next to the store by default, under its SHA-256.
    CHECK(fs::path(file).parent_path().parent_path() == fs::path(cli.file("photos")));
    CHECK(contains(rs::test::run_process({"/usr/bin/sha256sum", file}).out,
                   photo["sha256"].get<std::string>()));
    // Tools we did not write read what we stored: a 1280x720 JPEG with the IMEI barcode in it.
    auto probe = rs::test::run_process({"/usr/bin/ffprobe", "-v", "error", "-select_streams", "v:0",
                                        "-show_entries", "stream=codec_name,width,height", "-of",
                                        "csv=p=0", file});
    CHECK(probe.out == "mjpeg,1280,720\n");
    auto zbar = rs::test::run_process({"/usr/bin/zbarimg", "-q", "--raw", file});
    CHECK(contains(zbar.out, "490154203237518"));

    auto again = cli.run({"camera", "snap", "--source", video, "--order", k_order});
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "was already filed"));
    auto list = cli.run({"photos", "list", "--order", k_order, "--json"});
    CHECK(std::count(list.out.begin(), list.out.end(), '\n') == 1);

    auto show = cli.run({"photos", "show", photo["sha256"].get<std::string>().substr(0, 10)});
    CHECK(show.exit_code == 0);
    CHECK(contains(show.out, "quality    ok"));
    CHECK(contains(show.out, "code128 ]C0 490154203237518"));
}

TEST_CASE("a dark photo is filed, says what to do and exits 3") {
    Cli cli;
    cli.receive_first_phone();
    auto snap = cli.run({"camera", "snap", "--source", cli.video("dark.mp4", 0.3), "--order",
                         k_order, "--stage", "diagnosis", "--operator", k_technician_badge});
    INFO(snap.out << snap.err);
    CHECK(snap.exit_code == 3);
    CHECK(contains(snap.out, "too_dark"));
    CHECK(contains(snap.out, "advice   too dark"));
    auto list = cli.run({"photos", "list", "--stage", "diagnosis"});
    CHECK(contains(list.out, "too_dark"));
}

TEST_CASE("camera scan --source IMAGE prints the codes, also from a frame that aborts zxing") {
    Cli cli;
    // Two identical labels: plain zxing-cpp 1.4 ReadBarcodes aborts on this image.
    cv::Mat frame(720, 1280, CV_8UC1, cv::Scalar(140));
    auto label = rs::devices::draw_barcode({"code128", "SN-ABC-12345", 3, 0, 10, false});
    REQUIRE(label);
    rs::devices::place(frame, *label, 100, 100);
    rs::devices::place(frame, *label, 650, 420);
    auto matrix = rs::devices::draw_barcode({"datamatrix", "R52T80ABCDE", 6, 0, 4, false});
    REQUIRE(matrix);
    rs::devices::place(frame, *matrix, 900, 60);
    std::string image = cli.file("labels.png");
    REQUIRE(cv::imwrite(image, frame));

    auto scan = cli.run({"camera", "scan", "--source", image});
    INFO(scan.out << scan.err);
    CHECK(scan.exit_code == 0);
    CHECK(scan.signal == 0);
    CHECK(contains(scan.out, "code128 ]C0 SN-ABC-12345"));
    CHECK(contains(scan.out, "datamatrix ]d1 R52T80ABCDE: serial"));

    auto json = cli.run({"camera", "scan", "--source", image, "--json", "--formats", "datamatrix"});
    CHECK(json.exit_code == 0);
    auto code = nlohmann::json::parse(json.out);
    CHECK(code["text"] == "R52T80ABCDE");
    CHECK(code["readings"][0]["kind"] == "serial");

    REQUIRE(cv::imwrite(cli.file("blank.png"), cv::Mat(100, 100, CV_8UC1, cv::Scalar(128))));
    auto nothing = cli.run({"camera", "scan", "--source", cli.file("blank.png")});
    CHECK(nothing.exit_code == 3);
    CHECK(contains(nothing.err, "no code found in 1 frame"));
}

TEST_CASE("camera scan reads frames that abort zxing-cpp, and shapes OpenCV refuses") {
    Cli cli;
    // Photos on which plain zxing-cpp 1.4 dies of SIGABRT (tests/fixtures/camera/zxing-aborts),
    // with a 3000x1 and a 100000x1 image between them (issue 17: an uncaught OpenCV exception).
    fs::path folder = cli.file("shots");
    fs::create_directories(folder);
    fs::path fixtures = fs::path(CAMERA_FIXTURES) / "zxing-aborts";
    fs::copy_file(fixtures / "ro-tag-jpeg.jpg", folder / "1.jpg");
    REQUIRE(cv::imwrite((folder / "2.png").string(), cv::Mat(1, 3000, CV_8UC1, cv::Scalar(0))));
    REQUIRE(cv::imwrite((folder / "3.png").string(), cv::Mat(1, 100000, CV_8UC1, cv::Scalar(0))));
    fs::copy_file(fixtures / "retail-box-jpeg.jpg", folder / "4.jpg");
    auto scan = cli.run({"camera", "scan", "--source", folder.string()});
    INFO(scan.out << scan.err);
    CHECK(scan.signal == 0);
    CHECK(scan.exit_code == 0);
    CHECK(contains(scan.out, "RO-219689O"));
    CHECK(contains(scan.out, "5901523118713"));
    CHECK(contains(scan.out, "011290070123"));

    // snap on a 3000x1 image: filed (a poor photo), never a crash.
    cli.receive_first_phone();
    auto snap =
        cli.run({"camera", "snap", "--source", (folder / "2.png").string(), "--order", k_order});
    INFO(snap.out << snap.err);
    CHECK(snap.signal == 0);
    CHECK((snap.exit_code == 0 || snap.exit_code == 3));
}

TEST_CASE("a decode worker that dies on every frame costs those frames, not the station",
          "[sqlite]") {
    Cli cli;
    // A worker that aborts as soon as it is started, as zxing-cpp does on a failed assertion.
    std::string worker = cli.file("aborting-worker");
    std::ofstream(worker) << "#!/bin/sh\nkill -ABRT $$\n";
    fs::permissions(worker, fs::perms::owner_all);
    fs::path folder = cli.file("shots");
    fs::create_directories(folder);
    fs::path fixtures = fs::path(CAMERA_FIXTURES) / "zxing-aborts";
    for (const char* name : {"ro-tag-jpeg.jpg", "ro-tag-defocus.jpg", "retail-box-jpeg.jpg"})
        fs::copy_file(fixtures / name, folder / name);
    auto scan = cli.run({"camera", "scan", "--source", folder.string()}, "",
                        {"RS_DECODE_WORKER=" + worker});
    INFO(scan.out << scan.err);
    CHECK(scan.signal == 0);
    CHECK(scan.exit_code != 0);
    // Every frame reported, by number, as undecodable, and the scan went on to the end.
    for (const char* frame : {"frame 0:", "frame 1:", "frame 2:"})
        CHECK(contains(scan.err, frame));
    CHECK(contains(scan.err, "died of SIGABRT"));
    CHECK(contains(scan.err, "undecodable"));
    CHECK(contains(scan.err, "no code found in 3 frames"));
    // Kept for a bug report, in the photos folder.
    fs::path kept = cli.file("photos/undecodable");
    REQUIRE(fs::exists(kept));
    int pngs = 0;
    for (const auto& entry : fs::directory_iterator(kept))
        pngs += entry.path().extension() == ".png";
    CHECK(pngs == 3);
}

TEST_CASE("camera scan --intake hands codes to intake like a scanner's scans") {
    Cli cli;
    cli.receive_first_phone();
    auto scan = cli.run({"camera", "scan", "--source", "sim", "--intake", "--operator",
                         k_technician_badge, "--order", k_order, "--formats", "code128"});
    INFO(scan.out << scan.err);
    CHECK(scan.exit_code == 0);
    CHECK(contains(scan.out, "order_selected"));
    CHECK(contains(scan.out, "identity_confirmed RO-000001O: IMEI 490154203237518 matches"));
    auto show = cli.run({"orders", "show", k_order});
    CHECK(contains(show.out, "confirmed (490154203237518)"));
}

TEST_CASE("damage is marked on a photo and shown with it") {
    Cli cli;
    cli.receive_first_phone();
    auto snap = cli.run({"camera", "snap", "--source", "sim", "--order", k_order, "--json"});
    REQUIRE(snap.exit_code == 0);
    std::string id = nlohmann::json::parse(snap.out)["id"];
    auto mark = cli.run({"photos", "annotate", id, "--rect", "400,200,300,150", "--label",
                         "屏幕裂纹 cracked screen", "--operator", k_technician_badge});
    INFO(mark.out << mark.err);
    CHECK(mark.exit_code == 0);
    auto show = cli.run({"photos", "show", id, "--json"});
    auto photo = nlohmann::json::parse(show.out);
    REQUIRE(photo["annotations"].size() == 1);
    CHECK(photo["annotations"][0]["label"] == "屏幕裂纹 cracked screen");
    CHECK(photo["annotations"][0]["rect"] == nlohmann::json({400, 200, 300, 150}));
    CHECK(photo["file_intact"] == true);
    auto history = cli.run({"orders", "show", k_order});
    CHECK(contains(history.out, "photo.added"));
    CHECK(contains(history.out, "photo.annotated"));
}

TEST_CASE("camera and photo mistakes are clear and change nothing") {
    Cli cli;
    cli.receive_first_phone();
    auto no_order = cli.run({"camera", "snap", "--source", "sim", "--order", "RO-000002M"});
    CHECK(no_order.exit_code == 2);
    CHECK(contains(no_order.err, "no repair order RO-000002M"));
    auto no_source =
        cli.run({"camera", "snap", "--source", cli.file("none.mp4"), "--order", k_order});
    CHECK(no_source.exit_code == 2);
    CHECK(contains(no_source.err, "not found"));
    auto no_camera = cli.run({"camera", "snap", "--order", k_order});
    CHECK(no_camera.exit_code == 2);
    CHECK(contains(no_camera.err, "which camera?"));
    auto bad_stage =
        cli.run({"camera", "snap", "--source", "sim", "--order", k_order, "--stage", "repair"});
    CHECK(bad_stage.exit_code == 2);
    auto bad_format = cli.run({"camera", "scan", "--source", "sim", "--formats", "qr"});
    CHECK(bad_format.exit_code == 2);
    CHECK(contains(bad_format.err, "unknown barcode format \"qr\""));
    auto bad_photo = cli.run({"photos", "show", "../../etc/passwd"});
    CHECK(bad_photo.exit_code == 2);
    CHECK(contains(bad_photo.err, "is not a photo"));
    auto bad_rect = cli.run({"photos", "annotate", "0123456789", "--rect", "1,2,3", "--label", "x",
                             "--operator", k_technician_badge});
    CHECK(bad_rect.exit_code == 2);
    CHECK(contains(bad_rect.err, "X,Y,WIDTH,HEIGHT"));
    CHECK(contains(cli.run({"photos", "list"}).out, "no photos"));
    CHECK_FALSE(fs::exists(cli.file("photos")));
}

TEST_CASE("[photos] dir and [[cameras.device]] come from the configuration") {
    Cli cli;
    cli.receive_first_phone();
    cli.write_config("[photos]\ndir = \"" + cli.file("elsewhere") +
                     "\"\n[cameras]\ndefault = \"bench\"\nstill_frames = 2\n"
                     "[[cameras.device]]\nname = \"bench\"\nsource = \"sim\"\n");
    auto list = cli.run({"camera", "list"});
    CHECK(contains(list.out, "camera bench (default): sim"));
    auto snap = cli.run({"camera", "snap", "--order", k_order, "--json"});
    INFO(snap.out << snap.err);
    REQUIRE(snap.exit_code == 0);
    auto photo = nlohmann::json::parse(snap.out);
    CHECK(photo["camera"] == "sim:bench");
    CHECK(photo["frames_compared"] == 2);
    CHECK(contains(photo["file"].get<std::string>(), cli.file("elsewhere")));
    auto example = run_station(
        {"--db", cli.db(), "--config", rs::test::example_file("station.toml"), "camera", "list"});
    CHECK(example.exit_code == 0);
    CHECK(contains(example.out, "camera bench (default): sim"));
    cli.write_config("[cameras]\nstill_frame = 2\n");
    auto typo = cli.run({"camera", "list"});
    CHECK(typo.exit_code == 2);
    CHECK(contains(typo.err, "[cameras] has no key still_frame"));
}

TEST_CASE("station demo photographs the first phone and cleans up after itself") {
    rs::test::TempDir dir;
    auto demo = run_station({"demo"}, "", {"TMPDIR=" + dir.path().string()});
    INFO(demo.out << demo.err);
    REQUIRE(demo.exit_code == 0);
    CHECK(contains(demo.out, "quality too_dark"));
    CHECK(contains(demo.out, "advice  too dark"));
    CHECK(contains(demo.out, "quality ok"));
    CHECK(contains(demo.out, "code    code128 ]C0 490154203237518: imei"));
    CHECK(contains(demo.out, "scratch on the back cover"));
    CHECK(fs::is_empty(dir.path()));
}

// A PNG whose header claims 20000x20000 pixels (312 bytes on disk): without a limit OpenCV
// would set aside 1.2 GB for it before looking further. Refused from its header, quickly.
TEST_CASE("an image larger than any camera's is refused from its header") {
    Cli cli;
    std::string huge = std::string(CAMERA_FIXTURES) + "/header-20000x20000.png";
    auto scan = cli.run({"camera", "scan", "--source", huge});
    INFO(scan.out << scan.err);
    CHECK(scan.exit_code == 2);
    CHECK(contains(scan.err, "larger than 100 megapixels"));
}
