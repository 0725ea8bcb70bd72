// dyad list : the extraction stages and export formats, from their registries.
#include <iostream>

#include "cli/commands.h"
#include "exporters/registry.h"
#include "extractors/registry.h"

namespace dyad::cli {

void add_list(CLI::App& app, Context&) {
    app.callback([] {
        std::cout << "extraction stages (in order):\n";
        for (const auto& s : extractors::stages())
            std::cout << "  " << s.name << (s.relation_stage ? " (relations)" : "") << "\t" << s.summary << "\n";
        std::cout << "export formats:\n";
        for (const auto& f : exporters::formats())
            std::cout << "  " << f.name << "\t" << f.extension << "\t" << f.summary << "\n";
        std::cout << "render formats: svg, png, pdf (by the -o extension)\n";
    });
}

}  // namespace dyad::cli
