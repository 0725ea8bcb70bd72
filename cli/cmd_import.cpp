// dyad import FILE.jsonld : a JSON-LD export read back into a database.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/store.h"
#include "exporters/jsonld_import.h"

namespace dyad::cli {

void add_import(CLI::App& app, Context& ctx) {
    struct Options {
        std::string input;
        bool merge = false;
    };
    auto opts = std::make_shared<Options>();
    app.add_option("input", opts->input, "a JSON-LD file written by 'dyad export --format jsonld'; - for stdin")
        ->required();
    add_db_option(app, ctx);
    app.add_flag("--merge", opts->merge,
                 "merge into a database that already holds a graph (confidences combine as in extract)");
    app.callback([&ctx, opts] {
        // Read and check the whole file before the database is opened (or created).
        KnowledgeGraph graph;
        const std::string source = opts->input == "-" ? "<stdin>" : opts->input;
        if (opts->input == "-") {
            graph = exporters::read_jsonld(std::cin, source);
        } else {
            std::ifstream in(opts->input, std::ios::binary);
            if (!in) throw input_error(opts->input, "cannot open for reading; check the path and permissions");
            graph = exporters::read_jsonld(in, opts->input);
        }
        auto store = Store::open(ctx.db, Store::Mode::ReadWrite);
        const auto before = store.stats();
        if (!opts->merge && (before.entities > 0 || before.relations > 0))
            throw Error(ErrorKind::Usage, ctx.db + ": already holds a graph (" + std::to_string(before.entities) +
                                              " entities); pass --merge to merge the import into it, or a new --db");
        store.save_graph(graph);
        const auto after = store.stats();
        ctx.out.info(ctx.db + ": imported " + std::to_string(graph.entity_count()) + " entities and " +
                     std::to_string(graph.relation_count()) + " relations from " + source + "; the graph has " +
                     std::to_string(after.entities) + " entities and " + std::to_string(after.relations) +
                     " relations");
    });
}

}  // namespace dyad::cli
