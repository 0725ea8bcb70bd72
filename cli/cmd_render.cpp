// dyad render -o graph.svg : a relationship diagram through Graphviz.
#include "cli/commands.h"
#include "core/query.h"
#include "exporters/registry.h"

namespace dyad::cli {

std::vector<Predicate> parse_predicates(const std::vector<std::string>& names);

void add_render(CLI::App& app, Context& ctx) {
    struct Options {
        std::string output = "graph.svg";
        std::string engine = "dot";
        std::vector<std::string> predicates;
        bool no_legend = false;
        bool include_negated = false;
        bool all_entities = false;
        std::vector<std::string> focus;
        std::size_t depth = 1;
    };
    auto opts = std::make_shared<Options>();
    add_db_option(app, ctx);
    app.add_option("-o,--output", opts->output, "image file: .svg, .png or .pdf")->capture_default_str();
    app.add_option("--engine,--layout", opts->engine, "layout: dot, neato, sfdp, circo, fdp, twopi")
        ->capture_default_str();
    app.add_option("--predicate", opts->predicates, "only these predicates (comma-separated)")->delimiter(',');
    app.add_flag("--no-legend", opts->no_legend, "leave out the legend of types and predicates");
    app.add_flag("--all-entities", opts->all_entities, "dot/render: also draw entities with no relation");
    auto* focus =
        app.add_option("--focus", opts->focus, "only what lies within --depth links of this entity (repeatable)");
    app.add_option("--depth", opts->depth, "with --focus: how many links away")->capture_default_str()->needs(focus);
    app.add_flag("--include-negated", opts->include_negated, "also draw negated relations (dotted)");
    app.callback([&ctx, opts] {
        const auto ws = opts->focus.empty() ? Workspace::open(ctx.db) : Workspace::open(ctx.db, ctx.data);
        const auto& graph = ws.graph();
        exporters::RenderOptions options;
        options.engine = opts->engine;
        options.legend = !opts->no_legend;
        options.filter.include_negated = opts->include_negated;
        options.filter.include_isolated = opts->all_entities;
        options.filter.predicates = parse_predicates(opts->predicates);
        for (const auto& name : opts->focus) options.filter.focus.push_back(ws.resolve(name).key);
        options.filter.depth = opts->depth;
        exporters::render(graph, options, opts->output);
        ctx.out.info(opts->output + ": " + std::to_string(graph.entity_count()) + " entities, " +
                     std::to_string(graph.relation_count()) + " relations drawn with " + opts->engine);
    });
}

}  // namespace dyad::cli
