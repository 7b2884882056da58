// StoreLock: a lock on a store that one process at a time holds, released when the holder
// ends or dies (even by SIGKILL), across every process and machine that uses the store.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

namespace rs::store {

class StoreLock {
public:
    // Takes the lock named `purpose` ("sync"...) on the store at `location`, or a Busy error
    // naming who holds it. SQLite: an flock(2) on "<file>.<purpose>-lock", which holds the
    // holder's pid. PostgreSQL: a session advisory lock on a connection the StoreLock keeps
    // open; the server releases it when that connection drops (the holder died, or its
    // machine did and TCP keepalive noticed).
    static Result<StoreLock> try_take(const std::string& location, std::string_view purpose);

    StoreLock(StoreLock&&) noexcept;
    StoreLock& operator=(StoreLock&&) noexcept;
    ~StoreLock();

    // Whether the lock is still held: false when the PostgreSQL connection that holds it broke
    // (the server restarted), after which another process may have taken it.
    bool still_held();

    struct Holder;

private:
    explicit StoreLock(std::unique_ptr<Holder> holder);
    std::unique_ptr<Holder> m_holder;
};

}  // namespace rs::store
