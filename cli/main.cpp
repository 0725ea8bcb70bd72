// dyad: the command line. Parses arguments, runs one verb, turns errors into exit codes
// (0 ok, 1 failure, 2 usage). The one catch site for fatal errors.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "core/build_config.h"
#include "core/error.h"

namespace {
std::atomic<bool> stop_requested{false};
extern "C" void on_interrupt(int) { stop_requested.store(true); }
}  // namespace

int main(int argc, char** argv) {
    using namespace dyad;
    cli::Context ctx;
    ctx.stop = &stop_requested;
    CLI::App app{"dyad: turns text about relations between countries into a knowledge graph"};
    app.set_version_flag("--version", build::kVersion);
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
    std::signal(SIGINT, on_interrupt);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const Error& e) {
        std::cerr << "dyad: error: " << e.what() << '\n';
        return e.kind() == ErrorKind::Usage ? 2 : 1;
    } catch (const std::exception& e) {
        std::cerr << "dyad: error: " << e.what() << '\n';
        return 1;
    }
    return ctx.exit_code;
}
