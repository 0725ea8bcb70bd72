// dyad export : the graph as JSON-LD or DOT, to a file (written whole) or stdout.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/query.h"
#include "exporters/registry.h"

namespace dyad::cli {

std::vector<Predicate> parse_predicates(const std::vector<std::string>& names) {
    std::vector<Predicate> out;
    for (const auto& n : names) {
        const auto p = parse_predicate(n);
        if (!p) {
            std::string known;
            for (const auto& row : all_predicates()) known += (known.empty() ? "" : ", ") + std::string(row.name);
            throw Error(ErrorKind::Usage, "unknown predicate '" + n + "'; choose from: " + known);
        }
        out.push_back(*p);
    }
    return out;
}

void add_export(CLI::App& app, Context& ctx) {
    struct Options {
        std::string format;
        std::string output = "-";
        std::vector<std::string> predicates;
        bool include_negated = false;
        bool all_entities = false;
        std::vector<std::string> focus;
        std::size_t depth = 1;
    };
    auto opts = std::make_shared<Options>();
    add_db_option(app, ctx);
    app.add_option("-f,--format", opts->format, "jsonld or dot (default: from the -o extension, else jsonld)");
    app.add_option("-o,--output", opts->output, "output file, - for stdout")->capture_default_str();
    app.add_option("--predicate", opts->predicates, "only these predicates (comma-separated)")->delimiter(',');
    app.add_flag("--all-entities", opts->all_entities, "dot/render: also draw entities with no relation");
    auto* focus = app.add_option("--focus", opts->focus, "only what lies within --depth links of this entity (repeatable)");
    app.add_option("--depth", opts->depth, "with --focus: how many links away")->capture_default_str()->needs(focus);
    app.add_flag("--include-negated", opts->include_negated, "also export negated relations (marked)");
    app.callback([&ctx, opts] {
        auto format = opts->format;
        if (format.empty()) {
            const auto ext = std::filesystem::path(opts->output).extension().string();
            format = "jsonld";
            for (const auto& f : exporters::formats())
                if (ext == f.extension) format = std::string(f.name);
        }
        const auto exporter = exporters::make_exporter(format);
        const auto ws = opts->focus.empty() ? Workspace::open(ctx.db) : Workspace::open(ctx.db, ctx.data);
        const auto& graph = ws.graph();
        ExportOptions options;
        options.include_negated = opts->include_negated;
        options.include_isolated = opts->all_entities;
        options.predicates = parse_predicates(opts->predicates);
        for (const auto& name : opts->focus) options.focus.push_back(ws.resolve(name).key);
        options.depth = opts->depth;
        if (opts->output == "-") {
            exporter->write(graph, options, std::cout);
            return;
        }
        // Write beside the target and rename: a failed export never leaves half a file.
        const std::filesystem::path out(opts->output);
        auto tmp = out;
        tmp += ".tmp";
        {
            std::ofstream file(tmp, std::ios::binary);
            if (!file) throw Error(ErrorKind::Export, opts->output + ": cannot write; check the folder exists and is writable");
            try {
                exporter->write(graph, options, file);
            } catch (...) {
                file.close();
                std::error_code ec;
                std::filesystem::remove(tmp, ec);
                throw;
            }
        }
        std::error_code ec;
        std::filesystem::rename(tmp, out, ec);
        if (ec) throw Error(ErrorKind::Export, opts->output + ": cannot write: " + ec.message());
        ctx.out.info(opts->output + ": " + std::to_string(graph.entity_count()) + " entities, " +
                     std::to_string(graph.relation_count()) + " relations (" + format + ")");
    });
}

}  // namespace dyad::cli
