// station-opencv-io.so: the one place linked with OpenCV's videoio and imgcodecs (see
// opencv_io.h). It holds no code of ours beyond these forwarders, so it shares nothing with the
// program but OpenCV's core library and the C++ runtime, which both load once.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "devices/camera/opencv_io.h"

namespace rs::devices {
namespace {

class OpenCvVideoInput final : public VideoInput {
public:
    bool open(int index, int api) override { return m_capture.open(index, api); }
    bool open(const std::string& location, int api, const std::vector<int>& params) override {
        return m_capture.open(location, api, params);
    }
    bool is_opened() const override { return m_capture.isOpened(); }
    bool set(int property, double value) override { return m_capture.set(property, value); }
    double get(int property) const override { return m_capture.get(property); }
    bool read(cv::Mat& image) override { return m_capture.read(image); }
    void release() override { m_capture.release(); }

private:
    cv::VideoCapture m_capture;
};

class OpenCvIoModule final : public OpenCvIo {
public:
    std::unique_ptr<VideoInput> video_input() const override {
        return std::make_unique<OpenCvVideoInput>();
    }
    cv::Mat read_image(const std::string& path, int flags) const override {
        return cv::imread(path, flags);
    }
    bool write_image(const std::string& path, const cv::Mat& image) const override {
        return cv::imwrite(path, image);
    }
    bool encode_image(const std::string& extension, const cv::Mat& image,
                      const std::vector<int>& params,
                      std::vector<std::uint8_t>& buffer) const override {
        return cv::imencode(extension, image, buffer, params);
    }
};

}  // namespace
}  // namespace rs::devices

extern "C" __attribute__((visibility("default"))) const rs::devices::OpenCvIo* rs_opencv_io_v1() {
    static const rs::devices::OpenCvIoModule module;
    return &module;
}
