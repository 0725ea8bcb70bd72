// dyad stats : counts by entity type and by predicate.
#include <iostream>

#include "cli/commands.h"
#include "core/store.h"

namespace dyad::cli {

void add_stats(CLI::App& app, Context& ctx) {
    add_db_option(app, ctx);
    app.callback([&ctx] {
        const auto s = Store::open(ctx.db, Store::Mode::ReadOnly).stats();
        std::cout << "documents\t" << s.documents << "\n"
                  << "entities\t" << s.entities << "\n";
        for (const auto& [type, n] : s.entities_by_type) std::cout << "  " << type << "\t" << n << "\n";
        std::cout << "relations\t" << s.relations - s.negated_relations << "\n";
        for (const auto& [p, n] : s.relations_by_predicate) std::cout << "  " << p << "\t" << n << "\n";
        std::cout << "negated relations\t" << s.negated_relations << "\n"
                  << "evidence sentences\t" << s.evidence << "\n";
    });
}

}  // namespace dyad::cli
