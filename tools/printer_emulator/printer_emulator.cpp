// PrinterEmulator: one connection at a time on the print port (as a Zebra's raw port serves),
// a control port on its own thread, labels written to files as they print.
#include "tools/printer_emulator/printer_emulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/logger.h"
#include "devices/printer/zpl_status_protocol.h"

namespace rs::tools {
namespace {

const Logger k_log("emulator");

Result<int> listen_on(const std::string& address, int port, int& bound_port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(ErrorCode::Io, "cannot create a socket", "emulator");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(static_cast<std::uint16_t>(port));
    if (inet_pton(AF_INET, address.c_str(), &local.sin_addr) != 1) {
        ::close(fd);
        return fail(ErrorCode::Invalid, fmt::format("\"{}\" is not an IPv4 address", address),
                    "emulator");
    }
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::listen(fd, 16) != 0) {
        std::string reason = std::strerror(errno);
        ::close(fd);
        return fail(ErrorCode::Io, fmt::format("cannot listen on {}:{}: {}", address, port, reason),
                    "emulator");
    }
    socklen_t size = sizeof local;
    getsockname(fd, reinterpret_cast<sockaddr*>(&local), &size);
    bound_port = ntohs(local.sin_port);
    return fd;
}

void send_all(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

// Waits for a connection on `fd` or a wake-up; -1 when stopping.
int accept_or_stop(int fd, int wake, const std::atomic<bool>& stop) {
    while (!stop) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
        if (::poll(fds, 2, 500) <= 0) continue;
        if (fds[1].revents) return -1;
        int client = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) return client;
    }
    return -1;
}

}  // namespace

Result<std::unique_ptr<PrinterEmulator>> PrinterEmulator::start(EmulatorOptions options) {
    std::unique_ptr<PrinterEmulator> emulator(new PrinterEmulator(std::move(options)));
    if (!emulator->m_options.label_dir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(emulator->m_options.label_dir, error);
        if (error)
            return fail(
                ErrorCode::Io,
                fmt::format("cannot create {}: {}", emulator->m_options.label_dir, error.message()),
                "emulator");
    }
    auto listening =
        listen_on(emulator->m_options.bind, emulator->m_options.port, emulator->m_port);
    if (!listening) return std::unexpected(listening.error());
    emulator->m_listen = *listening;
    if (emulator->m_options.control_port >= 0) {
        auto control = listen_on(emulator->m_options.bind, emulator->m_options.control_port,
                                 emulator->m_control_port);
        if (!control) return std::unexpected(control.error());
        emulator->m_control_listen = *control;
    }
    if (::pipe2(emulator->m_wake, O_CLOEXEC) != 0)
        return fail(ErrorCode::Io, "cannot create a pipe", "emulator");
    emulator->m_thread = std::thread([raw = emulator.get()] { raw->serve(); });
    if (emulator->m_control_listen >= 0)
        emulator->m_control_thread = std::thread([raw = emulator.get()] { raw->serve_control(); });
    return emulator;
}

PrinterEmulator::~PrinterEmulator() {
    stop();
}

void PrinterEmulator::stop() {
    if (m_stop.exchange(true)) return;
    if (m_wake[1] >= 0) {
        char byte = 1;
        [[maybe_unused]] auto ignored = ::write(m_wake[1], &byte, 1);
    }
    if (m_thread.joinable()) m_thread.join();
    if (m_control_thread.joinable()) m_control_thread.join();
    for (int fd : {m_listen, m_control_listen, m_wake[0], m_wake[1]})
        if (fd >= 0) ::close(fd);
}

bool PrinterEmulator::faulted() const {
    return m_paper_out || m_head_open || m_paused;
}

void PrinterEmulator::print_waiting() {
    while (!faulted() && !m_waiting.empty()) {
        std::string format = std::move(m_waiting.front());
        m_waiting.erase(m_waiting.begin());
        m_printed_labels += format_copies(format);
        m_last_printed_at = std::chrono::steady_clock::now();
        m_printed.push_back(format);
        if (!m_options.label_dir.empty()) {
            auto path = std::filesystem::path(m_options.label_dir) /
                        fmt::format("{:05}.zpl", m_printed.size());
            std::ofstream(path, std::ios::binary) << format;
        }
        k_log.debug("printed label {} ({} copies)", m_printed.size(), format_copies(format));
    }
}

void PrinterEmulator::serve() {
    while (!m_stop) {
        int client = accept_or_stop(m_listen, m_wake[0], m_stop);
        if (client < 0) return;
        handle(client);
        ::close(client);
    }
}

void PrinterEmulator::handle(int fd) {
    char buffer[1024];
    // A host that opens a connection and sends nothing is dropped after a while, as printers do.
    constexpr int k_idle_ms = 10000;
    while (!m_stop) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        int ready = ::poll(fds, 2, k_idle_ms);
        if (ready <= 0 || fds[1].revents) return;
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return;
        std::string replies;
        bool drop = false;
        int slow = 0;
        {
            std::lock_guard lock(m_mutex);
            std::string_view chunk(buffer, static_cast<std::size_t>(n));
            if (m_drop_after > 0) {
                // Bytes of this chunk to take before the drop, counted from the format's ^XA.
                std::size_t room = std::string_view::npos;
                if (m_stream.partial())
                    room = m_drop_after > m_stream.partial_size()
                               ? m_drop_after - m_stream.partial_size()
                               : 0;
                else if (auto at = chunk.find("^XA"); at != std::string_view::npos)
                    room = at + m_drop_after;
                if (room != std::string_view::npos && chunk.size() > room) {
                    chunk = chunk.substr(0, room);
                    drop = true;
                    m_drop_after = 0;
                }
            }
            for (auto& event : m_stream.feed(chunk)) {
                devices::PrinterStatus now;
                switch (event.kind) {
                    case ZplEvent::Format:
                        m_waiting.push_back(std::move(event.text));
                        print_waiting();
                        break;
                    case ZplEvent::HostStatus:
                        if (!(m_options.silent_when_faulted && (m_paper_out || m_head_open)))
                            replies += devices::format_host_status(status_locked());
                        break;
                    case ZplEvent::HostQueryErrors:
                        replies += devices::format_hqes(status_locked());
                        break;
                    case ZplEvent::HostIdentification:
                        replies += devices::format_identification(
                            {m_options.model, "V84.20.18Z-EMU", m_options.dots_per_mm, "8192KB"});
                        break;
                    case ZplEvent::CancelAll:
                        m_stream.cancel_partial();
                        m_waiting.clear();
                        k_log.debug("~JA: buffer cleared");
                        break;
                    case ZplEvent::Unknown:
                        break;
                }
            }
            slow = m_slow_ms_per_kib;
        }
        if (!replies.empty()) send_all(fd, replies);
        if (drop) {
            k_log.debug("dropping the connection mid-job, as told");
            linger hard{1, 0};  // reset, not a polite close: the host sees the drop
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            return;
        }
        if (slow > 0) std::this_thread::sleep_for(std::chrono::milliseconds(slow * n / 1024 + 1));
    }
}

devices::PrinterStatus PrinterEmulator::status() const {
    std::lock_guard lock(m_mutex);
    return status_locked();
}

devices::PrinterStatus PrinterEmulator::status_locked() const {
    devices::PrinterStatus status;
    status.answered = true;
    status.paper_out = m_paper_out;
    status.head_open = m_head_open;
    status.paused = m_paused;
    status.partial_format = m_stream.partial();
    status.formats_in_buffer = static_cast<int>(m_waiting.size());
    for (const auto& format : m_waiting)
        status.labels_remaining += format_copies(format);
    status.label_length_dots = 1218;
    return status;
}

void PrinterEmulator::set_fault(bool PrinterEmulator::*fault, bool on) {
    std::lock_guard lock(m_mutex);
    this->*fault = on;
    print_waiting();
}

void PrinterEmulator::set_paper_out(bool on) {
    set_fault(&PrinterEmulator::m_paper_out, on);
}

void PrinterEmulator::set_head_open(bool on) {
    set_fault(&PrinterEmulator::m_head_open, on);
}

void PrinterEmulator::set_paused(bool on) {
    set_fault(&PrinterEmulator::m_paused, on);
}

void PrinterEmulator::set_slow(int ms_per_kib) {
    std::lock_guard lock(m_mutex);
    m_slow_ms_per_kib = std::max(0, ms_per_kib);
}

void PrinterEmulator::drop_next_job_after(std::size_t bytes) {
    std::lock_guard lock(m_mutex);
    m_drop_after = std::max<std::size_t>(bytes, 1);
}

void PrinterEmulator::power_cycle() {
    std::lock_guard lock(m_mutex);
    m_stream.cancel_partial();
    m_waiting.clear();
}

int PrinterEmulator::printed_labels() const {
    std::lock_guard lock(m_mutex);
    return m_printed_labels;
}

std::chrono::steady_clock::time_point PrinterEmulator::last_printed_at() const {
    std::lock_guard lock(m_mutex);
    return m_last_printed_at;
}

std::vector<std::string> PrinterEmulator::printed_formats() const {
    std::lock_guard lock(m_mutex);
    return m_printed;
}

std::string PrinterEmulator::control(const std::string& command) {
    std::istringstream words(command);
    std::string verb, argument;
    words >> verb >> argument;
    bool on = argument == "on" || argument == "1" || argument == "true";
    bool off = argument == "off" || argument == "0" || argument == "false";
    auto number = [&]() -> long {
        try {
            return std::stol(argument);
        } catch (const std::exception&) {
            return -1;
        }
    };
    if ((verb == "paper-out" || verb == "head-open" || verb == "pause") && !(on || off))
        return fmt::format("error: {} takes on or off", verb);
    if (verb == "paper-out") {
        set_paper_out(on);
    } else if (verb == "head-open") {
        set_head_open(on);
    } else if (verb == "pause") {
        set_paused(on);
    } else if (verb == "slow") {
        if (number() < 0) return "error: slow takes milliseconds per KiB";
        set_slow(static_cast<int>(number()));
    } else if (verb == "drop") {
        if (number() <= 0) return "error: drop takes a byte count";
        drop_next_job_after(static_cast<std::size_t>(number()));
    } else if (verb == "reset") {
        power_cycle();
    } else if (verb == "printed") {
        return fmt::format("ok printed={}", printed_labels());
    } else if (verb != "status") {
        return "error: commands are paper-out|head-open|pause on|off, slow MS, drop BYTES, "
               "reset, status, printed";
    }
    auto now = status();
    return fmt::format("ok paper_out={} head_open={} paused={} partial={} waiting={} printed={}",
                       now.paper_out ? 1 : 0, now.head_open ? 1 : 0, now.paused ? 1 : 0,
                       now.partial_format ? 1 : 0, now.formats_in_buffer, printed_labels());
}

void PrinterEmulator::serve_control() {
    while (!m_stop) {
        int client = accept_or_stop(m_control_listen, m_wake[0], m_stop);
        if (client < 0) return;
        std::string line;
        char c;
        while (::recv(client, &c, 1, 0) == 1) {
            if (c == '\n') {
                send_all(client, control(line) + "\n");
                line.clear();
            } else if (c != '\r') {
                line.push_back(c);
            }
        }
        ::close(client);
    }
}

}  // namespace rs::tools
