// The export extension interface: one graph in, one format out.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/graph.h"

namespace dyad {

struct ExportOptions {
    bool include_negated = false;             // negated relations are left out of the positive graph
    std::vector<Predicate> predicates;        // only these (all when empty)
    bool include_isolated = false;            // DOT/render: also entities with no exported relation
};

/// What it represents: one output format.
/// Thread safety: write() is const; exporters hold no per-call state.
class Exporter {
public:
    virtual ~Exporter() = default;
    /// Writes the whole graph. Output is deterministic: same graph, same bytes.
    /// @throws Error (Export) when the underlying library fails.
    virtual void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const = 0;
};

/// True when the options keep this relation.
bool exported(const Relation& r, const ExportOptions& options);

}  // namespace dyad
