// BenchSeats: who scans at each registered bench, kept in the store. The web sessions live in a
// server's memory; the seat does not, so after a restart of the server (or on the other server
// of a center) the scans a bench's agent kept in its journal still go to the person who was
// signed in there when they were read, instead of being refused for want of a session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

// `operator_id` now scans at `bench`; empty: nobody (signed out, or their session expired).
Status seat_person(StationStore& store, const std::string& bench, const std::string& operator_id);

// Who scans at `bench`: nullopt when nobody, or when nothing happened there for `idle_ms` (no
// sign-in, no scan delivered): their session would have expired, so the seat has too.
Result<std::optional<std::string>> seated_person(StationStore& store, const std::string& bench,
                                                 std::int64_t idle_ms);

}  // namespace rs::station
