// The parts of a repair order: reserved only for a real order whose device they fit, backordered
// with the order waiting, released by the move that ends the repair, used before QA.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <array>
#include <random>

#include "inventory/reservations.h"
#include "station/orders/order_parts.h"
#include "tests/support/parts_fixture.h"
#include "tests/support/qa_fixture.h"

using namespace rs;
using namespace rs::station;

using test::k_screen;
using test::k_screen_gtin;
using test::k_screw;
using test::PartsFixture;

TEST_CASE_METHOD(PartsFixture, "parts are reserved for a real order being repaired, if they fit") {
    receive(fmt::format("(01){}(10)L1", k_screen_gtin), 3);
    receive(k_screw, 10);

    auto unknown = reserve("RO-999999X", k_screen);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK_THAT(unknown.error().message, Catch::Contains("no repair order RO-999999X"));

    import({test::recent_rma(90, "1Z999AA10123456784")});
    std::string fresh = test::receive_for_technician(*this, test::rma_number(90));
    auto too_early = reserve(fresh, k_screen);
    REQUIRE_FALSE(too_early);
    CHECK(too_early.error().code == ErrorCode::Conflict);
    CHECK_THAT(too_early.error().message, Catch::Contains("is received"));

    std::string order = diagnosed_order();
    auto wrong_model = reserve(order, other_model_part);
    REQUIRE_FALSE(wrong_model);
    CHECK(wrong_model.error().code == ErrorCode::Invalid);
    CHECK_THAT(wrong_model.error().message, Catch::Contains("fits Phone Z9"));
    CHECK_THAT(wrong_model.error().message, Catch::Contains("(Phone X2)"));

    auto screen = reserve(order, k_screen);
    REQUIRE(screen);
    CHECK(screen->stock.reserved == 1);
    CHECK_FALSE(screen->moved_to);
    REQUIRE(reserve(order, k_screw, 4));  // a part that names no model fits every device
    CHECK(number("SELECT count(*) FROM repair_order_parts") == 2);
    auto event = last_event("repair_order.parts_reserved");
    CHECK(event["repair_order"] == order);
    CHECK(event["sku"] == k_screw);
    CHECK(event["reserved"][0]["qty"] == 4);
    check_invariants();
}

TEST_CASE_METHOD(PartsFixture,
                 "a product named with its variant is the longest catalog model it "
                 "begins with") {
    auto inv = inventory();
    CHECK(inventory::catalog_model_of(inv, "Phone X2 128GB").value() == "Phone X2");
    CHECK(inventory::catalog_model_of(inv, "phone x2 pro 256GB").value() == "Phone X2 Pro");
    CHECK(inventory::catalog_model_of(inv, "Phone X2").value() == "Phone X2");
    CHECK_FALSE(inventory::catalog_model_of(inv, "Phone X20").value());
    CHECK_FALSE(inventory::catalog_model_of(inv, "").value());
}

TEST_CASE_METHOD(PartsFixture, "a shortage is backordered and the order waits for its parts") {
    receive(fmt::format("(01){}(10)L1", k_screen_gtin), 1);
    std::string order = diagnosed_order();
    auto short_one = reserve_order_parts(*store, {order, k_screen, 3, "", parts_manager});
    INFO((short_one ? "" : short_one.error().message));
    REQUIRE(short_one);
    CHECK(short_one->stock.reserved == 1);
    CHECK(short_one->stock.backordered == 2);
    REQUIRE(short_one->moved_to);
    CHECK(*short_one->moved_to == OrderState::AwaitingParts);
    CHECK(state(order) == OrderState::AwaitingParts);
    CHECK(number("SELECT count(*) FROM repair_order_backorders") == 1);
    auto waiting = last_event("repair_order.awaiting_parts");
    CHECK(waiting["backorder"]["qty"] == 2);
    CHECK(waiting["operator"] == "system");  // the station moved it, because of this person
    CHECK(waiting["caused_by"] == parts_manager);
    check_invariants();
}

TEST_CASE_METHOD(PartsFixture, "the move that ends a repair gives the order's parts back") {
    receive(fmt::format("(01){}(10)L1", k_screen_gtin), 2);
    receive(k_screw, 10);
    std::string cancelled = diagnosed_order();
    REQUIRE(reserve(cancelled, k_screen));
    REQUIRE(reserve(cancelled, k_screw, 2));
    REQUIRE(pick_order_part(*store, cancelled, bin, k_screw, technician));
    REQUIRE(reserve(cancelled, k_screen, 3));  // one more than the bin holds: backordered
    REQUIRE(state(cancelled) == OrderState::AwaitingParts);

    REQUIRE(move_order(*store, {cancelled, OrderState::Cancelled, supervisor, "RMA cancelled"}));
    auto event = last_event("repair_order.cancelled");
    CHECK(event["parts_released"] == 4);  // two screens reserved, two screws picked
    CHECK(number("SELECT count(*) FROM inv_reservations WHERE state IN ('reserved', 'picked')") ==
          0);
    CHECK(number("SELECT count(*) FROM inv_backorders WHERE state = 'open'") == 0);
    CHECK(number("SELECT reserved FROM inv_part_stock") == 0);
    // The picked screws are back in their bin.
    CHECK(number(fmt::format("SELECT sum(b.qty) FROM inv_balances b JOIN inv_locations l ON "
                             "l.id = b.location_id WHERE l.code = '{}'",
                             bin)) == 12);
    check_invariants();

    std::string scrapped = diagnosed_order();
    REQUIRE(move_order(*store, {scrapped, OrderState::InRepair, technician, ""}));
    REQUIRE(reserve(scrapped, k_screen));
    REQUIRE(move_order(*store, {scrapped, OrderState::Scrapped, supervisor, "beyond repair"}));
    CHECK(last_event("repair_order.scrapped")["parts_released"] == 1);
    check_invariants();
}

TEST_CASE_METHOD(PartsFixture,
                 "QA waits until the picked parts are used; their use is on the "
                 "order's events") {
    receive(fmt::format("(01){}(10)L7", k_screen_gtin), 2);
    std::string order = diagnosed_order();
    auto early = consume_order_parts(*store, order, technician);
    REQUIRE_FALSE(early);
    CHECK_THAT(early.error().message, Catch::Contains("used while it is in repair"));

    REQUIRE(move_order(*store, {order, OrderState::InRepair, technician, ""}));
    REQUIRE(reserve(order, k_screen));
    REQUIRE(pick_order_part(*store, order, bin, k_screen_gtin, technician));
    auto qa_early = move_order(*store, {order, OrderState::Qa, technician, ""});
    REQUIRE_FALSE(qa_early);
    CHECK(qa_early.error().code == ErrorCode::Conflict);
    CHECK_THAT(qa_early.error().message, Catch::Contains("SKU-LCD-X2Q x1 in WORKBENCH"));
    CHECK_THAT(qa_early.error().message, Catch::Contains("station stock consume " + order));
    CHECK(state(order) == OrderState::InRepair);

    auto used = consume_order_parts(*store, order, technician);
    REQUIRE(used);
    CHECK(*used == 1);
    REQUIRE(move_order(*store, {order, OrderState::Qa, technician, ""}));
    for (const char* type : {"repair_order.parts_used", "repair_order.repaired"}) {
        auto event = last_event(type);
        INFO(type);
        REQUIRE(event["parts"].size() == 1);
        CHECK(event["parts"][0]["sku"] == k_screen);
        CHECK(event["parts"][0]["lot"] == "L7");
        CHECK(event["parts"][0]["unit_cost"] == 2500);
        CHECK(event["parts_cost"] == 2500);
    }
    test::pass_every_step(*this, order);  // the example policy's phone checklist
    REQUIRE(move_order(*store, {order, OrderState::ReadyToShip, technician, ""}));
    CHECK(last_event("repair_order.qa_passed")["parts_cost"] == 2500);
    check_invariants();
}

TEST_CASE(
    "random reserve/pick/consume/release/receive/cancel/scrap/QA sequences keep the ledger "
    "and leave no part reserved for a closed order",
    "[slow]") {
    constexpr int k_sequences = 16;
    constexpr int k_steps = 40;
    std::mt19937 random(20261130);
    auto pick_of = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    int done = 0, refused = 0;
    std::array<int, 10> succeeded{};
    for (int sequence = 0; sequence < k_sequences; ++sequence) {
        PartsFixture f;
        std::vector<std::string> orders = {f.diagnosed_order(), f.diagnosed_order(),
                                           f.diagnosed_order()};
        for (int step = 0; step < k_steps; ++step) {
            f.clock.advance(1 + pick_of(60'000));
            const std::string& order = orders[static_cast<std::size_t>(pick_of(3))];
            const std::string& sku = pick_of(2) ? k_screen : k_screw;
            // Ending an order (8: cancel, 9: scrap) is rarer than working on it, so that
            // orders live long enough to have parts picked, used and checked.
            int roll = pick_of(26);
            int op = roll < 24 ? roll % 8 : (roll == 24 ? 8 : 9);
            INFO(fmt::format("sequence {} step {} op {} {} {}", sequence, step, op, order, sku));
            Status outcome;
            auto keep = [&](auto result) {
                if (!result) outcome = std::unexpected(result.error());
            };
            switch (op) {
                case 0:
                    f.receive(sku == k_screen
                                  ? fmt::format("(01){}(10)L{}", k_screen_gtin, pick_of(3))
                                  : k_screw,
                              1 + pick_of(3));
                    break;
                case 1:
                    keep(f.reserve(order, sku, 1 + pick_of(3)));
                    break;
                case 2: {
                    // The technician picks what the order has reserved, when it has some.
                    auto inv = f.inventory();
                    std::string wanted = sku;
                    auto open = inventory::open_reservations(inv, order);
                    REQUIRE(open);
                    for (const auto& line : *open)
                        if (line.location != "WORKBENCH") wanted = line.sku;
                    keep(pick_order_part(*f.store, order, f.bin, wanted, f.technician));
                    break;
                }
                case 3:
                    keep(consume_order_parts(*f.store, order, f.technician));
                    break;
                case 4:
                    keep(release_order_parts(*f.store, order, f.technician));
                    break;
                case 5:
                    keep(move_order(*f.store, {order, OrderState::InRepair, f.technician, ""}));
                    break;
                case 6:
                    keep(move_order(*f.store, {order, OrderState::Qa, f.technician, ""}));
                    break;
                case 7:
                    keep(move_order(
                        *f.store,
                        {order, pick_of(2) ? OrderState::ReadyToShip : OrderState::InRepair,
                         f.technician, "QA found a fault"}));
                    break;
                case 8:
                    keep(move_order(*f.store, {order, OrderState::Cancelled, f.supervisor, ""}));
                    break;
                default:
                    keep(move_order(*f.store, {order, OrderState::Scrapped, f.supervisor, ""}));
                    break;
            }
            // A refusal must be one a person can act on, never a failure of the store.
            if (!outcome) {
                INFO(outcome.error().describe());
                CHECK((outcome.error().code == ErrorCode::Conflict ||
                       outcome.error().code == ErrorCode::NotFound ||
                       outcome.error().code == ErrorCode::Invalid));
                ++refused;
            } else {
                ++done;
                ++succeeded[static_cast<std::size_t>(op)];
            }
            f.check_invariants();
        }
    }
    CHECK(done > k_sequences * k_steps / 4);
    CHECK(refused > 0);
    // Each kind of step happened, so the invariants were checked after each.
    for (int op = 0; op < 10; ++op) {
        INFO("op " << op);
        CHECK(succeeded[static_cast<std::size_t>(op)] > 0);
    }
}

namespace {

const std::string k_battery = "SKU-BAT-X2S";          // the Phone X2's original battery
const std::string k_oem_battery = "SKU-BAT-X2-OEM2";  // its substitute (examples/parts.csv)

// A Phone X2 with liquid damage, out of warranty: quoted with `parts` and a battery change.
std::string quoted_order(PartsFixture& f, std::vector<QuotePart> parts) {
    int number = f.next_rma++;
    f.import({test::recent_rma(number, "1Z999AA10123456784")});
    std::string order = test::receive_for_technician(f, test::rma_number(number));
    test::inspect_and_diagnose(f, f.policy, order, FaultCause::Liquid);
    REQUIRE(decide_order(*f.store, f.policy, order, f.technician));
    auto quote = make_quote(*f.store, f.policy, {order, f.technician, parts, {"R20"}, ""});
    INFO((quote ? "" : quote.error().message));
    REQUIRE(quote);
    return order;
}

}  // namespace

TEST_CASE_METHOD(PartsFixture,
                 "a substitute part is reserved only with the customer's consent on the "
                 "accepted quote") {
    receive("(01)06901234567908(21)OEM-1", 1);
    receive("(01)06901234567908(21)OEM-2", 1);
    receive("(01)06901234567915(21)ORIG-1", 1);

    // A warranty repair has no quote: the original part, yes; its substitute, no.
    std::string warranty = diagnosed_order();
    auto no_quote = reserve(warranty, k_oem_battery);
    REQUIRE_FALSE(no_quote);
    CHECK(no_quote.error().code == ErrorCode::Conflict);
    CHECK_THAT(no_quote.error().message,
               Catch::Contains("SKU-BAT-X2-OEM2 is a substitute for SKU-BAT-X2S"));
    CHECK_THAT(no_quote.error().message, Catch::Contains(warranty + " has no quote"));
    CHECK_THAT(no_quote.error().message, Catch::Contains("or reserve the original SKU-BAT-X2S"));
    auto original = reserve(warranty, k_battery);
    REQUIRE(original);
    CHECK_FALSE(original->substitute);
    CHECK(last_event("repair_order.parts_reserved")["substitute"] == false);

    // Quoted with the substitute, waiting for the customer: not yet.
    std::string order = quoted_order(*this, {{k_oem_battery, 1, true}});
    auto waiting = reserve(order, k_oem_battery);
    REQUIRE_FALSE(waiting);
    CHECK_THAT(waiting.error().message, Catch::Contains("its quote is not accepted yet"));

    // Only a supervisor records the customer's answer; accepted without consent: still no.
    CHECK_FALSE(accept_quote(*store, {order, technician, true, ""}));
    REQUIRE(accept_quote(*store, {order, supervisor, false, "the customer called"}));
    CHECK(state(order) == OrderState::Approved);
    auto approved = last_event("repair_order.quote_approved");
    CHECK(approved["consent_substitutes"] == false);
    auto no_consent = reserve(order, k_oem_battery);
    REQUIRE_FALSE(no_consent);
    CHECK_THAT(no_consent.error().message, Catch::Contains("without consenting"));
    CHECK(number("SELECT count(*) FROM repair_order_parts WHERE substitute = 1") == 0);

    // Accepted with consent: reserved, and marked as a substitute on the order.
    std::string consented = quoted_order(*this, {{k_oem_battery, 1, true}});
    REQUIRE(accept_quote(*store, {consented, supervisor, true, ""}));
    approved = last_event("repair_order.quote_approved");
    CHECK(approved["consent_substitutes"] == true);
    CHECK(approved["substitutes"] == nlohmann::json::array({k_oem_battery}));
    CHECK(number("SELECT count(*) FROM quotes WHERE substitutes_consented = 1 AND accepted_ms IS "
                 "NOT NULL AND accepted_by = '" +
                 supervisor + "'") == 1);
    CHECK(number("SELECT count(*) FROM audit_log WHERE to_state = 'approved' AND detail LIKE "
                 "'%\"consent_substitutes\":true%'") == 1);
    auto reserved = reserve(consented, k_oem_battery);
    INFO((reserved ? "" : reserved.error().message));
    REQUIRE(reserved);
    CHECK(reserved->substitute);
    CHECK(last_event("repair_order.parts_reserved")["substitute"] == true);
    CHECK(number("SELECT count(*) FROM repair_order_parts WHERE substitute = 1") == 1);

    // A quote that lists the substitute as if it were original does not carry the consent.
    std::string as_original = quoted_order(*this, {{k_oem_battery, 1, false}});
    REQUIRE(accept_quote(*store, {as_original, supervisor, false, ""}));
    auto unquoted = reserve(as_original, k_oem_battery);
    REQUIRE_FALSE(unquoted);
    CHECK_THAT(unquoted.error().message,
               Catch::Contains("its quote has no substitute line for SKU-BAT-X2-OEM2"));

    // Consent to a quote without substitutes is refused: there is nothing to consent to.
    std::string plain = quoted_order(*this, {{k_battery, 1, false}});
    auto nothing = accept_quote(*store, {plain, supervisor, true, ""});
    REQUIRE_FALSE(nothing);
    CHECK(nothing.error().code == ErrorCode::Invalid);
    CHECK(state(plain) == OrderState::AwaitingApproval);
    check_invariants();
}
