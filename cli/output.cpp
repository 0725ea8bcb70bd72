// Console output helpers.
#include "cli/output.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace dyad::cli {

bool Output::tty() const { return isatty(STDERR_FILENO) != 0; }

void Output::info(const std::string& line) const {
    if (!quiet) std::cerr << line << '\n';
}

void Output::warning(const std::string& line) const { std::cerr << "dyad: warning: " << line << '\n'; }

void Output::detail(const std::string& line) const {
    if (verbose) std::cerr << line << '\n';
}

void Output::progress(std::size_t done, std::size_t total, std::uint64_t bytes, double seconds) const {
    if (quiet || !tty()) return;
    const double mb = static_cast<double>(bytes) / 1e6;
    const double rate = seconds > 0 ? mb / seconds : 0;
    const double eta =
        done > 0 && done < total ? seconds / static_cast<double>(done) * static_cast<double>(total - done) : 0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "\r%zu/%zu files  %.1f MB  %.1f MB/s  ETA %.0fs   ", done, total, mb, rate, eta);
    std::cerr << buf << std::flush;
}

void Output::end_progress() const {
    if (!quiet && tty()) std::cerr << '\n';
}

}  // namespace dyad::cli
