// Proof of who acts: a badge alone is a claim. A person proves it with their PIN (checked
// against its slow hash, five wrong PINs lock the badge), a script with a station token
// (people/tokens.h). The CLI and `station run` gather the secret; this checks it.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "station/people/operators.h"
#include "station/store/station_store.h"

namespace rs::station {

// The person behind `badge`, if `pin` is theirs. Every refusal says what to do: a wrong PIN
// says how many tries are left, a locked badge until when, a person without PIN who sets one.
Result<Operator> prove_with_pin(StationStore& store, const std::string& badge,
                                const std::string& pin, std::int64_t lock_ms);

// True while no supervisor of this store has a PIN: a fresh store being set up, where adding
// the first people and their PINs cannot be proven by anyone yet. Once a supervisor has a PIN,
// adding people, roles, PINs of others and tokens needs that supervisor's proof.
Result<bool> store_in_setup(StationStore& store);

}  // namespace rs::station
