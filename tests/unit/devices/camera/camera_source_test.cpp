// Camera sources: real video files written with VideoWriter, image folders, the simulator
// unplugged mid-capture, device listing from a sysfs tree, source names.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>
#include <thread>

#include "devices/camera/camera_list.h"
#include "devices/camera/camera_source.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/image_folder_camera.h"
#include "devices/camera/still_capture.h"
#include "devices/camera/video_capture_camera.h"
#include "test_frames.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace rs::devices;
using rs::test::TempDir;

namespace {

// A focus sweep of the simulated bench: frame 2 of 0..4 is the sharp one.
SimulatedCameraOptions focus_sweep() {
    SimulatedCameraOptions options = default_simulated_scene();
    options.blur = {4, 2, 0, 2, 4};
    options.frames = 5;
    return options;
}

// Writes the simulated camera's frames into a video file; fails the test if OpenCV cannot.
void write_video(const std::string& path, const char* fourcc, SimulatedCameraOptions options) {
    SimulatedCamera camera(std::move(options));
    REQUIRE(camera.open());
    cv::VideoWriter writer(path, cv::CAP_FFMPEG,
                           cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]), 10,
                           cv::Size(1280, 720));
    REQUIRE(writer.isOpened());
    while (true) {
        auto frame = camera.capture();
        REQUIRE(frame);
        if (!*frame) break;
        writer.write((*frame)->image);
    }
    writer.release();
}

// ffprobe (not ours) counts the frames in the file.
int frames_by_ffprobe(const std::string& path) {
    auto probe = rs::test::run_process({"/usr/bin/ffprobe", "-v", "error", "-count_frames",
                                        "-select_streams", "v:0", "-show_entries",
                                        "stream=nb_read_frames", "-of", "csv=p=0", path});
    INFO(probe.err);
    REQUIRE(probe.exit_code == 0);
    return std::stoi(probe.out);
}

}  // namespace

TEST_CASE("a video file written with VideoWriter is read back, the still is its sharpest frame") {
    TempDir dir;
    for (const char* fourcc : {"mp4v", "MJPG"}) {
        std::string path =
            dir.file(std::string("sweep-") + fourcc + (fourcc[0] == 'm' ? ".mp4" : ".avi"));
        write_video(path, fourcc, focus_sweep());
        CHECK(frames_by_ffprobe(path) == 5);

        auto camera = make_camera(path);
        REQUIRE(camera);
        CHECK((*camera)->source() == "file:" + path);
        auto still = capture_still(**camera, {.frames = 10});
        REQUIRE(still);
        CHECK(still->sharpness.size() == 5);  // the file ended before 10
        CHECK(still->chosen == 2);
        CHECK(still->frame.index == 2);
        CHECK(still->quality.ok());
        CHECK((*camera)->state() == CameraState::Finished);
        auto codes = FrameDecoder().decode(still->frame.image, (*camera)->source(), 0);
        CHECK(rs::test::texts(codes) == std::vector<std::string>{"490154203237518", "R52T80ABCDE"});
    }
}

TEST_CASE("a file that is not a video, a missing file, an unknown source") {
    TempDir dir;
    std::ofstream(dir.file("notes.mp4")) << "not a video";
    auto camera = make_camera(dir.file("notes.mp4"));
    REQUIRE(camera);
    auto opened = (*camera)->open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == rs::ErrorCode::Invalid);
    CHECK(opened.error().message.find("not a video") != std::string::npos);

    auto missing = make_camera(dir.file("nothing.mp4"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == rs::ErrorCode::NotFound);
    CHECK(missing.error().message.find("sim") != std::string::npos);  // says what is accepted
}

TEST_CASE("the simulated camera unplugged mid-capture is a state, and comes back") {
    SimulatedCameraOptions options = default_simulated_scene();
    options.unplug_after = 2;
    options.replug_after = 2;
    SimulatedCamera camera(options);
    REQUIRE(camera.open());
    CHECK(camera.capture().has_value());
    CHECK(camera.capture().has_value());
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto lost = camera.capture();
        REQUIRE_FALSE(lost);
        CHECK(lost.error().code == rs::ErrorCode::Io);
        CHECK(lost.error().message.find("unplugged") != std::string::npos);
        CHECK(camera.state() == CameraState::Disconnected);
    }
    auto back = camera.capture();
    REQUIRE(back);
    REQUIRE(*back);
    CHECK((*back)->index == 2);
    CHECK(camera.state() == CameraState::Connected);
}

TEST_CASE("a still capture keeps what it has when the camera is unplugged during it") {
    SimulatedCameraOptions options = focus_sweep();
    options.unplug_after = 3;
    SimulatedCamera camera(options);
    auto still = capture_still(camera, {.frames = 5});
    REQUIRE(still);
    CHECK(still->sharpness.size() == 3);
    CHECK(still->chosen == 2);
    CHECK(camera.state() == CameraState::Disconnected);

    SimulatedCameraOptions gone = focus_sweep();
    gone.unplug_after = 0;
    SimulatedCamera unplugged(gone);
    auto none = capture_still(unplugged, {.frames = 5});
    REQUIRE_FALSE(none);
    CHECK(none.error().code == rs::ErrorCode::Io);
}

TEST_CASE("an image folder gives its images in natural order, a broken one is skipped") {
    TempDir dir;
    SimulatedCamera camera(default_simulated_scene());
    REQUIRE(camera.open());
    cv::Mat image = (*camera.capture())->image;
    for (const char* name : {"10.png", "2.jpg", "1.png"})
        REQUIRE(cv::imwrite(dir.file(name), image));
    std::ofstream(dir.file("3.png")) << "broken";
    std::ofstream(dir.file("readme.txt")) << "not an image";
    ImageFolderCamera folder(dir.path().string());
    REQUIRE(folder.open());
    std::vector<std::string> order;
    for (int i = 0; i < 5; ++i) {
        auto frame = folder.capture();
        order.push_back(folder.current_file().filename().string() + (frame ? "" : "!"));
        if (!frame) CHECK(frame.error().message.find("3.png") != std::string::npos);
    }
    CHECK(order == std::vector<std::string>{"1.png", "2.jpg", "3.png!", "10.png", "10.png"});
    CHECK(folder.state() == CameraState::Finished);

    CHECK(natural_less("2.png", "10.png"));
    CHECK(natural_less("a02", "a10"));
    CHECK_FALSE(natural_less("10.png", "2.png"));
    CHECK(natural_less("img", "img1"));

    TempDir empty;
    ImageFolderCamera nothing(empty.path().string());
    auto opened = nothing.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().message.find("no images") != std::string::npos);
}

TEST_CASE("source texts pick the right kind of camera") {
    TempDir dir;
    REQUIRE(cv::imwrite(dir.file("label.png"), cv::Mat(64, 64, CV_8UC1, cv::Scalar(200))));
    CHECK((*make_camera("0"))->source() == "v4l2:/dev/video0");
    CHECK((*make_camera("/dev/v4l/by-id/usb-cam-video-index0"))->source() ==
          "v4l2:/dev/v4l/by-id/usb-cam-video-index0");
    CHECK((*make_camera("rtsp://admin:secret@10.0.0.5/stream1"))->source() ==
          "url:rtsp://10.0.0.5/stream1");
    CHECK((*make_camera(dir.file("label.png")))->source() == "file:" + dir.file("label.png"));
    CHECK((*make_camera(dir.path().string()))->source() == "file:" + dir.path().string());
    CHECK((*make_camera("sim:intake"))->source() == "sim:intake");
    CHECK(url_without_credentials("http://cam.local:8080/video?x=@") ==
          "http://cam.local:8080/video?x=@");
    CHECK(url_without_credentials("rtsp://u:p@host") == "rtsp://host");
}

TEST_CASE("a V4L2 device that is not there is an error that says so") {
    VideoCaptureCamera camera({VideoSourceKind::Device, "/dev/v4l/by-id/usb-nothing-video-index0"});
    auto opened = camera.open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == rs::ErrorCode::NotFound);
    CHECK(opened.error().message.find("not plugged in") != std::string::npos);
    CHECK(camera.state() == CameraState::Closed);
}

TEST_CASE("video devices are listed from sysfs with their by-id links") {
    TempDir dir;
    namespace fs = std::filesystem;
    fs::path sys = dir.path() / "sys", dev = dir.path() / "dev";
    for (const char* node : {"video0", "video1", "media0"}) {
        fs::create_directories(sys / "class" / "video4linux" / node);
        std::ofstream(sys / "class" / "video4linux" / node / "name")
            << (std::string(node) == "video0" ? "HD Pro Webcam C920\n" : "Other\n");
    }
    fs::create_directories(dev / "v4l" / "by-id");
    fs::create_symlink("../../video0", dev / "v4l" / "by-id" / "usb-046d_C920-video-index0");
    auto devices = list_video_devices(sys.string(), dev.string());
    REQUIRE(devices);
    REQUIRE(devices->size() == 2);  // media0 is not a video node
    CHECK((*devices)[0].path == (dev / "video0").string());
    CHECK((*devices)[0].name == "HD Pro Webcam C920");
    CHECK(
        (*devices)[0].stable_paths ==
        std::vector<std::string>{(dev / "v4l" / "by-id" / "usb-046d_C920-video-index0").string()});
    CHECK((*devices)[1].stable_paths.empty());
    auto none = list_video_devices((dir.path() / "nothing").string(), dev.string());
    REQUIRE(none);
    CHECK(none->empty());
}

namespace {

// An IP camera in miniature: serves `frames` JPEGs as an HTTP multipart (MJPEG) stream on a
// real socket, then drops the connection and stops listening, as a camera that loses power.
class MjpegServer {
public:
    explicit MjpegServer(std::vector<std::string> frames) : m_frames(std::move(frames)) {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(m_listener >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(m_listener, 1) == 0);
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~MjpegServer() {
        if (m_thread.joinable()) m_thread.join();
    }
    int port() const { return m_port; }

private:
    void serve() {
        int client = ::accept(m_listener, nullptr, nullptr);
        ::close(m_listener);  // nobody can connect again: the camera is gone afterwards
        if (client < 0) return;
        char buffer[4096];
        std::string request;
        while (request.find("\r\n\r\n") == std::string::npos) {
            ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            request.append(buffer, static_cast<std::size_t>(n));
        }
        std::string out =
            "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=frame\r\n\r\n";
        for (const auto& jpeg : m_frames)
            out += "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " +
                   std::to_string(jpeg.size()) + "\r\n\r\n" + jpeg + "\r\n";
        std::size_t sent = 0;
        while (sent < out.size()) {
            ssize_t n = ::send(client, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        ::shutdown(client, SHUT_RDWR);
        ::close(client);
    }

    std::vector<std::string> m_frames;
    int m_listener = -1;
    int m_port = 0;
    std::thread m_thread;
};

}  // namespace

TEST_CASE("an HTTP MJPEG camera that goes away mid-stream is a state, not a crash") {
    SimulatedCamera scene(default_simulated_scene());
    REQUIRE(scene.open());
    std::vector<std::uint8_t> encoded;
    REQUIRE(cv::imencode(".jpg", (*scene.capture())->image, encoded));
    std::string jpeg(encoded.begin(), encoded.end());
    MjpegServer server(std::vector<std::string>(8, jpeg));

    auto camera =
        make_camera(fmt::format("http://user:secret@127.0.0.1:{}/video.mjpg", server.port()));
    REQUIRE(camera);
    CHECK((*camera)->source() == fmt::format("url:http://127.0.0.1:{}/video.mjpg", server.port()));
    auto opened = (*camera)->open();
    INFO((opened ? std::string() : opened.error().message));
    REQUIRE(opened);
    int frames = 0;
    std::optional<rs::Error> lost;
    for (int attempt = 0; attempt < 20 && !lost; ++attempt) {
        auto frame = (*camera)->capture();
        if (!frame) {
            lost = frame.error();
        } else if (*frame) {
            if (frames++ == 0)
                CHECK(rs::test::texts(FrameDecoder().decode((*frame)->image, "t", 0)) ==
                      std::vector<std::string>{"490154203237518", "R52T80ABCDE"});
        }
    }
    CHECK(frames >= 1);
    REQUIRE(lost);
    CHECK(lost->code == rs::ErrorCode::Io);
    CHECK(lost->message.find("stopped delivering frames") != std::string::npos);
    CHECK(lost->message.find("secret") == std::string::npos);
    CHECK((*camera)->state() == CameraState::Disconnected);
    // Taken again on the next capture: the camera is still gone, which is an error again.
    auto again = (*camera)->capture();
    REQUIRE_FALSE(again);
    CHECK((*camera)->state() == CameraState::Disconnected);
}
