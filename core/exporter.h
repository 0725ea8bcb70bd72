// The export extension interface: one graph in, one format out.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/graph.h"

namespace dyad {

struct ExportOptions {
    bool include_negated = false;       // negated relations are left out of the positive graph
    std::vector<Predicate> predicates;  // only these (all when empty)
    bool include_isolated = false;      // DOT/render: also entities with no exported relation
    std::vector<std::string> focus;     // entity keys: only what lies within `depth` links of them
    std::size_t depth = 1;              // with a focus: how many links away (over kept relations)
    std::string blank_prefix;           // N-Triples/N-Quads: blank node labels _:<prefix>b0...
    bool frame = false;                 // JSON-LD: each entity with its statements nested (--frame)
};

/// The stream a multi-file format writes one of its files to, by plain file name ("nodes.csv").
/// The CLI maps names to files in the output folder, tests to strings.
using FileSink = std::function<std::ostream&(const std::string& name)>;

/// What it represents: one output format.
/// Thread safety: write() is const; exporters hold no per-call state.
///
/// Most formats are one stream. A format made of several files (Neo4j's nodes.csv,
/// relationships.csv, import.cypher) says so with writes_directory() and writes through a
/// FileSink. This is a flag and one optional method rather than a second interface, so the
/// registry stays one table (one factory, one `--format` list, one `dyad list`), and the caller
/// still owns every file: the library writes only to streams, and the CLI keeps its
/// write-then-rename rule for each file.
class Exporter {
public:
    virtual ~Exporter() = default;
    /// Writes the whole graph. Output is deterministic: same graph, same bytes.
    /// @throws Error (Export) when the underlying library fails; Error (Usage) from a format that
    /// writes a directory.
    virtual void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const = 0;
    /// True for formats made of several files: call write_files() instead of write().
    virtual bool writes_directory() const { return false; }
    /// Writes each file of a directory format through `sink`, deterministically.
    /// @throws Error (Export) when writing fails; Error (Internal) for a one-stream format.
    virtual void write_files(const KnowledgeGraph&, const ExportOptions&, const FileSink&) const {
        throw Error(ErrorKind::Internal, "internal error: write_files() called on a format that writes one stream");
    }
};

/// True when the options keep this relation (negation and predicates; the focus needs the graph).
bool exported(const Relation& r, const ExportOptions& options);
/// With a focus: the keys of the entities within `depth` links of it, following the relations
/// `exported` keeps in both directions; std::nullopt without a focus (everything is in scope).
/// @throws Error (Usage) when a focus key is not in the graph.
std::optional<std::set<std::string>> export_scope(const KnowledgeGraph& graph, const ExportOptions& options);
/// The relations the options keep, in relation order: `exported` ones with both ends in scope.
std::vector<const Relation*> exported_relations(const KnowledgeGraph& graph, const ExportOptions& options,
                                                const std::optional<std::set<std::string>>& scope);

}  // namespace dyad
