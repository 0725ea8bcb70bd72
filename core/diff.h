// `dyad diff OLD.db NEW.db`: what a rule or dictionary change did to the graph of a fixed corpus.
// Entities, relations and documents gained and lost, and relations whose evidence or qualifiers
// changed, each with the sentences involved.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/query.h"

namespace dyad {

struct EntityChange {
    const Entity* before = nullptr;
    const Entity* after = nullptr;     // same key; name, type or alternate names differ
    std::vector<std::string> changes;  // "name: Mexico -> United Mexican States", "alternate names +Mexican"
};

struct RelationChange {
    const Relation* before = nullptr;
    const Relation* after = nullptr;               // same subject, predicate, object and negation
    std::vector<const Evidence*> evidence_gained;  // in `after` only
    std::vector<const Evidence*> evidence_lost;    // in `before` only
    std::vector<std::string> qualifiers;           // "topics +topic/trade", "time historical -> current"...
};

struct GraphDiff {
    std::vector<std::string> documents_gained, documents_lost;  // document ids
    std::vector<const Entity*> entities_gained, entities_lost;  // by key
    std::vector<EntityChange> entities_changed;
    std::vector<const Relation*> relations_gained, relations_lost;  // in relation order
    std::vector<RelationChange> relations_changed;
    bool empty() const;
};

/// Compares two graphs; the answer points into both, which must outlive it.
GraphDiff diff(const Workspace& before, const Workspace& after);

void write(const GraphDiff& d, const Workspace& before, const Workspace& after, OutputFormat format, std::ostream& out);

/// Opens both databases (read-only), compares and writes. Returns true when they differ.
/// @throws Error (Storage) when a database cannot be read.
bool run_diff(const std::filesystem::path& before, const std::filesystem::path& after, OutputFormat format,
              std::ostream& out);

}  // namespace dyad
