// PINs: the secret a person types after scanning their badge, kept only as a slow salted hash,
// and the lock that five wrong PINs put on a badge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "station/people/operators.h"
#include "station/store/station_store.h"

namespace rs::station {

// A PIN as stored: PBKDF2-HMAC-SHA256 (libcrypto) with a random salt and its iteration count,
// so the count can be raised later without invalidating the PINs already set.
struct PinHash {
    std::string salt_hex;
    int iterations = 0;
    std::string hash_hex;
};

inline constexpr int k_pin_iterations = 120'000;  // ~tens of ms here: slow to guess offline
inline constexpr int k_pin_attempts = 5;          // wrong PINs in a row before the badge locks

// The hash of `pin` with a fresh random salt.
Result<PinHash> hash_pin(const std::string& pin, int iterations = k_pin_iterations);
// True when `pin` hashes to `stored` (compared in constant time).
bool pin_matches(const std::string& pin, const PinHash& stored);

// 4 to 12 digits; the error says so. The PIN itself never appears in a message or a log.
Status check_pin_format(const std::string& pin);

// Sets (or replaces) the PIN of a known person, audited (without the PIN), and clears a lock.
Status set_pin(StationStore& store, const std::string& badge, const std::string& pin,
               const std::string& set_by);

struct PinCheck {
    enum class Outcome { Accepted, Wrong, Locked, NoPin, UnknownBadge };
    Outcome outcome = Outcome::Wrong;
    std::optional<Operator> person;    // Accepted
    int attempts_left = 0;             // Wrong
    std::int64_t locked_until_ms = 0;  // Locked (also when this wrong PIN locked it)
};

// Checks a badge + PIN. Wrong PINs are counted per badge; the k_pin_attempts-th in a row locks
// the badge for `lock_ms` (audited as "people.badge_locked"); a right PIN resets the count. A
// locked badge is refused without looking at the PIN.
Result<PinCheck> check_pin(StationStore& store, const std::string& badge, const std::string& pin,
                           std::int64_t lock_ms);

}  // namespace rs::station
