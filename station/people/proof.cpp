// Proof of who acts: the PIN check's outcomes turned into refusals a person can act on.
#include "station/people/proof.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "station/people/pins.h"

namespace rs::station {

Result<Operator> prove_with_pin(StationStore& store, const std::string& badge,
                                const std::string& pin, std::int64_t lock_ms) {
    auto check = check_pin(store, badge, pin, lock_ms);
    if (!check) return std::unexpected(check.error());
    using Outcome = PinCheck::Outcome;
    switch (check->outcome) {
        case Outcome::Accepted:
            return *check->person;
        case Outcome::UnknownBadge:
            return fail(ErrorCode::NotFound,
                        fmt::format("{} is nobody at this station: a supervisor adds people with "
                                    "`station operators add`",
                                    badge),
                        "people");
        case Outcome::NoPin:
            return fail(ErrorCode::Invalid,
                        fmt::format("{} has no PIN yet, so cannot prove who acts: a supervisor "
                                    "sets it with `station operators set-pin {}`",
                                    badge, badge),
                        "people");
        case Outcome::Locked:
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is locked after {} wrong PINs until {} (UTC); a "
                                    "supervisor can lift it by setting a new PIN",
                                    badge, k_pin_attempts, format_utc_ms(check->locked_until_ms)),
                        "people");
        case Outcome::Wrong:
            break;
    }
    return fail(ErrorCode::Invalid,
                fmt::format("wrong PIN for {} ({} tries left before the badge locks)", badge,
                            check->attempts_left),
                "people");
}

Result<bool> store_in_setup(StationStore& store) {
    auto query = store.db().cached(
        "SELECT count(*) FROM operator_pins p JOIN operators o ON o.id = p.operator_id "
        "WHERE o.role = 'supervisor'");
    if (!query) return std::unexpected(query.error());
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    std::int64_t supervisors_with_pin = (*query)->int64(0);
    (*query)->reset();
    return supervisors_with_pin == 0;
}

}  // namespace rs::station
