// The linked-data view of a graph, shared by the JSON-LD, N-Triples and N-Quads exporters and the
// JSON-LD importer (internal to exporters/).
//
// build() turns a KnowledgeGraph into JSON-LD node objects (terms, values, nesting) in output
// order. jsonld.cpp prints them as JSON with context(); to_rdf() turns the same nodes into the
// triples a JSON-LD 1.1 processor reads from that JSON (the "to RDF" rules for the constructs dyad
// writes: term and compact IRI expansion, type coercion, native booleans and numbers, blank nodes).
// So the JSON-LD and the N-Triples cannot drift: a term or value added to build() shows up in both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/exporter.h"

namespace dyad::exporters::ld {

inline constexpr std::string_view kVocab = "urn:dyad:vocab:";
inline constexpr std::string_view kEntityPrefix = "urn:dyad:entity:";
inline constexpr std::string_view kStatementPrefix = "urn:dyad:statement:";
inline constexpr std::string_view kDocumentPrefix = "urn:dyad:document:";

/// "@type" of a term's values in the @context.
enum class Coercion : std::uint8_t { None, Id, Boolean, Double, NonNegativeInteger };

/// One row of the @context: a prefix ("dyad" -> "urn:dyad:vocab:"), a class ("Country" ->
/// "schema:Country") or a property with its coercion ("confidence" -> "dyad:confidence", xsd:double).
struct Term {
    std::string name;
    std::string iri;  // absolute for prefixes, else a compact IRI ("schema:name")
    Coercion coercion = Coercion::None;
    bool prefix = false;
};

/// The @context rows in the order they are written (after "@version": 1.1).
const std::vector<Term>& context();
/// The compact datatype a coercion writes in the context ("@id", "xsd:double"); empty for None.
std::string_view coercion_name(Coercion c);
/// A term name ("confidence") or compact IRI ("dyad:x") as an absolute IRI, as JSON-LD expands a
/// key or an @type value (vocabulary-relative).
std::string expand_vocab(std::string_view term_or_iri);
/// A compact IRI ("dyad:partyTo") as an absolute IRI, as JSON-LD expands an @id value; absolute
/// IRIs come back unchanged.
std::string expand_iri(std::string_view iri);

std::string entity_iri(const std::string& key);
std::string statement_iri(const Relation& r);
std::string document_iri(const std::string& doc_id);
/// The confidence as exported: 4 decimals.
double exported_confidence(float confidence);

struct Node;

/// One JSON value. Strings are valid UTF-8 (build() repairs them).
struct Value {
    enum class Kind : std::uint8_t { String, Bool, Integer, Double, Null, Object };
    Kind kind = Kind::String;
    std::string text;
    bool flag = false;
    std::int64_t integer = 0;
    double number = 0;
    std::shared_ptr<const Node> node;  // Object
    /// N-Quads: the named graphs (document IRIs) that hold this value's triple and every triple of
    /// the node below it; empty: the graphs of the node it belongs to.
    std::vector<std::string> graphs;
};

struct Property {
    std::string term;
    bool array = false;  // written as a JSON array, even with one value
    std::vector<Value> values;
};

/// A node object: "@id" (empty: a blank node), "@type" (a term, empty: none), then properties in order.
struct Node {
    std::string id;
    std::string type;
    std::vector<Property> properties;
    std::vector<std::string> graphs;  // N-Quads, top-level nodes: empty is the default graph
};

/// Entities (with their relations as direct edges) sorted by key, then one statement node per
/// exported relation, sorted. Statements and direct edges belong to the graphs of the documents
/// in their evidence; each evidence annotation to its own document's graph.
std::vector<Node> build(const KnowledgeGraph& graph, const ExportOptions& options);

struct RdfTerm {
    enum class Kind : std::uint8_t { Iri, Blank, Literal };
    Kind kind = Kind::Iri;
    std::string value;     // IRI, blank node label (without "_:") or lexical form
    std::string datatype;  // literals: datatype IRI; empty for xsd:string
};

/// Views of the writer's terms, valid during the emit call.
struct Quad {
    const RdfTerm& subject;
    const RdfTerm& predicate;
    const RdfTerm& object;
    std::string_view graph;  // IRI; empty for the default graph
};

/// Emits the triples of `nodes` in document order; blank nodes are labelled b0, b1... in order.
/// With `named_graphs`, each triple once per graph it belongs to (see Value::graphs); without,
/// each triple once, in the default graph.
/// `blank_prefix` goes before every blank node label, so that streams written separately (one per
/// document, `extract --emit nq`) can be concatenated without two nodes sharing a label.
void to_rdf(const std::vector<Node>& nodes, bool named_graphs, const std::function<void(const Quad&)>& emit,
            std::string_view blank_prefix = {});

}  // namespace dyad::exporters::ld
