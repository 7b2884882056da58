// PINs: PBKDF2 hashing through libcrypto, and the wrong-PIN count that locks a badge.
#include "station/people/pins.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>

#include "common/store/transaction.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr std::size_t k_salt_bytes = 16;
constexpr std::size_t k_hash_bytes = 32;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        hex += k_digits[bytes[i] >> 4];
        hex += k_digits[bytes[i] & 0xf];
    }
    return hex;
}

std::optional<std::string> from_hex(const std::string& hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int high = digit(hex[i]), low = digit(hex[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes += static_cast<char>(high * 16 + low);
    }
    return bytes;
}

std::optional<std::string> derive(const std::string& pin, const std::string& salt, int iterations) {
    unsigned char out[k_hash_bytes];
    if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out,
                          out) != 1)
        return std::nullopt;
    return to_hex(out, sizeof out);
}

Status audit(StationStore& store, const std::string& operator_id, const std::string& action,
             nlohmann::json detail) {
    Journal journal(store.db(), store.clock(), store.ids());
    return journal.audit(
        {operator_id, std::nullopt, action, std::nullopt, std::nullopt, std::move(detail)});
}

}  // namespace

Result<PinHash> hash_pin(const std::string& pin, int iterations) {
    unsigned char salt[k_salt_bytes];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return fail(ErrorCode::Internal, "libcrypto gave no random salt", "people");
    PinHash hash{to_hex(salt, sizeof salt), iterations, ""};
    auto derived = derive(pin, std::string(reinterpret_cast<char*>(salt), sizeof salt), iterations);
    if (!derived) return fail(ErrorCode::Internal, "libcrypto could not hash the PIN", "people");
    hash.hash_hex = std::move(*derived);
    return hash;
}

bool pin_matches(const std::string& pin, const PinHash& stored) {
    auto salt = from_hex(stored.salt_hex);
    if (!salt || stored.iterations <= 0) return false;
    auto derived = derive(pin, *salt, stored.iterations);
    if (!derived || derived->size() != stored.hash_hex.size()) return false;
    return CRYPTO_memcmp(derived->data(), stored.hash_hex.data(), derived->size()) == 0;
}

Status check_pin_format(const std::string& pin) {
    bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (pin.size() < 4 || pin.size() > 12 || !digits)
        return fail(ErrorCode::Invalid, "a PIN is 4 to 12 digits", "people");
    return {};
}

Status set_pin(StationStore& store, const std::string& badge, const std::string& pin,
               const std::string& set_by) {
    if (auto format = check_pin_format(pin); !format) return format;
    auto person = require_operator(store, badge, "people");
    if (!person) return std::unexpected(person.error());
    auto hash = hash_pin(pin);
    if (!hash) return std::unexpected(hash.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto upsert = store.db().cached(
        "INSERT INTO operator_pins (operator_id, salt, iterations, hash, set_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (operator_id) DO UPDATE SET salt = "
        "excluded.salt, iterations = excluded.iterations, hash = excluded.hash, set_ms = "
        "excluded.set_ms");
    if (!upsert) return std::unexpected(upsert.error());
    (*upsert)->bind_all(badge, hash->salt_hex, hash->iterations, hash->hash_hex, store.now_ms());
    if (auto done = (*upsert)->run(); !done) return done;
    auto clear = store.db().cached("DELETE FROM badge_lockouts WHERE badge = ?1");
    if (!clear) return std::unexpected(clear.error());
    (*clear)->bind_all(badge);
    if (auto done = (*clear)->run(); !done) return done;
    if (auto audited =
            audit(store, set_by.empty() ? badge : set_by, "people.pin_set", {{"badge", badge}});
        !audited)
        return audited;
    return transaction->commit();
}

Result<PinCheck> check_pin(StationStore& store, const std::string& badge, const std::string& pin,
                           std::int64_t lock_ms) {
    PinCheck check;
    auto person = find_operator(store, badge);
    if (!person) return std::unexpected(person.error());
    if (!*person) {
        check.outcome = PinCheck::Outcome::UnknownBadge;
        return check;
    }
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    const std::int64_t now = store.now_ms();
    auto lock =
        store.db().cached("SELECT failures, locked_until_ms FROM badge_lockouts WHERE badge = ?1");
    if (!lock) return std::unexpected(lock.error());
    (*lock)->bind_all(badge);
    std::int64_t failures = 0, locked_until = 0;
    auto row = (*lock)->step();
    if (!row) return std::unexpected(row.error());
    if (*row) store::RowReader(**lock).read(failures, locked_until);
    (*lock)->reset();
    if (locked_until > now) {
        check.outcome = PinCheck::Outcome::Locked;
        check.locked_until_ms = locked_until;
        return check;  // nothing written: the transaction rolls back
    }
    if (locked_until != 0) failures = 0;  // the lock has run out: a fresh count

    auto stored = store.db().cached(
        "SELECT salt, iterations, hash FROM operator_pins WHERE operator_id = ?1");
    if (!stored) return std::unexpected(stored.error());
    (*stored)->bind_all(badge);
    auto found = (*stored)->step();
    if (!found) return std::unexpected(found.error());
    if (!*found) {
        check.outcome = PinCheck::Outcome::NoPin;
        return check;
    }
    PinHash hash;
    store::RowReader(**stored).read(hash.salt_hex, hash.iterations, hash.hash_hex);
    (*stored)->reset();

    if (pin_matches(pin, hash)) {
        auto clear = store.db().cached("DELETE FROM badge_lockouts WHERE badge = ?1");
        if (!clear) return std::unexpected(clear.error());
        (*clear)->bind_all(badge);
        if (auto done = (*clear)->run(); !done) return std::unexpected(done.error());
        if (auto committed = transaction->commit(); !committed)
            return std::unexpected(committed.error());
        check.outcome = PinCheck::Outcome::Accepted;
        check.person = std::move(**person);
        return check;
    }
    ++failures;
    std::int64_t until = failures >= k_pin_attempts ? now + lock_ms : 0;
    auto count = store.db().cached(
        "INSERT INTO badge_lockouts (badge, failures, locked_until_ms, last_failure_ms) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (badge) DO UPDATE SET failures = excluded.failures, "
        "locked_until_ms = excluded.locked_until_ms, last_failure_ms = excluded.last_failure_ms");
    if (!count) return std::unexpected(count.error());
    (*count)->bind_all(badge, failures, until, now);
    if (auto done = (*count)->run(); !done) return std::unexpected(done.error());
    if (until != 0) {
        if (auto audited =
                audit(store, badge, "people.badge_locked",
                      {{"badge", badge}, {"wrong_pins", failures}, {"locked_until_ms", until}});
            !audited)
            return std::unexpected(audited.error());
        check.outcome = PinCheck::Outcome::Locked;
        check.locked_until_ms = until;
    } else {
        check.outcome = PinCheck::Outcome::Wrong;
        check.attempts_left = k_pin_attempts - static_cast<int>(failures);
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return check;
}

}  // namespace rs::station
