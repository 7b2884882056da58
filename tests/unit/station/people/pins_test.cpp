// PINs: stored only as salted PBKDF2 hashes, five wrong in a row lock the badge, audited.
#include <catch2/catch.hpp>

#include "station/people/pins.h"
#include "tests/support/station_fixture.h"

namespace rs::station {
namespace {

using test::StationFixture;
constexpr std::int64_t k_lock_ms = 5 * 60 * 1000;

TEST_CASE("a PIN hash is salted, slow and checks only the right PIN", "[people]") {
    auto first = hash_pin("4321", 1000);
    auto second = hash_pin("4321", 1000);
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->salt_hex != second->salt_hex);  // the same PIN hashes differently each time
    CHECK(first->hash_hex != second->hash_hex);
    CHECK(first->hash_hex.size() == 64);
    CHECK(pin_matches("4321", *first));
    CHECK_FALSE(pin_matches("4322", *first));
    CHECK_FALSE(pin_matches("", *first));
    PinHash broken = *first;
    broken.salt_hex = "zz";
    CHECK_FALSE(pin_matches("4321", broken));
}

TEST_CASE("PINs are 4 to 12 digits", "[people]") {
    CHECK(check_pin_format("1234"));
    CHECK(check_pin_format("123456789012"));
    CHECK_FALSE(check_pin_format("123"));
    CHECK_FALSE(check_pin_format("1234567890123"));
    CHECK_FALSE(check_pin_format("12a4"));
}

TEST_CASE("the store keeps the hash, never the PIN", "[people]") {
    StationFixture fixture;
    REQUIRE(set_pin(*fixture.store, fixture.technician, "80417", fixture.supervisor));
    auto rows = fixture.store->db().query_one<std::string>(
        "SELECT salt || iterations || hash FROM operator_pins WHERE operator_id = ?1",
        fixture.technician);
    REQUIRE(rows);
    REQUIRE(*rows);
    CHECK((*rows)->find("80417") == std::string::npos);
    auto audit = fixture.store->db().query_one<std::string>(
        "SELECT detail FROM audit_log WHERE action = 'people.pin_set'");
    REQUIRE(audit);
    REQUIRE(*audit);
    CHECK((*audit)->find("80417") == std::string::npos);
    auto check = check_pin(*fixture.store, fixture.technician, "80417", k_lock_ms);
    REQUIRE(check);
    CHECK(check->outcome == PinCheck::Outcome::Accepted);
    CHECK(check->person->role == Role::Technician);
}

TEST_CASE("five wrong PINs lock the badge for a while, audited", "[people]") {
    StationFixture fixture;
    REQUIRE(set_pin(*fixture.store, fixture.warehouse, "1111", ""));
    for (int left = 4; left >= 1; --left) {
        auto wrong = check_pin(*fixture.store, fixture.warehouse, "2222", k_lock_ms);
        REQUIRE(wrong);
        CHECK(wrong->outcome == PinCheck::Outcome::Wrong);
        CHECK(wrong->attempts_left == left);
    }
    auto fifth = check_pin(*fixture.store, fixture.warehouse, "2222", k_lock_ms);
    REQUIRE(fifth);
    CHECK(fifth->outcome == PinCheck::Outcome::Locked);
    // Locked: even the right PIN is refused until the time has passed.
    auto right = check_pin(*fixture.store, fixture.warehouse, "1111", k_lock_ms);
    REQUIRE(right);
    CHECK(right->outcome == PinCheck::Outcome::Locked);
    CHECK(fixture.count("audit_log WHERE action = 'people.badge_locked'") == 1);
    fixture.clock.advance(k_lock_ms + 1);
    auto later = check_pin(*fixture.store, fixture.warehouse, "1111", k_lock_ms);
    REQUIRE(later);
    CHECK(later->outcome == PinCheck::Outcome::Accepted);
}

TEST_CASE("a right PIN resets the count; setting a PIN lifts a lock", "[people]") {
    StationFixture fixture;
    REQUIRE(set_pin(*fixture.store, fixture.warehouse, "1111", ""));
    for (int i = 0; i < 4; ++i)
        REQUIRE(check_pin(*fixture.store, fixture.warehouse, "0000", k_lock_ms));
    REQUIRE(check_pin(*fixture.store, fixture.warehouse, "1111", k_lock_ms)->outcome ==
            PinCheck::Outcome::Accepted);
    CHECK(check_pin(*fixture.store, fixture.warehouse, "0000", k_lock_ms)->attempts_left == 4);
    for (int i = 0; i < 4; ++i)
        REQUIRE(check_pin(*fixture.store, fixture.warehouse, "0000", k_lock_ms));
    REQUIRE(check_pin(*fixture.store, fixture.warehouse, "1111", k_lock_ms)->outcome ==
            PinCheck::Outcome::Locked);
    REQUIRE(set_pin(*fixture.store, fixture.warehouse, "5555", fixture.supervisor));
    CHECK(check_pin(*fixture.store, fixture.warehouse, "5555", k_lock_ms)->outcome ==
          PinCheck::Outcome::Accepted);
}

TEST_CASE("unknown badges and people without a PIN are told apart from a wrong PIN", "[people]") {
    StationFixture fixture;
    CHECK(check_pin(*fixture.store, "OP-9999X", "1234", k_lock_ms)->outcome ==
          PinCheck::Outcome::UnknownBadge);
    CHECK(check_pin(*fixture.store, fixture.technician, "1234", k_lock_ms)->outcome ==
          PinCheck::Outcome::NoPin);
    CHECK_FALSE(set_pin(*fixture.store, "OP-9999X", "1234", ""));
    CHECK_FALSE(set_pin(*fixture.store, fixture.technician, "12", ""));
}

}  // namespace
}  // namespace rs::station
