// bench/web: a scan from the bench's (simulated) scanner to the WebSocket message in 20 clients,
// and the order page's API call under 20 concurrent clients, against a real `station run --demo`.
// Targets: scan to screen p99 < 50 ms, API p99 < 20 ms.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    int clients = 20;
    int scans = 200;
    int requests = 200;  // per API client
    std::string station = STATION_BINARY;
};

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

struct Http {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string origin() const { return fmt::format("http://{}:{}", host, port); }
};

// POST /api/v1/session as a person; returns the cookie "rs_session=...".
std::string sign_in(const Http& http, const std::string& badge, const std::string& pin) {
    Poco::Net::HTTPClientSession session(http.host, http.port);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/session",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    std::string body = nlohmann::json{{"badge", badge}, {"pin", pin}}.dump();
    request.setContentType("application/json");
    request.set("Origin", http.origin());
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    std::string cookie = response.get("Set-Cookie", "");
    if (response.getStatus() != 200 || cookie.empty())
        throw std::runtime_error("sign-in failed: " + std::to_string(response.getStatus()));
    return cookie.substr(0, cookie.find(';'));
}

std::string get(Poco::Net::HTTPClientSession& session, const std::string& path,
                const std::string& cookie) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Cookie", cookie);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (response.getStatus() != 200) throw std::runtime_error(path + ": " + body);
    return body;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        int value = std::atoi(argv[i + 1]);
        if (flag == "--clients")
            options.clients = value;
        else if (flag == "--scans")
            options.scans = value;
        else if (flag == "--requests")
            options.requests = value;
    }
    Poco::Pipe in_pipe, out_pipe;
    Poco::ProcessHandle station = Poco::Process::launch(
        options.station, {"run", "--demo", "--port", "0"}, &in_pipe, &out_pipe, nullptr);
    Poco::PipeOutputStream to_scanner(in_pipe);
    Poco::PipeInputStream from_station(out_pipe);
    Http http;
    std::string line;
    std::regex address(R"(web UI at http://([0-9.]+):([0-9]+)/)");
    while (std::getline(from_station, line)) {
        std::smatch match;
        if (std::regex_search(line, match, address)) {
            http.host = match[1];
            http.port = static_cast<std::uint16_t>(std::stoi(match[2]));
            break;
        }
    }
    if (http.port == 0) {
        fmt::print(stderr, "web bench: station run --demo printed no address\n");
        return 1;
    }
    // The rest of the station's output is read (and dropped) so its pipe never fills.
    std::thread drain([&] {
        while (std::getline(from_station, line)) {
        }
    });

    int status = 0;
    try {
        // Scan to screen: 20 pages of the person signed in at the bench, all on its session.
        std::string bench = sign_in(http, "OP-0001U", "1111");
        std::mutex mutex;
        std::map<std::string, Clock::time_point> sent;
        std::vector<double> latencies;
        std::atomic<int> ready{0};
        std::atomic<bool> done{false};
        std::vector<std::thread> clients;
        for (int c = 0; c < options.clients; ++c)
            clients.emplace_back([&] {
                Poco::Net::HTTPClientSession session(http.host, http.port);
                Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/events",
                                               Poco::Net::HTTPMessage::HTTP_1_1);
                request.set("Cookie", bench);
                request.set("Origin", http.origin());
                Poco::Net::HTTPResponse response;
                Poco::Net::WebSocket socket(session, request, response);
                socket.setReceiveTimeout(Poco::Timespan(0, 200'000));
                ++ready;
                std::vector<char> buffer(65536);
                while (!done) {
                    int flags = 0, got = 0;
                    try {
                        got = socket.receiveFrame(buffer.data(), static_cast<int>(buffer.size()),
                                                  flags);
                    } catch (const Poco::TimeoutException&) {
                        continue;
                    }
                    if (got <= 0) break;
                    auto now = Clock::now();
                    auto event =
                        nlohmann::json::parse(std::string(buffer.data(), got), nullptr, false);
                    if (!event.is_object() || event.value("type", "") != "scan") continue;
                    std::lock_guard lock(mutex);
                    auto found = sent.find(event["data"].value("code", ""));
                    if (found != sent.end())
                        latencies.push_back(
                            std::chrono::duration<double, std::milli>(now - found->second).count());
                }
                socket.shutdown();
            });
        while (ready < options.clients)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        for (int i = 0; i < options.scans; ++i) {
            std::string code = fmt::format("BENCHWEB{:06}", i);
            {
                std::lock_guard lock(mutex);
                sent[code] = Clock::now();
            }
            to_scanner << code << "\n" << std::flush;
            std::this_thread::sleep_for(std::chrono::milliseconds(15));
        }
        for (int wait = 0; wait < 100; ++wait) {
            {
                std::lock_guard lock(mutex);
                if (latencies.size() >= static_cast<std::size_t>(options.scans * options.clients))
                    break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        done = true;
        for (auto& client : clients)
            client.join();
        std::size_t expected = static_cast<std::size_t>(options.scans * options.clients);
        if (latencies.size() != expected)
            throw std::runtime_error(
                fmt::format("{} of {} scan messages arrived", latencies.size(), expected));

        // The order page's call under 20 concurrent clients, each on its own keep-alive
        // connection, all signed in as the technician.
        std::string tech = sign_in(http, "OP-0002S", "2222");
        Poco::Net::HTTPClientSession list_session(http.host, http.port);
        auto orders = nlohmann::json::parse(get(list_session, "/api/v1/orders", tech))["orders"];
        if (orders.empty()) throw std::runtime_error("the demo station has no order");
        std::vector<double> api;
        std::vector<std::thread> callers;
        for (int c = 0; c < options.clients; ++c)
            callers.emplace_back([&, c] {
                Poco::Net::HTTPClientSession session(http.host, http.port);
                std::vector<double> mine;
                for (int r = 0; r < options.requests; ++r) {
                    std::string number =
                        orders[static_cast<std::size_t>(c + r) % orders.size()]["number"];
                    auto start = Clock::now();
                    get(session, "/api/v1/orders/" + number, tech);
                    mine.push_back(
                        std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                }
                std::lock_guard lock(mutex);
                api.insert(api.end(), mine.begin(), mine.end());
            });
        for (auto& caller : callers)
            caller.join();

        double scan_p50 = percentile(latencies, 0.5), scan_p99 = percentile(latencies, 0.99);
        double api_p50 = percentile(api, 0.5), api_p99 = percentile(api, 0.99);
        fmt::print(
            "scan to screen ({} scans x {} clients): p50 {:.1f} ms, p99 {:.1f} ms   target "
            "p99 < 50 ms: {}\n",
            options.scans, options.clients, scan_p50, scan_p99,
            scan_p99 < 50 ? "holds" : fmt::format("missed by {:.1f} ms", scan_p99 - 50));
        fmt::print(
            "order page API ({} clients x {} calls): p50 {:.1f} ms, p99 {:.1f} ms   target "
            "p99 < 20 ms: {}\n",
            options.clients, options.requests, api_p50, api_p99,
            api_p99 < 20 ? "holds" : fmt::format("missed by {:.1f} ms", api_p99 - 20));
        fmt::print("RESULT web scan_to_screen_p99_ms={:.1f} api_p99_ms={:.1f} clients={}\n",
                   scan_p99, api_p99, options.clients);
    } catch (const std::exception& error) {
        fmt::print(stderr, "web bench: {}\n", error.what());
        status = 1;
    }
    Poco::Process::requestTermination(station.id());
    to_scanner.close();
    station.wait();
    drain.join();
    return status;
}
