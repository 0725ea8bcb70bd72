// The knowledge graph in memory: a Boost.Graph adjacency list with bundled Entity and Relation.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/model.h"

namespace dyad {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Entity, Relation>;

/// What it represents: entities (vertices, unique by key) and relations (edges, unique by subject,
/// predicate, object and negation), merged as documents are added.
/// Thread safety: none; build it on one thread, then share it read-only.
class KnowledgeGraph {
public:
    KnowledgeGraph() = default;
    // The edge index holds Boost edge descriptors, which point into the adjacency list's own edge
    // storage, and Boost's adjacency_list copies even when moved: copies rebuild the indexes.
    KnowledgeGraph(const KnowledgeGraph& other);
    KnowledgeGraph(KnowledgeGraph&& other);
    KnowledgeGraph& operator=(const KnowledgeGraph& other);
    KnowledgeGraph& operator=(KnowledgeGraph&& other);
    ~KnowledgeGraph() = default;

    /// Adds the entity or merges its names and sameAs into the existing one.
    void add_or_merge(const Entity& entity);
    /// Adds the relation or merges it (evidence, topics, vehicles, confidence).
    /// @throws Error (Internal) when an end is not in the graph.
    void add_or_merge(const Relation& relation);

    const Entity* find(const std::string& key) const;
    std::vector<const Entity*> entities_sorted() const;
    /// Sorted by (subject, predicate, object, negated); evidence inside sorted by (doc, offset).
    std::vector<const Relation*> relations_sorted() const;
    std::size_t entity_count() const { return boost::num_vertices(graph_); }
    std::size_t relation_count() const { return boost::num_edges(graph_); }
    const BoostGraph& boost() const { return graph_; }

    bool operator==(const KnowledgeGraph& other) const;

private:
    void reindex();
    using Vertex = BoostGraph::vertex_descriptor;
    using Edge = BoostGraph::edge_descriptor;
    BoostGraph graph_;
    std::unordered_map<std::string, Vertex> vertices_;
    std::map<std::tuple<std::string, Predicate, std::string, bool>, Edge> edges_;
};

}  // namespace dyad
