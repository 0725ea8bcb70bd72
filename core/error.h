// The one exception type of the dyad library, with a category and an optional location.
#pragma once

#include <stdexcept>
#include <string>

namespace dyad {

/// What kind of failure ended a unit of work; the CLI maps Usage to exit code 2, the rest to 1.
enum class ErrorKind { Usage, Input, Data, Storage, Export, Internal };

/// What it represents: a failure a user can act on. The message reads
/// "where: what went wrong; what to do" and is printed as is by the CLI.
/// Thread safety: immutable value.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message);
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

/// "path:line: message" for a malformed data file.
Error data_error(const std::string& path, std::size_t line, const std::string& message);
/// "path: message" for an unreadable or unusable input file.
Error input_error(const std::string& path, const std::string& message);

}  // namespace dyad

/// Invariant check, active in every build: a broken invariant is a bug, reported as Internal.
#define DYAD_ASSERT(cond, why)                                                             \
    do {                                                                                   \
        if (!(cond))                                                                       \
            throw ::dyad::Error(::dyad::ErrorKind::Internal,                               \
                                std::string("internal error: ") + (why) + " (" #cond ")"); \
    } while (false)
