// bench/center: a repair center under load. One `station server` on PostgreSQL, and one
// `station bench` agent per bench (real processes on loopback, each with a simulated scanner
// fed through its standard input). At every bench the technician signed in there scans
// parcels in (the agent journals and delivers each scan; the result appears on the bench's
// screen, with the parcel's repair-order tag queued for printing) and takes parts for the phones
// they repair from the one stockroom every bench draws on: reserve, pick, consume. One of the
// parts is scarce, so the benches fight over its last units.
//
// Figures: scan -> result on the bench's screen (p50, p99, against the 100 ms target),
// operations per second, and what the store holds afterwards: no unit handed out beyond the
// stock (oversold), no parcel or reservation missing (lost) or made twice (duplicated).
// See bench/README.md.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/center_client.h"
#include "bench/center_seed.h"
#include "common/logger.h"
#include "common/store/database.h"
#include "inventory/catalog.h"
#include "inventory/invariants.h"
#include "inventory/ledger.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Options {
    rs::bench::CenterPlan plan;
    int pace_ms = 1000;  // in the paced phase, each bench starts one operation this often
    std::string store;   // a PostgreSQL URL; empty: a cluster of our own
    bool keep = false;
};

const char* k_usage =
    "usage: center [--benches N] [--parcels N] [--repairs N] [--scarce N] [--pace-ms N]\n"
    "              [--store postgresql://...] [--keep]\n"
    "  --benches   bench agents, one `station bench` process each (default 50)\n"
    "  --parcels   parcels each bench scans in (default 20)\n"
    "  --repairs   phones in repair per bench, each taking a scarce and a plain part (default 10)\n"
    "  --scarce    units of the scarce part (default 60 % of the repairs)\n"
    "  --pace-ms   in the first half, each bench starts an operation this often (default\n"
    "              1000: 50 operations/s from 50 benches); the second half runs back to back\n"
    "  --store     an empty PostgreSQL database to use; default: a throw-away cluster of our\n"
    "              own (tests/postgres/cluster.sh), with PostgreSQL's durable settings\n"
    "  --keep      keep the work folder (configurations, logs, journals)\n";

bool parse_options(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            fmt::print("{}", k_usage);
            std::exit(0);
        }
        if (flag == "--keep") {
            options.keep = true;
            continue;
        }
        if (i + 1 >= argc) return false;
        std::string value = argv[++i];
        auto number = [&](auto& out, long low) {
            char* end = nullptr;
            long parsed = std::strtol(value.c_str(), &end, 10);
            if (!end || *end || parsed < low) return false;
            out = static_cast<std::remove_reference_t<decltype(out)>>(parsed);
            return true;
        };
        bool ok = flag == "--benches"   ? number(options.plan.benches, 1)
                  : flag == "--parcels" ? number(options.plan.parcels, 0)
                  : flag == "--repairs" ? number(options.plan.repairs, 0)
                  : flag == "--scarce"  ? number(options.plan.scarce_units, 1)
                  : flag == "--pace-ms" ? number(options.pace_ms, 0)
                  : flag == "--store"   ? (options.store = value, true)
                                        : false;
        if (!ok) return false;
    }
    return true;
}

void say(const std::string& line) {
    fmt::print("{}\n", line);
    std::fflush(stdout);
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

int free_port() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

// Waits until `log` holds `line`; false when `process` ended first or after `limit`.
bool wait_for_line(const fs::path& log, const std::string& line, const Poco::ProcessHandle& process,
                   std::chrono::seconds limit) {
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
        if (read_file(log).find(line) != std::string::npos) return true;
        if (!Poco::Process::isRunning(process)) return false;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

// A program of ours in the background, its output in `log`, its standard input ours to write.
struct Child {
    std::unique_ptr<Poco::Pipe> input = std::make_unique<Poco::Pipe>();
    std::unique_ptr<Poco::ProcessHandle> handle;
    std::unique_ptr<Poco::PipeOutputStream> to_stdin;
    fs::path log;

    Child(const std::string& program, std::vector<std::string> args, fs::path log_file)
        : log(std::move(log_file)) {
        // The shell only redirects the output to the log; exec leaves our program in its place.
        args.insert(args.begin(), {"-c", "log=$1; shift; exec \"$@\" > \"$log\" 2>&1", "sh",
                                   log.string(), program});
        handle = std::make_unique<Poco::ProcessHandle>(
            Poco::Process::launch("/bin/sh", args, input.get(), nullptr, nullptr));
        to_stdin = std::make_unique<Poco::PipeOutputStream>(*input);
    }
    ~Child() { stop(); }
    void stop() {
        if (!handle) return;
        if (Poco::Process::isRunning(*handle)) Poco::Process::requestTermination(handle->id());
        handle->wait();
        handle.reset();
    }
};

// The throw-away PostgreSQL cluster of tests/postgres/cluster.sh, with PostgreSQL's own durable
// settings (RS_POSTGRES_DURABLE): a center does not run with fsync off.
struct OwnCluster {
    fs::path state;
    std::string url;

    explicit OwnCluster(fs::path folder) : state(std::move(folder)) {
        ::setenv("RS_POSTGRES_DURABLE", "1", 1);
        std::string command =
            fmt::format("'{}' start '{}' > /dev/null", CLUSTER_SCRIPT, state.string());
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error(
                "the PostgreSQL cluster did not start (tests/postgres/cluster.sh)");
        url = read_file(state / "url");
        url.erase(url.find_last_not_of("\n") + 1);
    }
    ~OwnCluster() {
        std::string command = fmt::format("'{}' stop '{}'", CLUSTER_SCRIPT, state.string());
        if (std::system(command.c_str()) != 0) say("center: the cluster did not stop cleanly");
    }
};

// What the benches did, as the server answered them.
struct Tally {
    std::mutex mutex;
    std::vector<double> scan_ms;
    std::int64_t operations = 0;
    std::int64_t parcels_received = 0, scans_unanswered = 0, scans_refused = 0;
    std::int64_t scarce_reserved = 0, plain_reserved = 0, backordered = 0;
    std::int64_t picked = 0, consumed = 0, refused = 0;
    std::vector<std::string> problems;  // the first few, word for word

    void problem(const std::string& what) {
        std::lock_guard lock(mutex);
        if (problems.size() < 5) problems.push_back(what);
    }
};

// Which of a bench's parcels and repairs a phase of the run takes: [from, to) of each list.
struct Portion {
    std::size_t parcels_from, parcels_to, repairs_from, repairs_to;
};

// One bench's share of a phase: its parcels and repairs interleaved, one operation every
// `pace` (0: back to back), the first after `offset`.
void work_at_bench(const rs::bench::SeededBench& bench, const rs::bench::SeededCenter& center,
                   rs::bench::BenchScreen& screen, Child& agent, const Portion& portion,
                   std::chrono::milliseconds pace, std::chrono::milliseconds offset, Tally& tally) {
    // People do not act in step: each bench starts at its own moment within the first pace.
    auto next = Clock::now() + offset;
    std::this_thread::sleep_until(next);
    auto paced = [&] {
        next += pace;
        std::this_thread::sleep_until(next);
    };
    auto count = [&](std::int64_t& counter, std::int64_t by = 1) {
        std::lock_guard lock(tally.mutex);
        counter += by;
        ++tally.operations;
    };
    const std::size_t rounds = std::max(portion.parcels_to - portion.parcels_from,
                                        portion.repairs_to - portion.repairs_from);
    for (std::size_t round = 0; round < rounds; ++round) {
        if (std::size_t i = portion.parcels_from + round; i < portion.parcels_to) {
            const std::string& code = bench.parcels[i];
            auto sent = Clock::now();
            *agent.to_stdin << code << "\n" << std::flush;
            auto result = screen.wait_for_scan(code, 30s);
            double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
            std::lock_guard lock(tally.mutex);
            ++tally.operations;
            if (!result) {
                ++tally.scans_unanswered;
            } else {
                tally.scan_ms.push_back(ms);
                if (result->value("outcome", "") == "received")
                    ++tally.parcels_received;
                else
                    ++tally.scans_refused;
            }
            if (!result || result->value("outcome", "") != "received")
                if (tally.problems.size() < 5)
                    tally.problems.push_back(fmt::format("{} {}: {}", bench.name, code,
                                                         result ? result->dump() : "no answer"));
            paced();
        }
        if (std::size_t i = portion.repairs_from + round; i < portion.repairs_to) {
            const std::string parts = "/api/v1/orders/" + bench.repairs[i] + "/parts";
            // The plain part first: a shortage of the scarce one sends the order to wait.
            bool short_of_parts = false;
            for (const auto* sku : {&center.plain_sku, &center.scarce_sku}) {
                auto reply = rs::bench::Reply{};
                reply = screen.post(parts, {{"sku", *sku}, {"qty", 1}});
                if (reply.status != 200) {
                    tally.problem(
                        fmt::format("reserve {}: {} {}", *sku, reply.status, reply.body.dump()));
                    count(tally.refused);
                    short_of_parts = true;
                    break;
                }
                std::int64_t reserved = reply.body.value("reserved", 0);
                count(*sku == center.scarce_sku ? tally.scarce_reserved : tally.plain_reserved,
                      reserved);
                if (reply.body.value("backordered", 0) > 0) {
                    std::lock_guard lock(tally.mutex);
                    ++tally.backordered;
                    short_of_parts = true;
                }
                paced();
            }
            if (short_of_parts) continue;
            for (const auto* sku : {&center.plain_sku, &center.scarce_sku}) {
                auto reply = screen.post(parts + "/pick", {{"bin", center.bin}, {"part", *sku}});
                if (reply.status != 200)
                    tally.problem(
                        fmt::format("pick {}: {} {}", *sku, reply.status, reply.body.dump()));
                count(reply.status == 200 ? tally.picked : tally.refused);
                paced();
            }
            auto used = screen.post(parts + "/consume", nullptr);
            if (used.status != 200)
                tally.problem(fmt::format("consume: {} {}", used.status, used.body.dump()));
            count(used.status == 200 ? tally.consumed : tally.refused,
                  used.status == 200 ? used.body.value("consumed", 0) : 1);
            paced();
        }
    }
}

// What the store holds after the load, read back directly.
struct Audit {
    std::int64_t orders_missing = 0, orders_doubled = 0;  // parcels scanned in
    std::int64_t tags_missing = 0, tags_doubled = 0;      // their repair-order tags
    std::int64_t scans_waiting = 0;                       // still in an agent's journal
    std::int64_t scarce_handed_out = 0, plain_handed_out = 0;
    std::string invariants = "hold";
    std::int64_t labels = 0;
};

std::int64_t single_number(rs::store::Database& database, const std::string& sql,
                           const std::string& argument = "") {
    auto query = database.prepare(sql);
    if (!query) throw std::runtime_error(query.error().message);
    if (!argument.empty()) query->bind(1, argument);
    std::int64_t value = 0;
    auto read = query->each_row([&](const rs::store::Statement& row) { value = row.int64(0); });
    if (!read) throw std::runtime_error(read.error().message);
    return value;
}

// Scans the agents captured and have not delivered yet, read from their journals.
std::int64_t scans_waiting(const std::vector<fs::path>& journals) {
    std::int64_t waiting = 0;
    for (const auto& journal : journals) {
        auto kept = rs::store::Database::open(journal.string(), {.create = false});
        if (!kept) throw std::runtime_error(kept.error().message);
        waiting +=
            single_number(*kept, "SELECT count(*) FROM journal_scans WHERE delivered_ms IS NULL");
    }
    return waiting;
}

// Units of `sku` reserved now or used up: what the stockroom handed out.
std::int64_t handed_out(rs::inventory::Inventory& inventory, const std::string& sku,
                        std::int64_t received) {
    auto part = rs::inventory::find_part(inventory, sku);
    if (!part) throw std::runtime_error(part.error().message);
    auto stock = rs::inventory::part_stock(inventory, part->id);
    if (!stock) throw std::runtime_error(stock.error().message);
    return stock->reserved + (received - stock->on_hand);
}

Audit audit_store(const std::string& url, const rs::bench::SeededCenter& center,
                  const std::vector<fs::path>& journals) {
    Audit audit;
    auto database = rs::store::Database::open(url, {.create = false});
    if (!database) throw std::runtime_error(database.error().message);
    for (const auto& bench : center.benches)
        for (const auto& rma : bench.parcels) {
            auto orders =
                single_number(*database,
                              "SELECT count(*) FROM repair_orders o JOIN rmas r ON r.id = o.rma_id "
                              "WHERE r.number = ?1",
                              rma);
            audit.orders_missing += orders == 0;
            audit.orders_doubled += std::max<std::int64_t>(0, orders - 1);
            auto tags = single_number(*database,
                                      "SELECT count(*) FROM print_jobs j JOIN repair_orders o ON "
                                      "o.id = j.repair_order_id JOIN rmas r ON r.id = o.rma_id "
                                      "WHERE r.number = ?1 AND j.template = 'ro-tag'",
                                      rma);
            audit.tags_missing += orders > 0 && tags == 0;
            audit.tags_doubled += std::max<std::int64_t>(0, tags - 1);
            audit.labels += tags;
        }
    audit.scans_waiting = scans_waiting(journals);
    rs::inventory::Inventory inventory(*database, rs::SystemClock::instance());
    audit.scarce_handed_out = handed_out(inventory, center.scarce_sku, center.scarce_units);
    audit.plain_handed_out = handed_out(inventory, center.plain_sku, center.plain_units);
    if (auto held = rs::inventory::check_invariants(inventory); !held)
        audit.invariants = held.error().message;
    return audit;
}

// The run's folder (configurations, logs, journals, the cluster's state), removed at the end
// unless kept. Made first, so it goes last: the cluster is stopped through its state in here.
struct WorkFolder {
    fs::path path;
    bool keep;
    explicit WorkFolder(bool keep_it)
        : path(fs::temp_directory_path() / fmt::format("rs-center.{}", ::getpid())), keep(keep_it) {
        fs::create_directories(path);
    }
    ~WorkFolder() {
        if (keep)
            say("  work folder kept: " + path.string());
        else
            fs::remove_all(path);
    }
};

int run(const Options& options) {
    const auto& plan = options.plan;
    WorkFolder work_folder(options.keep);
    const fs::path& work = work_folder.path;
    std::unique_ptr<OwnCluster> cluster;
    std::string url = options.store;
    if (url.empty()) {
        cluster = std::make_unique<OwnCluster>(work / "postgres");
        url = cluster->url;
    }
    say(fmt::format("center: {} benches, {} parcels and {} repairs each; store {}", plan.benches,
                    plan.parcels, plan.repairs, url));
    auto seed_started = Clock::now();
    auto center =
        rs::bench::seed_center(url, plan, [](const std::string& line) { say("  seed: " + line); });
    if (!center) throw std::runtime_error("seeding the center: " + center.error().message);
    say(fmt::format("  seeded in {:.1f} s",
                    std::chrono::duration<double>(Clock::now() - seed_started).count()));

    // The server, printing each parcel's tag into a spool folder.
    const int port = free_port();
    fs::create_directories(work / "labels");
    write_file(work / "server.toml",
               fmt::format("[store]\nurl = \"{}\"\n[web]\nport = {}\n[printers]\nintake_tags = "
                           "\"tags\"\n[[printers.device]]\nname = \"tags\"\ndriver = \"spool\"\n"
                           "path = \"{}\"\n",
                           url, port, (work / "labels").string()));
    Child server(STATION_BINARY, {"server", "--config", (work / "server.toml").string()},
                 work / "server.log");
    if (!wait_for_line(server.log, "web UI and API at", *server.handle, 60s))
        throw std::runtime_error("station server did not start:\n" + read_file(server.log));

    // One agent per bench, its scanner reading our pipe.
    std::vector<std::unique_ptr<Child>> agents;
    std::vector<fs::path> journals;
    for (const auto& bench : center->benches) {
        fs::path folder = work / bench.name;
        fs::create_directories(folder);
        write_file(folder / "token", bench.token + "\n");
        journals.push_back(folder / "journal.db");
        write_file(
            folder / "bench.toml",
            fmt::format("[bench]\nname = \"{}\"\nserver = \"http://127.0.0.1:{}\"\n"
                        "token_file = \"{}\"\njournal = \"{}\"\n"
                        "[[scanners.device]]\nname = \"intake\"\ndriver = \"simulated\"\n"
                        "input = \"-\"\n",
                        bench.name, port, (folder / "token").string(), journals.back().string()));
        agents.push_back(std::make_unique<Child>(
            STATION_BINARY,
            std::vector<std::string>{"bench", "--config", (folder / "bench.toml").string()},
            folder / "agent.log"));
    }
    for (auto& agent : agents)
        if (!wait_for_line(agent->log, "scanner(s) started", *agent->handle, 60s))
            throw std::runtime_error("station bench did not start:\n" + read_file(agent->log));
    say(fmt::format("  station server and {} station bench agents are up", agents.size()));

    // The person at each bench signs in there and opens the bench's screen.
    std::vector<std::unique_ptr<rs::bench::BenchScreen>> screens;
    for (const auto& bench : center->benches)
        screens.push_back(std::make_unique<rs::bench::BenchScreen>("127.0.0.1", port, bench.person,
                                                                   center->pin, bench.name));

    // Two phases over halves of each bench's work: paced, the latency a person at a bench sees
    // under a heavy day's load; then back to back, what the server can take (operations/s).
    Tally tally;
    std::atomic<int> failed{0};
    struct Phase {
        const char* name;
        int pace_ms;
        double seconds = 0;
        std::int64_t operations = 0;
        std::vector<double> scan_ms;
    };
    Phase phases[] = {{"paced", options.pace_ms}, {"back to back", 0}};
    for (int p = 0; p < 2; ++p) {
        Phase& phase = phases[p];
        auto half = [p](std::size_t size) { return p == 0 ? size / 2 : size; };
        auto start_of = [p](std::size_t size) { return p == 0 ? 0 : size / 2; };
        std::int64_t operations_before = tally.operations;
        std::size_t scans_before = tally.scan_ms.size();
        auto started = Clock::now();
        std::vector<std::thread> benches;
        for (std::size_t b = 0; b < center->benches.size(); ++b)
            benches.emplace_back([&, b] {
                const auto& bench = center->benches[b];
                Portion portion{start_of(bench.parcels.size()), half(bench.parcels.size()),
                                start_of(bench.repairs.size()), half(bench.repairs.size())};
                try {
                    const auto pace = std::chrono::milliseconds(phase.pace_ms);
                    work_at_bench(bench, *center, *screens[b], *agents[b], portion, pace,
                                  pace * static_cast<int>(b) / plan.benches, tally);
                } catch (const std::exception& error) {
                    tally.problem(fmt::format("{}: {}", bench.name, error.what()));
                    ++failed;
                }
            });
        for (auto& bench : benches)
            bench.join();
        phase.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        phase.operations = tally.operations - operations_before;
        phase.scan_ms.assign(tally.scan_ms.begin() + static_cast<std::ptrdiff_t>(scans_before),
                             tally.scan_ms.end());
        say(fmt::format(
            "  {}: {} operations in {:.1f} s, {:.0f} ops/s{}; scan -> result p50 "
            "{:.1f} ms, p99 {:.1f} ms",
            phase.name, phase.operations, phase.seconds,
            static_cast<double>(phase.operations) / phase.seconds,
            phase.pace_ms > 0 ? fmt::format(" (each bench one every {} ms: {:.0f} ops/s offered)",
                                            phase.pace_ms, 1000.0 * plan.benches / phase.pace_ms)
                              : "",
            percentile(phase.scan_ms, 0.50), percentile(phase.scan_ms, 0.99)));
    }
    screens.clear();

    // Every agent's journal delivered, then the agents and the server stopped as a person would.
    for (auto deadline = Clock::now() + 30s;
         scans_waiting(journals) > 0 && Clock::now() < deadline;)
        std::this_thread::sleep_for(100ms);
    for (auto& agent : agents)
        agent->stop();
    server.stop();
    Audit audit = audit_store(url, *center, journals);

    // The verdict.
    const std::int64_t parcels = static_cast<std::int64_t>(plan.benches) * plan.parcels;
    const std::int64_t oversold =
        std::max<std::int64_t>(
            0, std::max(tally.scarce_reserved, audit.scarce_handed_out) - center->scarce_units) +
        std::max<std::int64_t>(
            0, std::max(tally.plain_reserved, audit.plain_handed_out) - center->plain_units);
    const std::int64_t lost =
        audit.orders_missing + audit.tags_missing + audit.scans_waiting +
        std::max<std::int64_t>(0, tally.scarce_reserved - audit.scarce_handed_out) +
        std::max<std::int64_t>(0, tally.plain_reserved - audit.plain_handed_out);
    const std::int64_t duplicated =
        audit.orders_doubled + audit.tags_doubled +
        std::max<std::int64_t>(0, audit.scarce_handed_out - tally.scarce_reserved) +
        std::max<std::int64_t>(0, audit.plain_handed_out - tally.plain_reserved);
    // The person's figure comes from the paced phase, the server's from the unpaced one.
    const double p50 = percentile(phases[0].scan_ms, 0.50);
    const double p99 = percentile(phases[0].scan_ms, 0.99);
    const double ops_per_s = static_cast<double>(phases[1].operations) / phases[1].seconds;
    say(fmt::format("  parcels: {} of {} received, {} refused, {} unanswered; {} tags queued",
                    tally.parcels_received, parcels, tally.scans_refused, tally.scans_unanswered,
                    audit.labels));
    say(
        fmt::format("  scan -> result on the bench's screen, paced phase: p50 {:.1f} ms, p99 "
                    "{:.1f} ms (target: p99 < 100 ms){}",
                    p50, p99, p99 < 100 ? "" : fmt::format(", {:.1f}x over", p99 / 100)));
    say(fmt::format(
        "  scarce part: {} units, {} reserved, {} orders short (backordered); "
        "plain part: {} of {} reserved; {} picked, {} used, {} refused",
        center->scarce_units, tally.scarce_reserved, tally.backordered, tally.plain_reserved,
        center->plain_units, tally.picked, tally.consumed, tally.refused));
    say(fmt::format(
        "  store: {} orders missing, {} doubled; {} scans still in journals; ledger "
        "invariants: {}",
        audit.orders_missing, audit.orders_doubled, audit.scans_waiting, audit.invariants));
    for (const auto& problem : tally.problems)
        say("  problem: " + problem);
    say(
        fmt::format("RESULT center benches={} ops_per_s={:.0f} scan_p99_ms={:.1f} oversold={} "
                    "lost={} duplicated={}",
                    plan.benches, ops_per_s, p99, oversold, lost, duplicated));
    bool sound = oversold == 0 && lost == 0 && duplicated == 0 && failed == 0 &&
                 tally.scans_unanswered == 0 && audit.invariants == "hold";
    return sound ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    options.plan.examples_dir = EXAMPLES_DIR;
    rs::set_log_level(rs::LogLevel::Warn);  // the seed's migrations are not news
    if (!parse_options(argc, argv, options)) {
        fmt::print(stderr, "{}", k_usage);
        return 2;
    }
    try {
        return run(options);
    } catch (const std::exception& error) {
        fmt::print(stderr, "center: {}\n", error.what());
        return 1;
    }
}
