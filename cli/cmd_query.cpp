// dyad query neighbors|between|path|conflicts : questions to the graph, answered with evidence.
#include <iostream>

#include "cli/commands.h"
#include "core/query.h"

namespace dyad::cli {

std::vector<Predicate> parse_predicates(const std::vector<std::string>& names);

void add_query(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> names;
        std::size_t depth = 1;
        std::vector<std::string> predicates;
        std::string format = "text";
    };
    auto opts = std::make_shared<Options>();
    app.require_subcommand(1);
    auto question = [&](const char* name, const char* summary, QueryKind kind) {
        auto* cmd = app.add_subcommand(name, summary);
        add_db_option(*cmd, ctx);
        cmd->add_option("--format", opts->format, "text or json")->capture_default_str();
        cmd->callback([&ctx, opts, kind] {
            const QueryRequest request{kind, opts->names, opts->depth, parse_predicates(opts->predicates),
                                       parse_output_format(opts->format)};
            run_query(Workspace::open(ctx.db, ctx.data), request, std::cout);
        });
        return cmd;
    };
    auto* n = question("neighbors", "entities within --depth links of NAME, in both directions", QueryKind::Neighbors);
    n->add_option("name", opts->names, "an entity: name, alternate name or key")->required()->expected(1);
    n->add_option("--depth", opts->depth, "how many links away")->capture_default_str()->check(CLI::Range(1, 10));
    n->add_option("--predicate", opts->predicates, "follow only these predicates (comma-separated)")->delimiter(',');
    auto* b = question("between", "every relation between A and B, both directions, with evidence", QueryKind::Between);
    b->add_option("names", opts->names, "two entities A B")->required()->expected(2);
    b->add_option("--predicate", opts->predicates, "only these predicates (comma-separated)")->delimiter(',');
    auto* p = question("path", "the shortest chain of relations from A to B, each hop with evidence", QueryKind::Path);
    p->add_option("names", opts->names, "two entities A B")->required()->expected(2);
    p->add_option("--predicate", opts->predicates, "follow only these predicates (comma-separated)")->delimiter(',');
    question("conflicts", "relations both asserted and negated, with both pieces of evidence", QueryKind::Conflicts);
}

}  // namespace dyad::cli
