// `station benches add|list`: the benches of a center whose agents (`station bench`) may deliver
// scans to this server, each with a token of its own.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "station/bench/bench_registry.h"
#include "station/cli/cli_context.h"

namespace rs::cli {
namespace {

// The token into a new file only this user reads: it never shows on a terminal or in `ps`.
Status write_token_file(const std::string& path, const std::string& token) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(
            ErrorCode::Io,
            fmt::format("cannot create {} (it must not exist yet): {}", path, std::strerror(errno)),
            "cli");
    std::string line = token + "\n";
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced)
        return fail(ErrorCode::Io, fmt::format("cannot write {}", path), "cli");
    return {};
}

void add_add(CLI::App& command, CliContext& context) {
    struct Options {
        std::string name, by, token_file;
    };
    auto options = std::make_shared<Options>();
    auto* add = command.add_subcommand(
        "add",
        "Register a bench by NAME and make its agent's token; the token is shown once (or "
        "written to --token-file) and only its SHA-256 is kept");
    add->add_option("NAME", options->name, "The bench's name, e.g. receiving-1")->required();
    add->add_option("--token-file", options->token_file,
                    "Write the token to this new file (mode 0600) instead of printing it");
    add->add_option("--operator", options->by,
                    "Badge of the supervisor who adds it (or STATION_OPERATOR); the PIN is asked");
    add->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        auto by = people_admin(context, *store, options->by, "");
        if (!by) return;
        auto added = station::add_bench(*store, options->name);
        if (!added) return context.report(added.error());
        if (!options->token_file.empty()) {
            if (auto written = write_token_file(options->token_file, added->token); !written)
                return context.report({written.error().code,
                                       written.error().message +
                                           "; the bench is registered: remove nothing, run "
                                           "`station benches add` with another name",
                                       "cli"});
            fmt::print("bench {} registered; its token is in {}\n", added->bench.name,
                       options->token_file);
            return;
        }
        fmt::print(
            "bench {} registered; its token, shown this once (put it in the agent's [bench] "
            "token_file):\n{}\n",
            added->bench.name, added->token);
    });
}

void add_list(CLI::App& command, CliContext& context) {
    auto* list = command.add_subcommand("list", "The registered benches (never their tokens)");
    list->callback([&context] {
        auto store = context.open_store();
        if (!store) return;
        auto benches = station::list_benches(*store);
        if (!benches) return context.report(benches.error());
        if (benches->empty()) fmt::print("no benches registered (station benches add NAME)\n");
        for (const auto& bench : *benches)
            fmt::print("{}\n", bench.name);
    });
}

}  // namespace

void add_benches_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "benches",
        "The benches of a center: each runs `station bench`, which delivers its scanners' scans "
        "to this server with the bench's own token");
    command->require_subcommand(1);
    add_add(*command, context);
    add_list(*command, context);
}

}  // namespace rs::cli
