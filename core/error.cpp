// Error construction helpers.
#include "core/error.h"

namespace dyad {

Error::Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

Error data_error(const std::string& path, std::size_t line, const std::string& message) {
    return Error(ErrorKind::Data, path + ":" + std::to_string(line) + ": " + message);
}

Error input_error(const std::string& path, const std::string& message) {
    return Error(ErrorKind::Input, path + ": " + message);
}

}  // namespace dyad
