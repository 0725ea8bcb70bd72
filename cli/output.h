// Console output: results to stdout, messages to stderr, progress only on a terminal.
#pragma once

#include <cstdint>
#include <string>

namespace dyad::cli {

struct Output {
    bool quiet = false;
    bool verbose = false;
    void info(const std::string& line) const;     // stderr, unless --quiet
    void warning(const std::string& line) const;  // stderr: "dyad: warning: ..."
    void detail(const std::string& line) const;   // stderr, with --verbose only
    /// A progress line redrawn in place, on a terminal only.
    void progress(std::size_t done, std::size_t total, std::uint64_t bytes, double seconds) const;
    void end_progress() const;
    bool tty() const;
};

}  // namespace dyad::cli
