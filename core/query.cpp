// Workspace, the four questions, and their text and JSON forms.
#include "core/query.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/data_dir.h"
#include "core/error.h"
#include "core/json.h"
#include "core/resolve.h"
#include "core/store.h"

namespace dyad {

// ---- Workspace --------------------------------------------------------------------------------

struct Workspace::Impl {
    KnowledgeGraph graph;
    std::map<std::string, std::string> sources;
    std::optional<Lexicon> lexicon;
    NameResolver names;
    Impl(KnowledgeGraph g, std::map<std::string, std::string> s, std::optional<Lexicon> l)
        : graph(std::move(g)),
          sources(std::move(s)),
          lexicon(std::move(l)),
          names(graph, lexicon ? &*lexicon : nullptr) {}
};

Workspace::Workspace(KnowledgeGraph graph, std::map<std::string, std::string> sources, std::optional<Lexicon> lexicon)
    : impl_(std::make_unique<Impl>(std::move(graph), std::move(sources), std::move(lexicon))) {}
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;
Workspace::~Workspace() = default;

Workspace Workspace::open(const std::filesystem::path& db) {
    const auto store = Store::open(db, Store::Mode::ReadOnly);
    return Workspace(store.load_graph(), store.document_sources());
}

Workspace Workspace::open(const std::filesystem::path& db, const std::string& data_dir) {
    const auto store = Store::open(db, Store::Mode::ReadOnly);
    auto lexicon = Lexicon::load(find_data_dir(data_dir));
    return Workspace(store.load_graph(), store.document_sources(), std::move(lexicon));
}

const KnowledgeGraph& Workspace::graph() const { return impl_->graph; }
const Entity& Workspace::resolve(std::string_view name) const { return impl_->names.resolve(name); }

std::string Workspace::source(const std::string& doc_id) const {
    auto it = impl_->sources.find(doc_id);
    return it == impl_->sources.end() ? doc_id : it->second;
}

const std::map<std::string, std::string>& Workspace::documents() const { return impl_->sources; }

std::string Workspace::name(const std::string& key) const {
    const auto* e = impl_->graph.find(key);
    return e ? e->name : key;
}

OutputFormat parse_output_format(std::string_view name) {
    if (name == "text") return OutputFormat::Text;
    if (name == "json") return OutputFormat::Json;
    throw Error(ErrorKind::Usage, "--format: unknown output format '" + std::string(name) + "'; choose text or json");
}

// ---- the answers ------------------------------------------------------------------------------

namespace {

using PairKey = std::pair<std::string, std::string>;

PairKey pair_key(const std::string& a, const std::string& b) { return a < b ? PairKey{a, b} : PairKey{b, a}; }

// The links of the graph by unordered pair of ends, in relation order.
std::map<PairKey, std::vector<const Relation*>> links_by_pair(const KnowledgeGraph& graph, const LinkFilter& filter) {
    std::map<PairKey, std::vector<const Relation*>> out;
    for (const auto* r : graph.relations_sorted())
        if (filter.keep(*r)) out[pair_key(r->subject, r->object)].push_back(r);
    return out;
}

const Entity& entity(const KnowledgeGraph& graph, const std::string& key) {
    const auto* e = graph.find(key);
    if (!e) throw Error(ErrorKind::Usage, "'" + key + "' is not in the graph; check the name or key");
    return *e;
}

std::vector<const Relation*> take(const std::map<PairKey, std::vector<const Relation*>>& links, const std::string& a,
                                  const std::string& b) {
    auto it = links.find(pair_key(a, b));
    return it == links.end() ? std::vector<const Relation*>{} : it->second;
}

}  // namespace

NeighborsAnswer neighbors(const KnowledgeGraph& graph, const std::string& key, std::size_t depth,
                          const LinkFilter& filter) {
    NeighborsAnswer answer;
    answer.focus = &entity(graph, key);
    answer.depth = depth;
    answer.filter = filter;
    const auto r = reach(graph, {key}, depth, filter);
    const auto links = links_by_pair(graph, filter);
    for (const auto& [k, d] : r.depth) {
        if (k == key) continue;
        Neighbor n;
        n.entity = &entity(graph, k);
        n.depth = d;
        const auto& via = r.parent.at(k);
        n.via = &entity(graph, via);
        n.relations = take(links, via, k);
        answer.neighbors.push_back(std::move(n));
    }
    std::stable_sort(answer.neighbors.begin(), answer.neighbors.end(),
                     [](const Neighbor& a, const Neighbor& b) { return a.depth < b.depth; });
    return answer;
}

BetweenAnswer between(const KnowledgeGraph& graph, const std::string& a, const std::string& b,
                      const std::vector<Predicate>& predicates) {
    BetweenAnswer answer;
    answer.a = &entity(graph, a);
    answer.b = &entity(graph, b);
    LinkFilter filter;
    filter.predicates = predicates;
    filter.include_negated = true;
    answer.relations = take(links_by_pair(graph, filter), a, b);
    return answer;
}

PathAnswer path(const KnowledgeGraph& graph, const std::string& from, const std::string& to, const LinkFilter& filter) {
    PathAnswer answer;
    answer.from = &entity(graph, from);
    answer.to = &entity(graph, to);
    const auto chain = shortest_path(graph, from, to, filter);
    answer.found = !chain.empty();
    const auto links = links_by_pair(graph, filter);
    for (std::size_t i = 1; i < chain.size(); ++i)
        answer.hops.push_back(
            {&entity(graph, chain[i - 1]), &entity(graph, chain[i]), take(links, chain[i - 1], chain[i])});
    return answer;
}

std::vector<Conflict> conflicts(const KnowledgeGraph& graph) {
    std::vector<Conflict> out;
    const auto relations = graph.relations_sorted();  // (subject, predicate, object, negated): twins are adjacent
    for (std::size_t i = 1; i < relations.size(); ++i) {
        const auto* a = relations[i - 1];
        const auto* n = relations[i];
        if (a->negated || !n->negated || a->subject != n->subject || a->predicate != n->predicate ||
            a->object != n->object)
            continue;
        std::set<std::string> docs;
        for (const auto& e : a->evidence) docs.insert(e.doc_id);
        const bool same = std::any_of(n->evidence.begin(), n->evidence.end(),
                                      [&](const Evidence& e) { return docs.count(e.doc_id) > 0; });
        out.push_back({a, n, same});
    }
    return out;
}

// ---- text and JSON pieces ---------------------------------------------------------------------

namespace {

std::string one_line(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == ' ' && space) continue;
        space = c == ' ';
        out.push_back(c);
    }
    return out;
}

std::string names(const std::vector<std::string>& keys, const Workspace& ws) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + ws.name(k);
    return out;
}

std::string hops(std::size_t n) { return std::to_string(n) + (n == 1 ? " hop" : " hops"); }

void keys(JsonWriter& w, const char* name, const std::vector<std::string>& list) {
    w.key(name).begin_array();
    for (const auto& k : list) w.value(k);
    w.end_array();
}

void predicates_json(JsonWriter& w, const std::vector<Predicate>& predicates) {
    w.key("predicates").begin_array();
    for (auto p : predicates) w.value(to_string(p));
    w.end_array();
}

std::string predicates_text(const std::vector<Predicate>& predicates) {
    if (predicates.empty()) return "";
    std::string out;
    for (auto p : predicates) out += (out.empty() ? "" : ",") + std::string(to_string(p));
    return " (" + out + " only)";
}

void relation_text(std::ostream& out, const Relation& r, const Workspace& ws, const std::string& indent, bool quotes) {
    const auto quoted = sentences_of(r);
    out << indent << describe(r, ws) << " (" << sentences(quoted.size()) << ")\n";
    if (quotes)
        for (const auto* e : quoted) out << indent << "  " << describe(*e, ws) << "\n";
}

}  // namespace

std::vector<const Evidence*> sentences_of(const Relation& r) {
    std::vector<const Evidence*> out;
    std::set<std::pair<std::string, std::uint32_t>> seen;
    for (const auto& e : r.evidence)
        if (seen.emplace(e.doc_id, e.sentence.begin).second) out.push_back(&e);
    return out;
}

std::string sentences(std::size_t n) { return std::to_string(n) + (n == 1 ? " sentence" : " sentences"); }

std::string describe(const Entity& e) { return e.name + " (" + e.key + ")"; }

std::string describe(const Relation& r, const Workspace& ws) {
    std::string out = ws.name(r.subject) + (r.negated ? " not " : " ") + std::string(to_string(r.predicate)) + " " +
                      ws.name(r.object);
    std::vector<std::string> parts;
    const auto& q = r.qualifiers;
    if (!q.topics.empty()) parts.push_back("topics: " + names(q.topics, ws));
    if (!q.vehicles.empty()) parts.push_back("via: " + names(q.vehicles, ws));
    if (!q.time.empty()) parts.push_back("time: " + q.time);
    if (!q.modality.empty()) parts.push_back("modality: " + q.modality);
    if (q.quantity) parts.push_back("quantity: " + q.quantity->text);
    if (parts.empty()) return out;
    out += " [";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out + "]";
}

std::string describe(const Evidence& e, const Workspace& ws) {
    return "\"" + one_line(e.quote) + "\" (" + ws.source(e.doc_id) + ":" + std::to_string(e.sentence.begin) + "-" +
           std::to_string(e.sentence.end) + ")";
}

void write_json(JsonWriter& w, const Entity& e) {
    w.begin_object()
        .key("key")
        .value(e.key)
        .key("name")
        .value(e.name)
        .key("type")
        .value(to_string(e.type))
        .end_object();
}

void write_json(JsonWriter& w, const Evidence& e, const Workspace& ws) {
    w.begin_object()
        .key("document")
        .value(ws.source(e.doc_id))
        .key("document_id")
        .value(e.doc_id)
        .key("begin")
        .value(static_cast<std::int64_t>(e.sentence.begin))
        .key("end")
        .value(static_cast<std::int64_t>(e.sentence.end))
        .key("quote")
        .value(e.quote)
        .key("rule")
        .value(e.rule)
        .end_object();
}

void write_json(JsonWriter& w, const Relation& r, const Workspace& ws) {
    w.begin_object();
    w.key("subject").value(r.subject).key("subject_name").value(ws.name(r.subject));
    w.key("predicate").value(to_string(r.predicate));
    w.key("object").value(r.object).key("object_name").value(ws.name(r.object));
    w.key("negated").value(r.negated);
    keys(w, "topics", r.qualifiers.topics);
    keys(w, "vehicles", r.qualifiers.vehicles);
    w.key("time").value(r.qualifiers.time);
    w.key("modality").value(r.qualifiers.modality);
    w.key("quantity");
    if (const auto& q = r.qualifiers.quantity)
        w.begin_object()
            .key("value")
            .value(q->value)
            .key("unit")
            .value(q->unit)
            .key("hedge")
            .value(q->hedge)
            .key("text")
            .value(q->text)
            .end_object();
    else w.null();
    w.key("confidence").value(static_cast<double>(r.confidence));
    w.key("evidence").begin_array();
    for (const auto& e : r.evidence) write_json(w, e, ws);
    w.end_array();
    w.end_object();
}

// ---- the answers written ----------------------------------------------------------------------

void write(const NeighborsAnswer& a, const Workspace& ws, OutputFormat format, std::ostream& out) {
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("query").value("neighbors").key("focus");
        write_json(w, *a.focus);
        w.key("depth").value(a.depth);
        predicates_json(w, a.filter.predicates);
        w.key("neighbors").begin_array();
        for (const auto& n : a.neighbors) {
            w.begin_object().key("entity");
            write_json(w, *n.entity);
            w.key("depth").value(n.depth).key("via").value(n.via->key);
            w.key("relations").begin_array();
            for (const auto* r : n.relations) write_json(w, *r, ws);
            w.end_array().end_object();
        }
        w.end_array().end_object();
        w.finish();
        return;
    }
    out << "neighbors of " << describe(*a.focus) << " within " << hops(a.depth) << predicates_text(a.filter.predicates)
        << ": " << a.neighbors.size() << "\n";
    for (const auto& n : a.neighbors) {
        out << n.depth << "  " << n.entity->name << " (" << n.entity->key << ", " << to_string(n.entity->type) << ")";
        if (n.depth > 1) out << " via " << n.via->name;
        out << "\n";
        for (const auto* r : n.relations) relation_text(out, *r, ws, "     ", false);
    }
}

void write(const BetweenAnswer& a, const Workspace& ws, OutputFormat format, std::ostream& out) {
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("query").value("between").key("a");
        write_json(w, *a.a);
        w.key("b");
        write_json(w, *a.b);
        w.key("relations").begin_array();
        for (const auto* r : a.relations) write_json(w, *r, ws);
        w.end_array().end_object();
        w.finish();
        return;
    }
    out << "between " << describe(*a.a) << " and " << describe(*a.b) << ": " << a.relations.size()
        << (a.relations.size() == 1 ? " relation\n" : " relations\n");
    for (const auto* r : a.relations) relation_text(out, *r, ws, "", true);
}

void write(const PathAnswer& a, const Workspace& ws, OutputFormat format, std::ostream& out) {
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("query").value("path").key("from");
        write_json(w, *a.from);
        w.key("to");
        write_json(w, *a.to);
        w.key("found").value(a.found);
        w.key("hops").begin_array();
        for (const auto& h : a.hops) {
            w.begin_object().key("from").value(h.from->key).key("to").value(h.to->key);
            w.key("relations").begin_array();
            for (const auto* r : h.relations) write_json(w, *r, ws);
            w.end_array().end_object();
        }
        w.end_array().end_object();
        w.finish();
        return;
    }
    if (!a.found) {
        out << "no path from " << describe(*a.from) << " to " << describe(*a.to) << "\n";
        return;
    }
    out << "path from " << describe(*a.from) << " to " << describe(*a.to) << ": " << hops(a.hops.size()) << "\n";
    out << a.from->name;
    for (const auto& h : a.hops) out << " -> " << h.to->name;
    out << "\n";
    for (std::size_t i = 0; i < a.hops.size(); ++i) {
        out << i + 1 << ". " << a.hops[i].from->name << " -> " << a.hops[i].to->name << "\n";
        for (const auto* r : a.hops[i].relations) relation_text(out, *r, ws, "   ", true);
    }
}

void write(const std::vector<Conflict>& a, const Workspace& ws, OutputFormat format, std::ostream& out) {
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("query").value("conflicts").key("conflicts").begin_array();
        for (const auto& c : a) {
            w.begin_object().key("same_document").value(c.same_document).key("asserted");
            write_json(w, *c.asserted, ws);
            w.key("negated");
            write_json(w, *c.negated, ws);
            w.end_object();
        }
        w.end_array().end_object();
        w.finish();
        return;
    }
    out << "conflicts: " << a.size() << "\n";
    for (const auto& c : a) {
        out << describe(*c.asserted, ws) << ": asserted and negated ("
            << (c.same_document ? "in the same document" : "in different documents") << ")\n";
        for (const auto* e : sentences_of(*c.asserted)) out << "  asserted: " << describe(*e, ws) << "\n";
        for (const auto* e : sentences_of(*c.negated)) out << "  negated:  " << describe(*e, ws) << "\n";
    }
}

void write(const StoreStats& s, const GraphAnalysis* a, const Workspace* ws, OutputFormat format, std::ostream& out) {
    DYAD_ASSERT(!a || ws, "the analysis names its entities through a workspace");
    char buf[32];
    if (format == OutputFormat::Json) {
        JsonWriter w(out);
        w.begin_object().key("documents").value(s.documents).key("entities").value(s.entities);
        w.key("entities_by_type").begin_object();
        for (const auto& [type, n] : s.entities_by_type) w.key(type).value(n);
        w.end_object().key("relations").value(s.relations - s.negated_relations);
        w.key("relations_by_predicate").begin_object();
        for (const auto& [p, n] : s.relations_by_predicate) w.key(p).value(n);
        w.end_object().key("negated_relations").value(s.negated_relations);
        w.key("evidence_sentences").value(s.evidence);
        if (a) {
            w.key("linked_entities").value(a->linked_entities).key("isolated_entities").value(a->isolated_entities);
            w.key("component_sizes").begin_array();
            for (auto n : a->component_sizes) w.value(n);
            w.end_array().key("most_linked").begin_array();
            for (const auto& c : a->by_degree)
                w.begin_object()
                    .key("key")
                    .value(c.key)
                    .key("name")
                    .value(ws->name(c.key))
                    .key("degree")
                    .value(c.degree)
                    .end_object();
            w.end_array().key("most_central").begin_array();
            for (const auto& c : a->by_betweenness)
                w.begin_object()
                    .key("key")
                    .value(c.key)
                    .key("name")
                    .value(ws->name(c.key))
                    .key("betweenness")
                    .value(c.betweenness)
                    .end_object();
            w.end_array();
        }
        w.end_object();
        w.finish();
        return;
    }
    out << "documents\t" << s.documents << "\n"
        << "entities\t" << s.entities << "\n";
    for (const auto& [type, n] : s.entities_by_type) out << "  " << type << "\t" << n << "\n";
    out << "relations\t" << s.relations - s.negated_relations << "\n";
    for (const auto& [p, n] : s.relations_by_predicate) out << "  " << p << "\t" << n << "\n";
    out << "negated relations\t" << s.negated_relations << "\n"
        << "evidence sentences\t" << s.evidence << "\n";
    if (!a) return;
    out << "linked entities\t" << a->linked_entities << "\n"
        << "isolated entities\t" << a->isolated_entities << "\n"
        << "connected components\t" << a->component_sizes.size() << "\n";
    if (!a->component_sizes.empty()) {
        out << "  largest\t";
        for (std::size_t i = 0; i < a->component_sizes.size() && i < a->by_degree.size(); ++i)
            out << (i ? ", " : "") << a->component_sizes[i];
        out << "\n";
    }
    out << "most linked (distinct neighbours)\n";
    for (std::size_t i = 0; i < a->by_degree.size(); ++i)
        out << "  " << i + 1 << "\t" << a->by_degree[i].key << "\t" << ws->name(a->by_degree[i].key) << "\t"
            << a->by_degree[i].degree << "\n";
    out << "most central (betweenness)\n";
    for (std::size_t i = 0; i < a->by_betweenness.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%.2f", a->by_betweenness[i].betweenness);
        out << "  " << i + 1 << "\t" << a->by_betweenness[i].key << "\t" << ws->name(a->by_betweenness[i].key) << "\t"
            << buf << "\n";
    }
}

void run_query(const Workspace& ws, const QueryRequest& request, std::ostream& out) {
    const std::size_t wanted = request.kind == QueryKind::Neighbors ? 1 : request.kind == QueryKind::Conflicts ? 0 : 2;
    if (request.names.size() != wanted)
        throw Error(ErrorKind::Usage, "query: expected " + std::to_string(wanted) + " name(s), got " +
                                          std::to_string(request.names.size()) + "; see 'dyad query --help'");
    std::vector<std::string> keys;
    for (const auto& n : request.names) keys.push_back(ws.resolve(n).key);
    LinkFilter filter;
    filter.predicates = request.predicates;
    switch (request.kind) {
    case QueryKind::Neighbors:
        return write(neighbors(ws.graph(), keys[0], request.depth, filter), ws, request.format, out);
    case QueryKind::Between:
        return write(between(ws.graph(), keys[0], keys[1], request.predicates), ws, request.format, out);
    case QueryKind::Path: return write(path(ws.graph(), keys[0], keys[1], filter), ws, request.format, out);
    case QueryKind::Conflicts: return write(conflicts(ws.graph()), ws, request.format, out);
    }
}

}  // namespace dyad
