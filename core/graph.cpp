// KnowledgeGraph: merge rules and sorted views.
#include "core/graph.h"

#include <algorithm>

#include "core/error.h"
#include "core/pipeline.h"

namespace dyad {
namespace {

void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool evidence_less(const Evidence& a, const Evidence& b) {
    return std::tie(a.doc_id, a.sentence.begin, a.subject.begin, a.object.begin, a.rule) <
           std::tie(b.doc_id, b.sentence.begin, b.subject.begin, b.object.begin, b.rule);
}

}  // namespace

KnowledgeGraph::KnowledgeGraph(const KnowledgeGraph& other) : graph_(other.graph_) { reindex(); }
KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&& other) : graph_(other.graph_) { reindex(); }

KnowledgeGraph& KnowledgeGraph::operator=(const KnowledgeGraph& other) {
    if (this != &other) {
        graph_ = other.graph_;
        reindex();
    }
    return *this;
}

KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&& other) {
    return *this = static_cast<const KnowledgeGraph&>(other);
}

void KnowledgeGraph::reindex() {
    vertices_.clear();
    edges_.clear();
    for (auto [b, e] = boost::vertices(graph_); b != e; ++b) vertices_.emplace(graph_[*b].key, *b);
    for (auto [b, e] = boost::edges(graph_); b != e; ++b) {
        const auto& r = graph_[*b];
        edges_.emplace(std::make_tuple(r.subject, r.predicate, r.object, r.negated), *b);
    }
}

void KnowledgeGraph::add_or_merge(const Entity& entity) {
    auto it = vertices_.find(entity.key);
    if (it == vertices_.end()) {
        auto v = boost::add_vertex(entity, graph_);
        auto& e = graph_[v];
        sort_unique(e.alt_names);
        sort_unique(e.same_as);
        vertices_.emplace(entity.key, v);
        return;
    }
    auto& e = graph_[it->second];
    for (const auto& a : entity.alt_names)
        if (a != e.name) e.alt_names.push_back(a);
    e.same_as.insert(e.same_as.end(), entity.same_as.begin(), entity.same_as.end());
    sort_unique(e.alt_names);
    sort_unique(e.same_as);
}

void KnowledgeGraph::add_or_merge(const Relation& relation) {
    auto s = vertices_.find(relation.subject);
    auto o = vertices_.find(relation.object);
    DYAD_ASSERT(s != vertices_.end() && o != vertices_.end(), "relation end missing from the graph");
    auto key = std::make_tuple(relation.subject, relation.predicate, relation.object, relation.negated);
    auto it = edges_.find(key);
    if (it == edges_.end()) {
        auto [edge, added] = boost::add_edge(s->second, o->second, relation, graph_);
        (void)added;
        auto& r = graph_[edge];
        std::sort(r.evidence.begin(), r.evidence.end(), evidence_less);
        edges_.emplace(std::move(key), edge);
        return;
    }
    auto& r = graph_[it->second];
    merge_relation(r, relation);
    std::sort(r.evidence.begin(), r.evidence.end(), evidence_less);
}

const Entity* KnowledgeGraph::find(const std::string& key) const {
    auto it = vertices_.find(key);
    return it == vertices_.end() ? nullptr : &graph_[it->second];
}

std::vector<const Entity*> KnowledgeGraph::entities_sorted() const {
    std::vector<const Entity*> out;
    for (auto [b, e] = boost::vertices(graph_); b != e; ++b) out.push_back(&graph_[*b]);
    std::sort(out.begin(), out.end(), [](const Entity* a, const Entity* b) { return a->key < b->key; });
    return out;
}

std::vector<const Relation*> KnowledgeGraph::relations_sorted() const {
    std::vector<const Relation*> out;
    for (const auto& [key, edge] : edges_) out.push_back(&graph_[edge]);
    return out;  // the map is ordered by (subject, predicate, object, negated)
}

bool KnowledgeGraph::operator==(const KnowledgeGraph& other) const {
    const auto a = entities_sorted(), b = other.entities_sorted();
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(*a[i] == *b[i])) return false;
    const auto ra = relations_sorted(), rb = other.relations_sorted();
    if (ra.size() != rb.size()) return false;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        auto x = *ra[i], y = *rb[i];
        // Confidence goes through SQLite's REAL; compare it with a tolerance.
        if (std::abs(x.confidence - y.confidence) > 1e-5f) return false;
        x.confidence = y.confidence = 0;
        if (!(x == y)) return false;
    }
    return true;
}

}  // namespace dyad
