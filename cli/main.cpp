// dyad: the command line. Parses arguments, runs one verb, turns errors into exit codes
// (0 ok, 1 failure, 2 usage, 128+N after signal N). The one catch site for fatal errors.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "core/build_config.h"
#include "core/error.h"

#ifdef DYAD_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {
std::atomic<bool> stop_requested{false};
std::atomic<int> stop_signal{0};

// The first Ctrl-C (or SIGTERM) asks the corpus loop to stop after the current document; the
// handler is then reset, so a second one ends the process at once (SQLite rolls the open
// transaction back when the database is next opened).
extern "C" void on_interrupt(int sig) {
    stop_signal.store(sig);
    stop_requested.store(true);
}

void install_interrupt_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

// Messages may quote file names: keep them on one line whatever the names hold.
std::string one_line(std::string s) {
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}
}  // namespace

int main(int argc, char** argv) {
    using namespace dyad;
    static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
                  "signal handlers may only touch lock-free atomics");
    // Results go to std::cout only (nothing here writes to stdout through stdio): its own buffer
    // spares a lock and a call per character of a large export.
    std::ios::sync_with_stdio(false);
    cli::Context ctx;
    ctx.stop = &stop_requested;
    ctx.stop_signal = &stop_signal;
    CLI::App app{"dyad: turns text about relations between countries into a knowledge graph"};
#ifdef DYAD_WITH_MIMALLOC
    // Naming mimalloc here also keeps the linker from dropping it as unused (--as-needed).
    app.set_version_flag("--version",
                         std::string(build::kVersion) + " (mimalloc " + std::to_string(mi_version()) + ")");
#else
    app.set_version_flag("--version", build::kVersion);
#endif
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--data", ctx.data, "data folder with gazetteer/ and patterns/ (default: built-in)");
    app.add_flag("-q,--quiet", ctx.out.quiet, "print only results and errors");
    app.add_flag("-v,--verbose", ctx.out.verbose, "print details of each step");
    app.footer("Run 'dyad VERB --help' for a verb's options. Docs: docs/cli.md");
    for (const auto& verb : cli::verbs()) {
        auto* cmd = app.add_subcommand(std::string(verb.name), std::string(verb.summary));
        verb.add(*cmd, ctx);
    }
    install_interrupt_handlers();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const Error& e) {
        std::cerr << "dyad: error: " << one_line(e.what()) << '\n';
        return e.kind() == ErrorKind::Usage ? 2 : 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "dyad: error: out of memory; lower --max-file-bytes or --segment-bytes, or split the input\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "dyad: error: " << one_line(e.what()) << '\n';
        return 1;
    }
    return ctx.exit_code;
}
