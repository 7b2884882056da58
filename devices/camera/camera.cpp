// Camera states by name, for output and logs.
#include "devices/camera/camera.h"

namespace rs::devices {

const char* camera_state_name(CameraState state) {
    switch (state) {
        case CameraState::Closed:
            return "closed";
        case CameraState::Connected:
            return "connected";
        case CameraState::Disconnected:
            return "disconnected";
        case CameraState::Finished:
            return "finished";
    }
    return "unknown";
}

}  // namespace rs::devices
