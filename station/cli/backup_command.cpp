// `station backup FILE` and `station restore FILE`: whole-store copies (docs/backup.md).
#include <fmt/format.h>

#include "station/cli/cli_context.h"
#include "station/store/store_backup.h"

namespace rs::cli {
namespace {

// "copied 40%" on stderr at each tenth: a large store takes a while.
store::CopyProgress tenths(const char* what) {
    auto last = std::make_shared<int>(-1);
    return [what, last](int copied, int total) {
        if (total <= 0) return;
        int tenth = copied * 10 / total;
        if (tenth == *last) return;
        *last = tenth;
        fmt::print(stderr, "station: {} {}%\n", what, tenth * 10);
    };
}

}  // namespace

void add_backup_commands(CLI::App& app, CliContext& context) {
    auto target = std::make_shared<std::string>();
    auto* backup = app.add_subcommand(
        "backup",
        "Copy the whole store into FILE while the station may go on working (SQLite's online "
        "backup): one consistent snapshot, checked, readable by its owner only. FILE must not "
        "exist");
    backup->add_option("FILE", *target, "The backup file to write")->required();
    backup->callback([&context, target] {
        auto store = context.open_store();
        if (!store) return;
        if (auto done = station::backup_store(*store, *target, tenths("backup")); !done)
            return context.report(done.error());
        fmt::print("backup of {} written to {}\n", context.store_path(), *target);
    });

    auto source = std::make_shared<std::string>();
    auto* restore = app.add_subcommand(
        "restore",
        "Put the backup FILE in place of the store: stop `station run` and every other station "
        "command first. The backup must pass a full integrity check and must not be newer than "
        "this program; the store it replaces is kept beside it (renamed), never deleted");
    restore->add_option("FILE", *source, "The backup file to restore")->required();
    restore->callback([&context, source] {
        std::string store_path = context.store_path();
        auto restored = station::restore_store(*source, store_path,
                                               SystemClock::instance().now_ms(), tenths("restore"));
        if (!restored) return context.report(restored.error());
        if (!restored->kept.empty())
            fmt::print("the store it replaced is kept as {}\n", restored->kept);
        // Opening brings an older backup up to this program's schema, and checks it once more.
        auto store = context.open_store();
        if (!store) return;
        fmt::print("{} restored from {}\n", store_path, *source);
    });
}

}  // namespace rs::cli
