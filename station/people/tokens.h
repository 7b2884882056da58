// Station tokens: how a script proves who acts. A supervisor issues one per script; it acts as
// an operator of its own (a row of `operators` with its own badge code and role), so every audit
// row it writes names the script, never a person who did not act.
#pragma once

#include <string>

#include "common/error.h"
#include "station/people/operators.h"
#include "station/store/station_store.h"

namespace rs::station {

struct IssuedToken {
    Operator holder;     // the token's own operator row: badge code, "token: NAME", role
    std::string secret;  // shown once; only its SHA-256 is stored
};

// 32 bytes from libcrypto's random generator as 64 hex characters (tokens of people and benches).
Result<std::string> random_secret();

// Issues a token named `name` with `role` (a people role: never System), audited under
// `issued_by`. The secret is 64 hex characters from libcrypto's random generator.
Result<IssuedToken> issue_token(StationStore& store, const std::string& name, Role role,
                                const std::string& issued_by);

// The operator a token acts as; an unknown or revoked token is refused with the same message,
// so a guess learns nothing.
Result<Operator> operator_for_token(StationStore& store, const std::string& secret);

// Revokes the token acting as `badge`, audited under `revoked_by`.
Status revoke_token(StationStore& store, const std::string& badge, const std::string& revoked_by);

}  // namespace rs::station
