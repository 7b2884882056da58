#!/usr/bin/env bash
# The station program starts without the libraries only a few commands need (docs/architecture.md,
# "Heavy libraries are loaded on first use"): OpenCV's video and image codecs and libcups are
# loaded when used, so neither they nor what they bring (FFmpeg, GDAL, GnuTLS...) are in what
# the dynamic loader loads at start, as ldd lists it.
#   startup_libraries.sh STATION
set -uo pipefail
libraries=$(ldd "$1") || {
    echo "ldd cannot read $1" >&2
    exit 1
}
count=$(grep -c '=>' <<< "$libraries")
echo "$1 loads $count shared libraries at start"
status=0
for unwanted in libopencv_videoio libopencv_imgcodecs libcups libavcodec libgstreamer libgdal libgnutls; do
    if grep -q "$unwanted" <<< "$libraries"; then
        echo "FAIL: $1 loads $unwanted at start" >&2
        status=1
    fi
done
# The rest (OpenCV's core, Poco, SQLite, libusb... and theirs) is about 45; 261 before.
if ((count > 80)); then
    echo "FAIL: $count shared libraries at start (expected about 45)" >&2
    status=1
fi
exit $status
