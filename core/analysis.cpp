// The undirected link view (one edge per linked pair, vertices in key order) and the Boost.Graph
// algorithms that run on it.
#include "core/analysis.h"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "core/error.h"

namespace dyad {
namespace {

using LinkGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using LinkVertex = LinkGraph::vertex_descriptor;

struct LinkView {
    LinkGraph g;
    std::vector<const Entity*> entity;  // by vertex index, in key order
    std::unordered_map<std::string, LinkVertex> index;

    LinkVertex vertex(const std::string& key) const {
        auto it = index.find(key);
        if (it == index.end())
            throw Error(ErrorKind::Usage, "'" + key + "' is not in the graph; check the name or key");
        return it->second;
    }
};

// Vertices in key order and edges added in sorted pair order, so every adjacency list is sorted
// by key and traversals are the same for the same graph content.
LinkView link_view(const KnowledgeGraph& graph, const LinkFilter& filter) {
    LinkView view;
    for (const auto* e : graph.entities_sorted()) {
        view.index.emplace(e->key, view.entity.size());
        view.entity.push_back(e);
    }
    view.g = LinkGraph(view.entity.size());
    std::set<std::pair<LinkVertex, LinkVertex>> pairs;
    for (const auto* r : graph.relations_sorted()) {
        if (!filter.keep(*r) || r->subject == r->object) continue;
        const auto s = view.index.at(r->subject), o = view.index.at(r->object);
        pairs.insert(std::minmax(s, o));
    }
    for (const auto& [u, v] : pairs) boost::add_edge(u, v, view.g);
    return view;
}

constexpr std::size_t kUnreached = static_cast<std::size_t>(-1);

// Breadth-first search from the sources: hop counts and BFS-tree parents.
struct Tree {
    std::vector<std::size_t> distance;
    std::vector<LinkVertex> parent;
};

Tree bfs(const LinkView& view, const std::vector<LinkVertex>& sources) {
    const auto n = boost::num_vertices(view.g);
    Tree t{std::vector<std::size_t>(n, kUnreached), std::vector<LinkVertex>(n)};
    for (LinkVertex v = 0; v < n; ++v) t.parent[v] = v;
    for (auto s : sources) t.distance[s] = 0;
    auto distance = boost::make_iterator_property_map(t.distance.begin(), boost::get(boost::vertex_index, view.g));
    auto parent = boost::make_iterator_property_map(t.parent.begin(), boost::get(boost::vertex_index, view.g));
    std::vector<boost::default_color_type> colors(n);
    auto color = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, view.g));
    boost::queue<LinkVertex> queue;
    boost::breadth_first_search(
        view.g, sources.begin(), sources.end(), queue,
        boost::make_bfs_visitor(std::make_pair(boost::record_distances(distance, boost::on_tree_edge()),
                                               boost::record_predecessors(parent, boost::on_tree_edge()))),
        color);
    return t;
}

}  // namespace

bool LinkFilter::keep(const Relation& r) const {
    if (r.negated && !include_negated) return false;
    return predicates.empty() || std::find(predicates.begin(), predicates.end(), r.predicate) != predicates.end();
}

Reach reach(const KnowledgeGraph& graph, const std::vector<std::string>& sources, std::size_t max_depth,
            const LinkFilter& filter) {
    const auto view = link_view(graph, filter);
    std::vector<LinkVertex> starts;
    for (const auto& key : sources) starts.push_back(view.vertex(key));
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    const auto tree = bfs(view, starts);
    Reach out;
    for (LinkVertex v = 0; v < tree.distance.size(); ++v) {
        if (tree.distance[v] == kUnreached || tree.distance[v] > max_depth) continue;
        out.depth.emplace(view.entity[v]->key, tree.distance[v]);
        if (tree.parent[v] != v) out.parent.emplace(view.entity[v]->key, view.entity[tree.parent[v]]->key);
    }
    return out;
}

std::vector<std::string> shortest_path(const KnowledgeGraph& graph, const std::string& from, const std::string& to,
                                       const LinkFilter& filter) {
    const auto view = link_view(graph, filter);
    const auto s = view.vertex(from), t = view.vertex(to);
    const auto tree = bfs(view, {s});
    if (tree.distance[t] == kUnreached) return {};
    std::vector<std::string> chain;
    for (auto v = t;; v = tree.parent[v]) {
        chain.push_back(view.entity[v]->key);
        if (v == s) break;
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

GraphAnalysis analyze(const KnowledgeGraph& graph, std::size_t top, const LinkFilter& filter) {
    const auto view = link_view(graph, filter);
    const auto n = boost::num_vertices(view.g);
    const auto index = boost::get(boost::vertex_index, view.g);
    GraphAnalysis out;

    std::vector<int> component(n);
    boost::connected_components(view.g, boost::make_iterator_property_map(component.begin(), index));
    std::map<int, std::size_t> sizes;
    for (LinkVertex v = 0; v < n; ++v) {
        if (boost::out_degree(v, view.g) == 0) {
            ++out.isolated_entities;
            continue;
        }
        ++out.linked_entities;
        ++sizes[component[v]];
    }
    for (const auto& [c, size] : sizes) out.component_sizes.push_back(size);
    std::sort(out.component_sizes.rbegin(), out.component_sizes.rend());

    std::vector<double> centrality(n, 0.0);
    boost::brandes_betweenness_centrality(
        view.g, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(), index)));
    std::vector<CentralEntity> all;
    for (LinkVertex v = 0; v < n; ++v)
        if (boost::out_degree(v, view.g) > 0)
            // Rounded, so that equal scores compare equal whatever order Brandes summed them in.
            all.push_back({view.entity[v]->key, boost::out_degree(v, view.g), std::round(centrality[v] * 1e6) / 1e6});
    auto take = [&](auto better) {
        auto sorted = all;
        std::stable_sort(sorted.begin(), sorted.end(), better);  // `all` is in key order: ties stay by key
        if (sorted.size() > top) sorted.resize(top);
        return sorted;
    };
    out.by_degree = take([](const CentralEntity& a, const CentralEntity& b) { return a.degree > b.degree; });
    out.by_betweenness =
        take([](const CentralEntity& a, const CentralEntity& b) { return a.betweenness > b.betweenness; });
    return out;
}

}  // namespace dyad
