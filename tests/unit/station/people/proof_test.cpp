// Proof of who acts: PIN outcomes as refusals a person can act on, the set-up window of a fresh
// store, station tokens, and the audit log that never names nobody.
#include <catch2/catch.hpp>

#include "station/people/pins.h"
#include "station/people/proof.h"
#include "station/people/tokens.h"
#include "station/store/journal.h"
#include "tests/support/station_fixture.h"
#include "tests/support/text.h"

namespace rs::station {
namespace {

using test::contains;
using test::StationFixture;
constexpr std::int64_t k_lock_ms = 5 * 60 * 1000;

TEST_CASE("a badge is proven by its PIN and refused with what to do otherwise", "[people]") {
    StationFixture fixture;
    auto& store = *fixture.store;
    auto no_pin = prove_with_pin(store, fixture.technician, "1234", k_lock_ms);
    REQUIRE_FALSE(no_pin);
    CHECK(contains(no_pin.error().message, "has no PIN yet"));
    CHECK(contains(no_pin.error().message, "set-pin"));

    REQUIRE(set_pin(store, fixture.technician, "5820", fixture.supervisor));
    auto proven = prove_with_pin(store, fixture.technician, "5820", k_lock_ms);
    REQUIRE(proven);
    CHECK(proven->id == fixture.technician);

    auto wrong = prove_with_pin(store, fixture.technician, "5821", k_lock_ms);
    REQUIRE_FALSE(wrong);
    CHECK(contains(wrong.error().message, "wrong PIN"));
    CHECK(contains(wrong.error().message, "4 tries left"));

    auto nobody = prove_with_pin(store, "OP-0999X", "5820", k_lock_ms);
    REQUIRE_FALSE(nobody);
    CHECK(contains(nobody.error().message, "nobody at this station"));

    for (int i = 0; i < 4; ++i)
        (void)prove_with_pin(store, fixture.technician, "0000", k_lock_ms);
    auto locked = prove_with_pin(store, fixture.technician, "5820", k_lock_ms);
    REQUIRE_FALSE(locked);  // the right PIN does not help a locked badge
    CHECK(contains(locked.error().message, "locked"));
}

TEST_CASE("a store is open for set-up until a supervisor has a PIN", "[people]") {
    StationFixture fixture;
    auto& store = *fixture.store;
    CHECK(*store_in_setup(store));
    REQUIRE(set_pin(store, fixture.technician, "5820", fixture.supervisor));
    CHECK(*store_in_setup(store));  // a technician's PIN does not close it
    REQUIRE(set_pin(store, fixture.supervisor, "7391", fixture.supervisor));
    CHECK_FALSE(*store_in_setup(store));
}

TEST_CASE("a station token acts as an operator of its own until revoked", "[people]") {
    StationFixture fixture;
    auto& store = *fixture.store;
    auto issued = issue_token(store, "nightly import", Role::Warehouse, fixture.supervisor);
    REQUIRE(issued);
    CHECK(issued->secret.size() == 64);
    CHECK(issued->holder.name == "token: nightly import");
    auto second = issue_token(store, "label robot", Role::Warehouse, fixture.supervisor);
    REQUIRE(second);
    CHECK(second->holder.id != issued->holder.id);
    CHECK(second->secret != issued->secret);

    auto holder = operator_for_token(store, issued->secret);
    REQUIRE(holder);
    CHECK(holder->id == issued->holder.id);
    CHECK(holder->role == Role::Warehouse);
    // The token's operator is known to every check of who acts.
    CHECK(require_operator(store, holder->id, k_people_roles, "test"));

    // Only the secret's hash is stored.
    auto stored = store.db().query_one<std::string>("SELECT hash FROM station_tokens LIMIT 1");
    REQUIRE(stored);
    CHECK(**stored != issued->secret);

    CHECK_FALSE(operator_for_token(store, issued->secret + "0"));
    CHECK_FALSE(operator_for_token(store, ""));
    CHECK_FALSE(issue_token(store, "root", Role::System, fixture.supervisor));
    CHECK_FALSE(issue_token(store, "", Role::Technician, fixture.supervisor));

    REQUIRE(revoke_token(store, issued->holder.id, fixture.supervisor));
    auto revoked = operator_for_token(store, issued->secret);
    REQUIRE_FALSE(revoked);
    CHECK(contains(revoked.error().message, "revoked"));
    CHECK_FALSE(revoke_token(store, issued->holder.id, fixture.supervisor));  // already
    auto audited = store.db().query_one<std::int64_t>(
        "SELECT count(*) FROM audit_log WHERE action IN ('people.token_issued', "
        "'people.token_revoked') AND operator_id = ?1",
        fixture.supervisor);
    CHECK(**audited == 3);
}

TEST_CASE("an audit row that names nobody is refused", "[people]") {
    StationFixture fixture;
    auto& store = *fixture.store;
    Journal journal(store.db(), store.clock(), store.ids());
    auto refused = journal.audit({"", std::nullopt, "test.nobody", std::nullopt, std::nullopt, {}});
    REQUIRE_FALSE(refused);
    CHECK(contains(refused.error().message, "names nobody"));
    CHECK(journal.audit(
        {fixture.supervisor, std::nullopt, "test.somebody", std::nullopt, std::nullopt, {}}));
}

}  // namespace
}  // namespace rs::station
