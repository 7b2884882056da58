// Station tokens: random secrets kept as SHA-256 (a 256-bit random secret needs no slow hash:
// there is nothing to guess from), each bound to an operator row of its own.
#include "station/people/tokens.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include "common/sha256.h"
#include "common/store/transaction.h"
#include "labels/codes/code_grammar.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr std::size_t k_secret_bytes = 32;
// Tokens take badge numbers from here up, so they sort apart from the people's badges.
constexpr int k_first_token_badge = 9000;
constexpr int k_last_token_badge = 9999;

Result<std::string> free_token_badge(StationStore& store) {
    for (int number = k_first_token_badge; number <= k_last_token_badge; ++number) {
        std::string badge =
            labels::make_own_id(labels::CodeKind::OperatorBadge, fmt::format("{:04}", number));
        auto existing = find_operator(store, badge);
        if (!existing) return std::unexpected(existing.error());
        if (!*existing) return badge;
    }
    return fail(ErrorCode::Conflict, "all token badge numbers (9000-9999) are taken", "tokens");
}

Status audit(StationStore& store, const std::string& by, const std::string& action,
             nlohmann::json detail) {
    Journal journal(store.db(), store.clock(), store.ids());
    return journal.audit({by, std::nullopt, action, std::nullopt, std::nullopt, std::move(detail)});
}

}  // namespace

Result<std::string> random_secret() {
    unsigned char bytes[k_secret_bytes];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return fail(ErrorCode::Internal, "libcrypto gave no random bytes for the token", "tokens");
    std::string hex;
    for (unsigned char byte : bytes)
        hex += fmt::format("{:02x}", byte);
    return hex;
}

Result<IssuedToken> issue_token(StationStore& store, const std::string& name, Role role,
                                const std::string& issued_by) {
    if (name.empty()) return fail(ErrorCode::Invalid, "a token needs a name", "tokens");
    if (role == Role::System)
        return fail(ErrorCode::Invalid, "a token takes a people role, not system", "tokens");
    auto secret = random_secret();
    if (!secret) return std::unexpected(secret.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto badge = free_token_badge(store);
    if (!badge) return std::unexpected(badge.error());
    IssuedToken issued{{*badge, "token: " + name, role}, *secret};
    if (auto added = add_operator(store, issued.holder); !added)
        return std::unexpected(added.error());
    auto insert = store.db().cached(
        "INSERT INTO station_tokens (operator_id, hash, issued_by, issued_ms) "
        "VALUES (?1, ?2, ?3, ?4)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(*badge, sha256_hex(*secret), issued_by, store.now_ms());
    if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
    if (auto audited = audit(store, issued_by, "people.token_issued",
                             {{"badge", *badge}, {"name", name}, {"role", name_of(role)}});
        !audited)
        return std::unexpected(audited.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return issued;
}

Result<Operator> operator_for_token(StationStore& store, const std::string& secret) {
    auto query = store.db().cached(
        "SELECT o.id, o.name, o.role FROM station_tokens t JOIN operators o ON o.id = "
        "t.operator_id WHERE t.hash = ?1 AND t.revoked_ms IS NULL");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(sha256_hex(secret));
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::Invalid,
                    "the station token is not known here or was revoked: ask a supervisor for "
                    "one (`station operators add-token`)",
                    "tokens");
    Operator holder;
    store::RowReader(**query).read(holder.id, holder.name, holder.role);
    (*query)->reset();
    return holder;
}

Status revoke_token(StationStore& store, const std::string& badge, const std::string& revoked_by) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto update = store.db().cached(
        "UPDATE station_tokens SET revoked_ms = ?2 WHERE operator_id = ?1 AND revoked_ms IS NULL "
        "RETURNING operator_id");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(badge, store.now_ms());
    auto row = (*update)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, fmt::format("{} is no token in force", badge), "tokens");
    (*update)->reset();
    if (auto audited = audit(store, revoked_by, "people.token_revoked", {{"badge", badge}});
        !audited)
        return audited;
    return transaction->commit();
}

}  // namespace rs::station
