// dyad stats : counts by entity type and by predicate; with --top N, components and central entities.
#include <iostream>

#include "cli/commands.h"
#include "core/query.h"
#include "core/store.h"

namespace dyad::cli {

void add_stats(CLI::App& app, Context& ctx) {
    struct Options {
        std::size_t top = 0;
        std::string format = "text";
    };
    auto opts = std::make_shared<Options>();
    add_db_option(app, ctx);
    app.add_option("--top", opts->top,
                   "also connected components and the N most central entities (degree, betweenness)");
    app.add_option("--format", opts->format, "text or json")->capture_default_str();
    app.callback([&ctx, opts] {
        const auto format = parse_output_format(opts->format);
        const auto stats = Store::open(ctx.db, Store::Mode::ReadOnly).stats();
        if (opts->top == 0) return write(stats, nullptr, nullptr, format, std::cout);
        // The graph is loaded only for --top: counting needs no more than the database.
        const auto ws = Workspace::open(ctx.db);
        const auto analysis = analyze(ws.graph(), opts->top);
        write(stats, &analysis, &ws, format, std::cout);
    });
}

}  // namespace dyad::cli
