// Service: a long-running part of `station run` (a device host, the print queue, sync...).
#pragma once

#include "common/error.h"

namespace rs::station {

// `station run` starts every configured service in order and stops them in reverse order on
// SIGINT/SIGTERM. start() must return quickly (work happens on the service's own threads);
// stop() must return once those threads are joined, losing nothing already accepted.
class Service {
public:
    virtual ~Service() = default;
    virtual const char* name() const = 0;
    virtual Status start() = 0;
    virtual void stop() = 0;
};

}  // namespace rs::station
