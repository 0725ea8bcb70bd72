// Graph algorithms over the knowledge graph (Boost.Graph): reach within a depth, shortest chains,
// connected components, degree and betweenness centrality. Relations are followed in both
// directions: "A partyTo X" links A and X whichever way a question walks it.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/graph.h"

namespace dyad {

/// Which relations count as links between two entities.
struct LinkFilter {
    std::vector<Predicate> predicates;  // only these (all when empty)
    bool include_negated = false;       // negated relations are not links by default
    bool keep(const Relation& r) const;
};

/// Entities within `max_depth` links of any of the sources: hop count and the entity each was
/// first reached from (breadth-first, neighbours in key order; sources have no parent).
struct Reach {
    std::map<std::string, std::size_t> depth;
    std::map<std::string, std::string> parent;
};

/// @throws Error (Usage) when a source is not in the graph.
Reach reach(const KnowledgeGraph& graph, const std::vector<std::string>& sources, std::size_t max_depth,
            const LinkFilter& filter = {});

/// The fewest-hops chain of entity keys from `from` to `to`, both included; empty when they are
/// not connected. Among equally short chains, the one breadth-first search meets first when it
/// takes neighbours in key order. @throws Error (Usage) when an end is not in the graph.
std::vector<std::string> shortest_path(const KnowledgeGraph& graph, const std::string& from, const std::string& to,
                                       const LinkFilter& filter = {});

struct CentralEntity {
    std::string key;
    std::size_t degree = 0;  // distinct linked entities
    double betweenness = 0;  // Brandes, undirected: shortest paths between other pairs through it
};

struct GraphAnalysis {
    std::size_t linked_entities = 0;            // entities with at least one link
    std::size_t isolated_entities = 0;          // the rest (mostly topics, which live on relations)
    std::vector<std::size_t> component_sizes;   // connected components of linked entities, largest first
    std::vector<CentralEntity> by_degree;       // the top entities, ties by key
    std::vector<CentralEntity> by_betweenness;  // the top entities, ties by key
};

/// Components (connected_components on the undirected view) and the `top` most central entities.
GraphAnalysis analyze(const KnowledgeGraph& graph, std::size_t top, const LinkFilter& filter = {});

}  // namespace dyad
