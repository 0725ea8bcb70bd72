// dyad stats : counts by entity type and by predicate; with --top N, components and central entities.
#include <iostream>

#include "cli/commands.h"
#include "core/query.h"
#include "core/store.h"

namespace dyad::cli {

void add_stats(CLI::App& app, Context& ctx) {
    auto top = std::make_shared<std::size_t>(0);
    add_db_option(app, ctx);
    app.add_option("--top", *top, "also connected components and the N most central entities (degree, betweenness)");
    app.callback([&ctx, top] {
        const auto s = Store::open(ctx.db, Store::Mode::ReadOnly).stats();
        std::cout << "documents\t" << s.documents << "\n"
                  << "entities\t" << s.entities << "\n";
        for (const auto& [type, n] : s.entities_by_type) std::cout << "  " << type << "\t" << n << "\n";
        std::cout << "relations\t" << s.relations - s.negated_relations << "\n";
        for (const auto& [p, n] : s.relations_by_predicate) std::cout << "  " << p << "\t" << n << "\n";
        std::cout << "negated relations\t" << s.negated_relations << "\n"
                  << "evidence sentences\t" << s.evidence << "\n";
        if (*top == 0) return;
        const auto ws = Workspace::open(ctx.db);
        write(analyze(ws.graph(), *top), ws, std::cout);
    });
}

}  // namespace dyad::cli
