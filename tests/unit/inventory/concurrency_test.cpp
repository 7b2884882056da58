// Concurrency: several real processes reserve the last units of one part on one store file.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "inventory/ledger.h"
#include "inventory/receiving.h"
#include "inventory/reservations.h"
#include "inventory_fixture.h"

using namespace rs;
using namespace rs::inventory;

namespace {
// Child process body: exit 0 reserved, 1 backordered, 2 failed. Never returns.
[[noreturn]] void reserve_in_child(const std::string& path, int read_fd, int index) {
    char go = 0;
    if (::read(read_fd, &go, 1) != 1) ::_exit(2);
    auto db = store::Database::open(path);
    if (!db) ::_exit(2);
    ManualClock clock{1'763'900'000'000};
    Inventory inv(*db, clock);
    auto r = reserve(inv, {fmt::format("RO-{}", index), test::sku("LAST"), 1, "", "OP"});
    if (!r) ::_exit(2);
    ::_exit(r->reserved == 1 ? 0 : 1);
}
}  // namespace

TEST_CASE("processes racing for the last units never oversell, and each gets an answer") {
    constexpr int k_processes = 8;
    constexpr int k_units = 3;
    test::InventoryFixture f;
    auto part = f.add_part("LAST", Tracking::None);
    f.add_bin("A");
    REQUIRE(receive(*f.inv, {test::bin("A"), test::sku("LAST"), k_units, std::nullopt, "", ""}));
    int gate[2];
    REQUIRE(::pipe(gate) == 0);
    std::vector<pid_t> children;
    for (int i = 0; i < k_processes; ++i) {
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(gate[1]);
            reserve_in_child(f.dir.store("inv.db"), gate[0], i);
        }
        children.push_back(pid);
    }
    ::close(gate[0]);
    // One byte per child, all at once: they start together.
    std::string bytes(k_processes, 'g');
    REQUIRE(::write(gate[1], bytes.data(), bytes.size()) == k_processes);
    ::close(gate[1]);
    int reserved = 0, backordered = 0, failed = 0;
    for (pid_t pid : children) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFEXITED(status));
        int code = WEXITSTATUS(status);
        (code == 0 ? reserved : code == 1 ? backordered : failed)++;
    }
    CHECK(failed == 0);
    CHECK(reserved == k_units);
    CHECK(backordered == k_processes - k_units);
    auto stock = part_stock(*f.inv, part);
    REQUIRE(stock);
    CHECK(stock->reserved == k_units);
    CHECK(stock->available() == 0);
    CHECK(open_backorders(*f.inv)->size() == static_cast<std::size_t>(k_processes - k_units));
    f.check();
}
