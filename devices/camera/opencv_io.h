// OpenCvIo: video capture and image files through a module loaded on first use.
//
// OpenCV's videoio and imgcodecs libraries bring FFmpeg, GStreamer, GDAL, OpenEXR and their own
// dependencies with them: about 190 of the 260 shared libraries a program linked with them
// loads, and nearly all of its start-up time (the dynamic loader binds some 90,000 symbols of
// those libraries before main; a tenth of a second on a PC, ten seconds under emulation). Only a
// camera, an image file or a JPEG needs them, so they are linked into a module of their own,
// station-opencv-io.so, and the station loads it the first time one of those is asked for:
// `station firmware flash`, `station intake` or `station --help` never load it.
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"

namespace rs::devices {

// cv::VideoCapture behind an interface (the module makes it). Same meaning as its methods;
// cv::Exception passes through.
class VideoInput {
public:
    virtual ~VideoInput() = default;
    virtual bool open(int index, int api) = 0;
    virtual bool open(const std::string& location, int api, const std::vector<int>& params) = 0;
    virtual bool is_opened() const = 0;
    virtual bool set(int property, double value) = 0;
    virtual double get(int property) const = 0;
    virtual bool read(cv::Mat& image) = 0;
    virtual void release() = 0;
};

// What the module offers: cv::imread, cv::imwrite, cv::imencode and VideoCapture objects.
class OpenCvIo {
public:
    virtual ~OpenCvIo() = default;
    virtual std::unique_ptr<VideoInput> video_input() const = 0;
    virtual cv::Mat read_image(const std::string& path, int flags) const = 0;
    virtual bool write_image(const std::string& path, const cv::Mat& image) const = 0;
    virtual bool encode_image(const std::string& extension, const cv::Mat& image,
                              const std::vector<int>& params,
                              std::vector<std::uint8_t>& buffer) const = 0;
};

// The module, loaded once (thread-safe) and never unloaded. Searched for in $RS_OPENCV_IO,
// next to the running program, in the installed library folder, then in this build tree. An
// error (the module missing or broken) is returned again on every call, with the places looked
// in.
Result<const OpenCvIo*> opencv_io();

// The function the module exports, and the type of its one object.
inline constexpr const char* k_opencv_io_entry = "rs_opencv_io_v1";
using OpenCvIoEntry = const OpenCvIo* (*)();

}  // namespace rs::devices
