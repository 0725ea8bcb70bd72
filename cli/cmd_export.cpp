// dyad export : the graph in one of the registry's formats, to a file (written whole) or stdout,
// or, for a format made of several files (neo4j), into a folder.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

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

namespace {

// A directory format: each file is written beside its final name and renamed when all are
// complete, so a failed export leaves the folder's previous files as they were.
void write_folder(const Exporter& exporter, const KnowledgeGraph& graph, const ExportOptions& options,
                  const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
        throw Error(ErrorKind::Export, dir.string() + ": exists and is not a folder; pass a folder to -o");
    std::filesystem::create_directory(dir, ec);
    if (ec)
        throw Error(ErrorKind::Export, dir.string() + ": cannot create the folder: " + ec.message() +
                                           "; check that its parent exists and is writable");
    std::map<std::string, std::unique_ptr<std::ofstream>> files;
    auto tmp = [&](const std::string& name) { return dir / (name + ".tmp"); };
    auto discard = [&] {
        for (auto& [name, file] : files) {
            file->close();
            std::error_code ignored;
            std::filesystem::remove(tmp(name), ignored);
        }
    };
    try {
        exporter.write_files(graph, options, [&](const std::string& name) -> std::ostream& {
            DYAD_ASSERT(name.find('/') == std::string::npos && !files.count(name), "bad file name from a format");
            auto file = std::make_unique<std::ofstream>(tmp(name), std::ios::binary);
            if (!*file)
                throw Error(ErrorKind::Export, tmp(name).string() + ": cannot write; check the folder is writable");
            return *files.emplace(name, std::move(file)).first->second;
        });
        for (auto& [name, file] : files) {
            file->close();
            if (!*file) throw Error(ErrorKind::Export, tmp(name).string() + ": writing failed (disk full?)");
        }
    } catch (...) {
        discard();
        throw;
    }
    for (const auto& [name, file] : files) {
        std::filesystem::rename(tmp(name), dir / name, ec);
        if (ec) throw Error(ErrorKind::Export, (dir / name).string() + ": cannot write: " + ec.message());
    }
}

}  // namespace

void add_export(CLI::App& app, Context& ctx) {
    struct Options {
        std::string format;
        std::string output = "-";
        std::vector<std::string> predicates;
        bool include_negated = false;
        bool all_entities = false;
        std::vector<std::string> focus;
        std::size_t depth = 1;
        bool frame = false;
    };
    auto opts = std::make_shared<Options>();
    add_db_option(app, ctx);
    std::string names;
    for (const auto& f : exporters::formats()) names += (names.empty() ? "" : ", ") + std::string(f.name);
    app.add_option("-f,--format", opts->format, names + " (default: from the -o extension, else jsonld)");
    app.add_option("-o,--output", opts->output, "output file, - for stdout; a folder for neo4j")->capture_default_str();
    app.add_option("--predicate", opts->predicates, "only these predicates (comma-separated)")->delimiter(',');
    app.add_flag("--all-entities", opts->all_entities, "dot/render: also draw entities with no relation");
    auto* focus =
        app.add_option("--focus", opts->focus, "only what lies within --depth links of this entity (repeatable)");
    app.add_option("--depth", opts->depth, "with --focus: how many links away")->capture_default_str()->needs(focus);
    app.add_flag("--include-negated", opts->include_negated, "also export negated relations (marked)");
    app.add_flag("--frame", opts->frame, "jsonld: one node per entity with its statements nested in it");
    app.callback([&ctx, opts] {
        auto format = opts->format;
        if (format.empty()) {
            const auto ext = std::filesystem::path(opts->output).extension().string();
            format = "jsonld";
            for (const auto& f : exporters::formats())
                if (!f.extension.empty() && ext == f.extension) format = std::string(f.name);
        }
        const auto exporter = exporters::make_exporter(format);
        if (opts->frame && format != "jsonld")
            throw Error(ErrorKind::Usage, "--frame applies to --format jsonld only, not " + format);
        const auto ws = opts->focus.empty() ? Workspace::open(ctx.db) : Workspace::open(ctx.db, ctx.data);
        const auto& graph = ws.graph();
        ExportOptions options;
        options.include_negated = opts->include_negated;
        options.include_isolated = opts->all_entities;
        options.predicates = parse_predicates(opts->predicates);
        for (const auto& name : opts->focus) options.focus.push_back(ws.resolve(name).key);
        options.depth = opts->depth;
        options.frame = opts->frame;
        if (exporter->writes_directory() && opts->output == "-")
            throw Error(ErrorKind::Usage, format + " writes a folder of files; pass -o FOLDER");
        const auto summary = std::to_string(graph.entity_count()) + " entities, " +
                             std::to_string(graph.relation_count()) + " relations (" + format + ")";
        if (exporter->writes_directory()) {
            write_folder(*exporter, graph, options, opts->output);
            ctx.out.info(opts->output + ": " + summary);
            return;
        }
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
            if (!file)
                throw Error(ErrorKind::Export,
                            opts->output + ": cannot write; check the folder exists and is writable");
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
        ctx.out.info(opts->output + ": " + summary);
    });
}

}  // namespace dyad::cli
