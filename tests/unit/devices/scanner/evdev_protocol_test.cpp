// Tests of evdev decoding: input_event records written to a real pipe, read back in pieces.
#include <catch2/catch.hpp>

#include <linux/input.h>
#include <unistd.h>

#include <cstring>

#include "devices/scanner/evdev_protocol.h"

using namespace rs;
using namespace rs::devices;

namespace {

input_event event(std::uint16_t type, std::uint16_t code, std::int32_t value, long ms) {
    input_event e;
    std::memset(&e, 0, sizeof(e));
    e.input_event_sec = ms / 1000;
    e.input_event_usec = (ms % 1000) * 1000;
    e.type = type;
    e.code = code;
    e.value = value;
    return e;
}

// What the kernel's hid-input sends for one key typed by a scanner: MSC_SCAN, key down, SYN,
// key up, SYN.
void type_key(std::vector<input_event>& events, std::uint16_t code, long& ms) {
    events.push_back(event(EV_MSC, MSC_SCAN, 0x70004, ms));
    events.push_back(event(EV_KEY, code, 1, ms));
    events.push_back(event(EV_SYN, SYN_REPORT, 0, ms));
    events.push_back(event(EV_KEY, code, 0, ms + 1));
    events.push_back(event(EV_SYN, SYN_REPORT, 0, ms + 1));
    ms += 2;
}

}  // namespace

TEST_CASE("evdev: key events through a pipe decode like keyboard reports") {
    std::vector<input_event> events;
    long ms = 5000;
    type_key(events, KEY_LEFTSHIFT, ms);  // a modifier alone types nothing
    events.push_back(event(EV_KEY, KEY_LEFTSHIFT, 1, ms));
    type_key(events, KEY_S, ms);
    events.push_back(event(EV_KEY, KEY_LEFTSHIFT, 0, ms));
    type_key(events, KEY_1, ms);
    type_key(events, KEY_1, ms);  // repeated character: two presses
    events.push_back(event(EV_KEY, KEY_LEFTCTRL, 1, ms));
    type_key(events, KEY_RIGHTBRACE, ms);  // Ctrl+] = GS
    events.push_back(event(EV_KEY, KEY_LEFTCTRL, 0, ms));
    type_key(events, KEY_KP7, ms);
    events.push_back(event(EV_KEY, KEY_A, 2, ms));  // autorepeat is ignored
    type_key(events, KEY_ENTER, ms);

    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(events.data());
    std::size_t size = events.size() * sizeof(input_event);
    REQUIRE(write(fds[1], bytes, size) == static_cast<ssize_t>(size));
    close(fds[1]);

    EvdevDecoder decoder;
    std::vector<Scan> scans;
    std::uint8_t buffer[37];  // not a multiple of the record size: records arrive split
    ssize_t got;
    while ((got = read(fds[0], buffer, sizeof(buffer))) > 0) {
        for (auto& result : decoder.feed(std::span(buffer, static_cast<std::size_t>(got)))) {
            REQUIRE(result.has_value());
            scans.push_back(*result);
        }
    }
    close(fds[0]);
    REQUIRE(scans.size() == 1);
    CHECK(scans[0].text ==
          "S11\x1d"
          "7");
    CHECK(scans[0].time_ms >= 5000);
}

TEST_CASE("evdev: an unknown key breaks the code with an error") {
    std::vector<input_event> events;
    long ms = 0;
    type_key(events, KEY_A, ms);
    type_key(events, KEY_F5, ms);
    type_key(events, KEY_B, ms);
    type_key(events, KEY_ENTER, ms);
    EvdevDecoder decoder;
    auto out = decoder.feed(std::span(reinterpret_cast<const std::uint8_t*>(events.data()),
                                      events.size() * sizeof(input_event)));
    REQUIRE(out.size() == 1);
    CHECK_FALSE(out[0].has_value());
}
