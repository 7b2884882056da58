// EmulatorProcess: the printer emulator program on loopback, with its control port, for the tests
// that print through a real socket (printing integration tests, the kill harness).
#pragma once

#include <signal.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "devices/transport/tcp_connection.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/text.h"

namespace rs::test {

class EmulatorProcess {
public:
    // `binary` is the printer_emulator program (its path from the build, e.g. EMULATOR_BINARY).
    explicit EmulatorProcess(const std::string& binary) {
        pid = spawn_process(
            {binary, "--port", "0", "--control-port", "0", "--labels", dir.file("labels")},
            dir.file("emulator.log"));
        // Bounded wait for the line "listening on 127.0.0.1:PORT, control on port PORT".
        for (int i = 0; i < 200 && port == 0; ++i) {
            std::string log = read_text(dir.file("emulator.log"));
            if (std::sscanf(log.c_str(),
                            "printer_emulator: listening on 127.0.0.1:%d, control on port %d",
                            &port, &control_port) != 2)
                port = 0;
            if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        REQUIRE(port != 0);
    }
    ~EmulatorProcess() {
        ::kill(pid, SIGTERM);
        wait_process(pid);
    }
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    // One line on the control port ("printed", "status", "slow 200", "paper-out on", ...).
    std::string control(const std::string& command) {
        auto connection =
            devices::TcpConnection::connect("127.0.0.1", control_port, std::chrono::seconds(2));
        REQUIRE(connection);
        REQUIRE(connection->write_all(command + "\n", std::chrono::seconds(2)));
        auto reply = connection->read_until(
            [](std::string_view text) { return text.find('\n') != std::string_view::npos; },
            std::chrono::seconds(2));
        REQUIRE(reply);
        return *reply;
    }
    // Labels the emulator printed since it started.
    int printed() {
        int count = -1;
        std::sscanf(control("printed").c_str(), "ok printed=%d", &count);
        return count;
    }

    TempDir dir;
    int pid = -1;
    int port = 0;
    int control_port = 0;
};

}  // namespace rs::test
