// The only file that knows every format. Adding one = its .cpp file + one X(...) line here.
#include "exporters/registry.h"

#include <algorithm>

#include "core/analysis.h"
#include "core/error.h"

namespace dyad {

bool exported(const Relation& r, const ExportOptions& options) {
    if (r.negated && !options.include_negated) return false;
    if (options.predicates.empty()) return true;
    return std::find(options.predicates.begin(), options.predicates.end(), r.predicate) != options.predicates.end();
}

std::optional<std::set<std::string>> export_scope(const KnowledgeGraph& graph, const ExportOptions& options) {
    if (options.focus.empty()) return std::nullopt;
    LinkFilter links;
    links.predicates = options.predicates;
    links.include_negated = options.include_negated;
    std::set<std::string> scope;
    for (const auto& [key, depth] : reach(graph, options.focus, options.depth, links).depth) scope.insert(key);
    return scope;
}

std::vector<const Relation*> exported_relations(const KnowledgeGraph& graph, const ExportOptions& options,
                                                const std::optional<std::set<std::string>>& scope) {
    std::vector<const Relation*> out;
    for (const auto* r : graph.relations_sorted())
        if (exported(*r, options) && (!scope || (scope->count(r->subject) && scope->count(r->object))))
            out.push_back(r);
    return out;
}

}  // namespace dyad

namespace dyad::exporters {

#define DYAD_FORMATS(X)                                                                              \
    X(jsonld, ".jsonld", "JSON-LD 1.1 with an inline @context (schema.org, PROV-O, Web Annotation)") \
    X(dot, ".dot", "Graphviz DOT, styled by entity type and predicate")                              \
    X(nt, ".nt", "N-Triples: the JSON-LD export's triples, one per line")                            \
    X(nq, ".nq", "N-Quads: the same triples, relations in one named graph per document")             \
    X(graphml, ".graphml", "GraphML with typed attributes, for Gephi, yEd, Cytoscape and networkx")  \
    X(neo4j, "", "a folder: nodes.csv and relationships.csv for neo4j-admin import, and import.cypher")

#define DYAD_DECLARE(name, ext, summary) std::unique_ptr<Exporter> make_##name();
DYAD_FORMATS(DYAD_DECLARE)

namespace {
#define DYAD_ROW(name, ext, summary) FormatInfo{#name, ext, summary},
constexpr FormatInfo kFormats[] = {DYAD_FORMATS(DYAD_ROW)};
}  // namespace

std::span<const FormatInfo> formats() { return kFormats; }

std::unique_ptr<Exporter> make_exporter(std::string_view format) {
#define DYAD_MAKE(name, ext, summary) \
    if (format == #name) return make_##name();
    DYAD_FORMATS(DYAD_MAKE)
    std::string known;
    for (const auto& f : kFormats) known += (known.empty() ? "" : ", ") + std::string(f.name);
    throw Error(ErrorKind::Usage, "unknown format '" + std::string(format) + "'; choose one of: " + known);
}

}  // namespace dyad::exporters
