// The only file that knows every format. Adding one = its .cpp file + one X(...) line here.
#include "exporters/registry.h"

#include <algorithm>

#include "core/error.h"

namespace dyad {

bool exported(const Relation& r, const ExportOptions& options) {
    if (r.negated && !options.include_negated) return false;
    if (options.predicates.empty()) return true;
    return std::find(options.predicates.begin(), options.predicates.end(), r.predicate) != options.predicates.end();
}

}  // namespace dyad

namespace dyad::exporters {

#define DYAD_FORMATS(X)                                                                            \
    X(jsonld, ".jsonld", "JSON-LD 1.1 with an inline @context (schema.org, PROV-O, Web Annotation)") \
    X(dot, ".dot", "Graphviz DOT, styled by entity type and predicate")                            \
    X(nt, ".nt", "N-Triples: the JSON-LD export's triples, one per line")                          \
    X(nq, ".nq", "N-Quads: the same triples, relations in one named graph per document")           \
    X(graphml, ".graphml", "GraphML with typed attributes, for Gephi, yEd, Cytoscape and networkx")   \
    X(neo4j, "", "a folder: nodes.csv and relationships.csv for neo4j-admin import, and import.cypher")

#define DYAD_DECLARE(name, ext, summary) std::unique_ptr<Exporter> make_##name();
DYAD_FORMATS(DYAD_DECLARE)

namespace {
#define DYAD_ROW(name, ext, summary) FormatInfo{#name, ext, summary},
constexpr FormatInfo kFormats[] = {DYAD_FORMATS(DYAD_ROW)};
}  // namespace

std::span<const FormatInfo> formats() { return kFormats; }

std::unique_ptr<Exporter> make_exporter(std::string_view format) {
#define DYAD_MAKE(name, ext, summary)                                                              \
    if (format == #name) return make_##name();
    DYAD_FORMATS(DYAD_MAKE)
    std::string known;
    for (const auto& f : kFormats) known += (known.empty() ? "" : ", ") + std::string(f.name);
    throw Error(ErrorKind::Usage, "unknown format '" + std::string(format) + "'; choose one of: " + known);
}

}  // namespace dyad::exporters
