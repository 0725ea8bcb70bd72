// dyad assess A B : the dyad report (cooperation, tension, shared agreements, balance, verdict).
#include <iostream>

#include "cli/commands.h"
#include "core/assess.h"
#include "exporters/report.h"

namespace dyad::cli {

void add_assess(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> names;
        std::string format = "text";
        std::string html;
    };
    auto opts = std::make_shared<Options>();
    app.add_option("names", opts->names, "the two entities A B (names, alternate names or keys)")
        ->required()
        ->expected(2);
    add_db_option(app, ctx);
    app.add_option("--format", opts->format, "text or json")->capture_default_str();
    app.add_option("--html", opts->html, "also write a self-contained HTML report (diagram and evidence table)");
    app.callback([&ctx, opts] {
        const auto ws = Workspace::open(ctx.db, ctx.data);
        exporters::run_assess(ws, {opts->names[0], opts->names[1], parse_output_format(opts->format), opts->html},
                              std::cout);
        if (!opts->html.empty()) ctx.out.info(opts->html + ": HTML report written");
    });
}

}  // namespace dyad::cli
