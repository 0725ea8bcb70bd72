// dyad check-data : loads every dictionary and pattern file, reporting the first error as file:line.
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "core/data_dir.h"
#include "extractors/registry.h"

namespace dyad::cli {

void add_check_data(CLI::App& app, Context& ctx) {
    app.callback([&ctx] {
        const auto dir = find_data_dir(ctx.data);
        auto pipeline = extractors::make_pipeline(dir);
        std::map<std::string, std::size_t> by_type;
        std::size_t surfaces = 0;
        for (const auto& e : pipeline->knowledge().lexicon.entries()) {
            ++by_type[std::string(to_string(e.type))];
            surfaces += e.surfaces.size();
        }
        std::cout << dir.string() << ": ok\n";
        for (const auto& [type, n] : by_type) std::cout << "  " << type << "\t" << n << "\n";
        std::cout << "  surface forms\t" << surfaces << "\n";
    });
}

}  // namespace dyad::cli
