// dyad diff OLD.db NEW.db : entities, relations and evidence gained and lost between two databases.
#include <iostream>

#include "cli/commands.h"
#include "core/diff.h"

namespace dyad::cli {

void add_diff(CLI::App& app, Context& ctx) {
    struct Options {
        std::string before;
        std::string after;
        std::string format = "text";
        bool exit_code = false;
    };
    auto opts = std::make_shared<Options>();
    app.add_option("old", opts->before, "the database before the change")->required();
    app.add_option("new", opts->after, "the database after the change")->required();
    app.add_option("--format", opts->format, "text or json")->capture_default_str();
    app.add_flag("--exit-code", opts->exit_code, "exit 1 when the databases differ (like git diff --exit-code)");
    app.callback([&ctx, opts] {
        const bool differ = run_diff(opts->before, opts->after, parse_output_format(opts->format), std::cout);
        if (differ && opts->exit_code) ctx.exit_code = 1;
    });
}

}  // namespace dyad::cli
