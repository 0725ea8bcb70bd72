// The linked-data view of a graph: the @context table, the node objects, and their triples.
#include "exporters/rdf_terms.h"

#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "core/pipeline.h"
#include "exporters/escape.h"

namespace dyad::exporters::ld {
namespace {

std::vector<Term> make_context() {
    std::vector<Term> c;
    auto prefix = [&](const char* name, std::string_view iri) {
        c.push_back({name, std::string(iri), Coercion::None, true});
    };
    auto term = [&](std::string name, std::string iri, Coercion coercion = Coercion::None) {
        c.push_back({std::move(name), std::move(iri), coercion, false});
    };
    prefix("dyad", kVocab);
    prefix("schema", "https://schema.org/");
    prefix("prov", "http://www.w3.org/ns/prov#");
    prefix("oa", "http://www.w3.org/ns/oa#");
    prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    prefix("xsd", "http://www.w3.org/2001/XMLSchema#");
    // Entity types: schema.org where it has the class.
    for (const auto& t : all_entity_types()) {
        const bool schema = t.id == EntityType::Country || t.id == EntityType::Organization ||
                            t.id == EntityType::Place || t.id == EntityType::Event || t.id == EntityType::Person;
        term(std::string(t.name), (schema ? "schema:" : "dyad:") + std::string(t.name));
    }
    term("name", "schema:name");
    term("alternateName", "schema:alternateName");
    term("sameAs", "schema:sameAs", Coercion::Id);
    for (const auto& p : all_predicates()) term(std::string(p.name), "dyad:" + std::string(p.name), Coercion::Id);
    term("Statement", "rdf:Statement");
    term("subject", "rdf:subject", Coercion::Id);
    term("predicate", "rdf:predicate", Coercion::Id);
    term("object", "rdf:object", Coercion::Id);
    term("negated", "dyad:negated", Coercion::Boolean);
    term("confidence", "dyad:confidence", Coercion::Double);
    term("topic", "dyad:topic", Coercion::Id);
    term("vehicle", "dyad:vehicle", Coercion::Id);
    term("time", "dyad:time");
    term("modality", "dyad:modality");
    term("quantity", "dyad:quantity");
    term("QuantitativeValue", "schema:QuantitativeValue");
    term("value", "schema:value");
    term("unitText", "schema:unitText");
    term("hedge", "dyad:hedge");
    term("wasDerivedFrom", "prov:wasDerivedFrom");
    term("rule", "dyad:rule");
    term("Annotation", "oa:Annotation");
    term("hasTarget", "oa:hasTarget");
    term("hasSource", "oa:hasSource", Coercion::Id);
    term("hasSelector", "oa:hasSelector");
    // Where the subject's and the object's names are (DataPositionSelectors: byte offsets into
    // the file), so that an export can be imported without loss.
    term("subjectPosition", "dyad:subjectPosition");
    term("objectPosition", "dyad:objectPosition");
    // The same sentence two ways: TextPositionSelector in code points of the decoded text,
    // DataPositionSelector in bytes of the file (docs/jsonld.md).
    term("TextPositionSelector", "oa:TextPositionSelector");
    term("DataPositionSelector", "oa:DataPositionSelector");
    term("TextQuoteSelector", "oa:TextQuoteSelector");
    term("start", "oa:start", Coercion::NonNegativeInteger);
    term("end", "oa:end", Coercion::NonNegativeInteger);
    term("exact", "oa:exact");
    return c;
}

const Term* find_term(std::string_view name) {
    // Views of the names of context(), which lives as long as the program.
    static const auto index = [] {
        std::unordered_map<std::string_view, const Term*> m;
        for (const auto& t : context()) m.emplace(t.name, &t);
        return m;
    }();
    auto it = index.find(name);
    return it == index.end() ? nullptr : it->second;
}

const Term& term(std::string_view name) {
    const auto* t = find_term(name);
    DYAD_ASSERT(t && !t->prefix, "linked data: unknown term '" + std::string(name) + "'");
    return *t;
}

// --- building the nodes ---

Value string(std::string_view s) {
    Value v;
    v.text = valid_utf8(s);
    return v;
}

Value boolean(bool b) {
    Value v;
    v.kind = Value::Kind::Bool;
    v.flag = b;
    return v;
}

Value integer(std::int64_t i) {
    Value v;
    v.kind = Value::Kind::Integer;
    v.integer = i;
    return v;
}

Value real(double d) {
    Value v;
    v.kind = Value::Kind::Double;
    v.number = d;
    return v;
}

/// A quantity: an integer when integral (so every JSON-LD processor reads xsd:integer), null when
/// not finite (JSON has no NaN).
Value number(double d) {
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) return integer(static_cast<std::int64_t>(d));
    if (std::isfinite(d)) return real(d);
    Value v;
    v.kind = Value::Kind::Null;
    return v;
}

Value object(Node node, std::vector<std::string> graphs = {}) {
    Value v;
    v.kind = Value::Kind::Object;
    v.node = std::make_shared<const Node>(std::move(node));
    v.graphs = std::move(graphs);
    return v;
}

void add(Node& n, std::string_view name, Value v) {
    term(name);
    n.properties.push_back({std::string(name), false, {std::move(v)}});
}

void add_array(Node& n, std::string_view name, std::vector<Value> values) {
    term(name);
    if (!values.empty()) n.properties.push_back({std::string(name), true, std::move(values)});
}

std::vector<Value> iris(const std::vector<std::string>& keys) {
    std::vector<Value> out;
    for (const auto& k : keys) out.push_back(string(entity_iri(k)));
    return out;
}

std::vector<std::string> documents_of(const Relation& r) {
    std::set<std::string> docs;
    for (const auto& e : r.evidence) docs.insert(document_iri(e.doc_id));
    return {docs.begin(), docs.end()};
}

Node position_selector(const Span& span, const char* type) {
    Node position;
    position.type = type;
    add(position, "start", integer(span.begin));
    add(position, "end", integer(span.end));
    return position;
}

Node annotation(const Evidence& e) {
    Node quote;
    quote.type = "TextQuoteSelector";
    add(quote, "exact", string(e.quote));
    Node target;
    add(target, "hasSource", string(document_iri(e.doc_id)));
    std::vector<Value> selectors;
    // Code points are unknown for evidence stored before schema 2: no TextPositionSelector then.
    if (e.sentence_chars) selectors.push_back(object(position_selector(*e.sentence_chars, "TextPositionSelector")));
    selectors.push_back(object(position_selector(e.sentence, "DataPositionSelector")));
    selectors.push_back(object(std::move(quote)));
    add_array(target, "hasSelector", std::move(selectors));
    add(target, "subjectPosition", object(position_selector(e.subject, "DataPositionSelector")));
    add(target, "objectPosition", object(position_selector(e.object, "DataPositionSelector")));
    Node a;
    a.type = "Annotation";
    add(a, "rule", string(e.rule));
    add(a, "hasTarget", object(std::move(target)));
    return a;
}

Node statement(const Relation& r) {
    Node s;
    s.id = statement_iri(r);
    s.type = "Statement";
    s.graphs = documents_of(r);
    add(s, "subject", string(entity_iri(r.subject)));
    add(s, "predicate", string("dyad:" + std::string(to_string(r.predicate))));
    add(s, "object", string(entity_iri(r.object)));
    add(s, "negated", boolean(r.negated));
    add(s, "confidence", real(exported_confidence(r.confidence)));
    add_array(s, "topic", iris(r.qualifiers.topics));
    add_array(s, "vehicle", iris(r.qualifiers.vehicles));
    if (!r.qualifiers.time.empty()) add(s, "time", string(r.qualifiers.time));
    if (!r.qualifiers.modality.empty()) add(s, "modality", string(r.qualifiers.modality));
    if (const auto& q = r.qualifiers.quantity) {
        Node value;
        value.type = "QuantitativeValue";
        add(value, "value", number(q->value));
        add(value, "unitText", string(q->unit));
        if (!q->hedge.empty()) add(value, "hedge", string(q->hedge));
        add(value, "name", string(q->text));
        add(s, "quantity", object(std::move(value)));
    }
    std::vector<Value> evidence;
    for (const auto& e : r.evidence) evidence.push_back(object(annotation(e), {document_iri(e.doc_id)}));
    add_array(s, "wasDerivedFrom", std::move(evidence));
    return s;
}

// --- to RDF ---

// The datatype IRIs, expanded once.
const std::string& xsd_iri(std::string_view name) {
    static const std::string boolean = expand_iri("xsd:boolean"), dbl = expand_iri("xsd:double"),
                             integer = expand_iri("xsd:integer"), non_negative = expand_iri("xsd:nonNegativeInteger"),
                             none;
    if (name == "boolean") return boolean;
    if (name == "double") return dbl;
    if (name == "integer") return integer;
    if (name == "nonNegativeInteger") return non_negative;
    return none;
}

const std::string& datatype_iri(Coercion c) {
    switch (c) {
    case Coercion::Boolean: return xsd_iri("boolean");
    case Coercion::Double: return xsd_iri("double");
    case Coercion::NonNegativeInteger: return xsd_iri("nonNegativeInteger");
    case Coercion::None:
    case Coercion::Id: break;
    }
    return xsd_iri("");
}

class RdfWriter {
public:
    RdfWriter(bool named_graphs, const std::function<void(const Quad&)>& emit, std::string_view blank_prefix)
        : named_(named_graphs), emit_(emit), blank_prefix_(blank_prefix) {}

    void node(const Node& n, const RdfTerm& self, const std::vector<std::string>& graphs) {
        if (!n.type.empty()) triple(self, vocab("rdf:type"), vocab(n.type), graphs);
        for (const auto& p : n.properties) {
            const auto& t = term(p.term);
            const auto& predicate = vocab(p.term);
            for (const auto& v : p.values) {
                const auto& g = v.graphs.empty() ? graphs : v.graphs;
                if (v.kind == Value::Kind::Object) {
                    const auto child = v.node->id.empty() ? blank() : iri(expand_iri(v.node->id));
                    triple(self, predicate, child, g);
                    node(*v.node, child, g);
                } else if (auto o = literal_or_iri(v, t.coercion)) {
                    triple(self, predicate, *o, g);
                }
            }
        }
    }

    RdfTerm top(const Node& n) { return n.id.empty() ? blank() : iri(expand_iri(n.id)); }

private:
    // A term or compact IRI ("rdf:type") as an IRI term, expanded once per writer.
    const RdfTerm& vocab(std::string_view name) {
        auto it = vocab_.find(name);
        if (it == vocab_.end()) it = vocab_.emplace(std::string(name), iri(expand_vocab(name))).first;
        return it->second;
    }
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, RdfTerm, NameHash, std::equal_to<>> vocab_;

    static RdfTerm iri(std::string value) { return {RdfTerm::Kind::Iri, std::move(value), {}}; }
    static RdfTerm literal(std::string lexical, std::string datatype) {
        return {RdfTerm::Kind::Literal, std::move(lexical), std::move(datatype)};
    }
    RdfTerm blank() { return {RdfTerm::Kind::Blank, blank_prefix_ + "b" + std::to_string(next_blank_++), {}}; }

    // JSON-LD 1.1, "Object to RDF Conversion", for a value under a term with `coercion`.
    static std::optional<RdfTerm> literal_or_iri(const Value& v, Coercion coercion) {
        const auto& datatype = datatype_iri(coercion);
        switch (v.kind) {
        case Value::Kind::Null:
        case Value::Kind::Object: return std::nullopt;
        case Value::Kind::String:
            if (coercion == Coercion::Id) return iri(expand_iri(v.text));
            return literal(v.text, datatype);
        case Value::Kind::Bool:
            return literal(v.flag ? "true" : "false", datatype.empty() ? xsd_iri("boolean") : datatype);
        case Value::Kind::Integer:
        case Value::Kind::Double: {
            const double d = v.kind == Value::Kind::Integer ? static_cast<double>(v.integer) : v.number;
            const bool as_double = coercion == Coercion::Double ||
                                   (v.kind == Value::Kind::Double && (std::floor(d) != d || std::fabs(d) >= 1e21));
            if (as_double) return literal(xsd_double(d), datatype.empty() ? xsd_iri("double") : datatype);
            const auto lexical = v.kind == Value::Kind::Integer ? std::to_string(v.integer) : xsd_integer(d);
            return literal(lexical, datatype.empty() ? xsd_iri("integer") : datatype);
        }
        }
        return std::nullopt;
    }

    void triple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o, const std::vector<std::string>& graphs) {
        if (!named_ || graphs.empty()) {
            emit_(Quad{s, p, o, {}});
            return;
        }
        for (const auto& g : graphs) emit_(Quad{s, p, o, g});
    }

    bool named_;
    const std::function<void(const Quad&)>& emit_;
    std::string blank_prefix_;
    std::size_t next_blank_ = 0;
};

}  // namespace

const std::vector<Term>& context() {
    static const auto c = make_context();
    return c;
}

std::string_view coercion_name(Coercion c) {
    switch (c) {
    case Coercion::None: return {};
    case Coercion::Id: return "@id";
    case Coercion::Boolean: return "xsd:boolean";
    case Coercion::Double: return "xsd:double";
    case Coercion::NonNegativeInteger: return "xsd:nonNegativeInteger";
    }
    return {};
}

std::string expand_iri(std::string_view iri) {
    const auto colon = iri.find(':');
    if (colon == std::string_view::npos) return std::string(iri);
    const auto prefix = iri.substr(0, colon);
    const auto suffix = iri.substr(colon + 1);
    if (prefix == "_" || suffix.substr(0, 2) == "//") return std::string(iri);
    const auto* t = find_term(prefix);
    if (t && t->prefix) return t->iri + std::string(suffix);
    return std::string(iri);
}

std::string expand_vocab(std::string_view term_or_iri) {
    if (const auto* t = find_term(term_or_iri); t && !t->prefix) return expand_iri(t->iri);
    return expand_iri(term_or_iri);
}

std::string entity_iri(const std::string& key) { return std::string(kEntityPrefix) + key; }

std::string statement_iri(const Relation& r) {
    return std::string(kStatementPrefix) + content_id(r.subject + "\t" + std::string(to_string(r.predicate)) + "\t" +
                                                      r.object + (r.negated ? "\tnot" : ""));
}

std::string document_iri(const std::string& doc_id) { return std::string(kDocumentPrefix) + doc_id; }

double exported_confidence(float confidence) { return std::round(static_cast<double>(confidence) * 1e4) / 1e4; }

std::vector<Node> build(const KnowledgeGraph& graph, const ExportOptions& options) {
    // Direct edges (positive relations only), grouped by subject and predicate name.
    std::map<std::string, std::map<std::string, std::vector<Value>>> edges;
    // With --focus, only the neighbourhood of the focus (export_scope in registry.cpp).
    const auto scope = export_scope(graph, options);
    const auto relations = exported_relations(graph, options, scope);
    for (const auto* r : relations) {
        if (r->negated) continue;
        auto edge = string(entity_iri(r->object));
        edge.graphs = documents_of(*r);
        edges[r->subject][std::string(to_string(r->predicate))].push_back(std::move(edge));
    }
    std::vector<Node> nodes;
    for (const auto* e : graph.entities_sorted()) {
        if (scope && !scope->count(e->key)) continue;
        Node n;
        n.id = valid_utf8(entity_iri(e->key));
        n.type = to_string(e->type);
        add(n, "name", string(e->name));
        std::vector<Value> alt, same;
        for (const auto& a : e->alt_names) alt.push_back(string(a));
        for (const auto& s : e->same_as) same.push_back(string(s));
        add_array(n, "alternateName", std::move(alt));
        add_array(n, "sameAs", std::move(same));
        if (auto it = edges.find(e->key); it != edges.end())
            for (auto& [predicate, objects] : it->second) add_array(n, predicate, std::move(objects));
        nodes.push_back(std::move(n));
    }
    for (const auto* r : relations) nodes.push_back(statement(*r));
    return nodes;
}

void to_rdf(const std::vector<Node>& nodes, bool named_graphs, const std::function<void(const Quad&)>& emit,
            std::string_view blank_prefix) {
    RdfWriter writer(named_graphs, emit, blank_prefix);
    for (const auto& n : nodes) writer.node(n, writer.top(n), n.graphs);
}

}  // namespace dyad::exporters::ld
