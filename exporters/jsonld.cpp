// JSON-LD 1.1 export with RapidJSON's writer: an inline @context (schema.org where a term exists,
// PROV-O and W3C Web Annotation for provenance, the dyad vocabulary for the rest), entities with
// their relations as direct edges, and one statement node per relation with qualifiers and
// evidence. The nodes and the context come from rdf_terms.h, which the N-Triples and N-Quads
// exporters read too. The context is also published as docs/context.jsonld (a test keeps them equal).
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <map>
#include <memory>
#include <ostream>

#include "core/decode.h"
#include "core/error.h"
#include "exporters/escape.h"
#include "exporters/rdf_terms.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

// JSON text is UTF-8: a name or quote that is not (from an older or foreign database) gets U+FFFD
// for each invalid sequence instead of making a file that parsers reject.
void str(Writer& w, std::string_view s) {
    if (is_valid_utf8(s)) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        return;
    }
    const auto valid = valid_utf8(s);
    w.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

void write_context(Writer& w) {
    w.StartObject();
    w.Key("@version");
    w.Double(1.1);
    for (const auto& t : ld::context()) {
        str(w, t.name);
        const auto type = ld::coercion_name(t.coercion);
        if (type.empty()) {
            str(w, t.iri);
            continue;
        }
        w.StartObject();
        w.Key("@id");
        str(w, t.iri);
        w.Key("@type");
        str(w, type);
        w.EndObject();
    }
    w.EndObject();
}

void write_node(Writer& w, const ld::Node& n);

void write_value(Writer& w, const ld::Value& v) {
    switch (v.kind) {
    case ld::Value::Kind::String: str(w, v.text); break;
    case ld::Value::Kind::Bool: w.Bool(v.flag); break;
    case ld::Value::Kind::Integer: w.Int64(v.integer); break;
    case ld::Value::Kind::Double: w.Double(v.number); break;
    case ld::Value::Kind::Null: w.Null(); break;
    case ld::Value::Kind::Object: write_node(w, *v.node); break;
    }
}

// A node's members without closing it: "@id", "@type", then its properties except `skip`.
void write_members(Writer& w, const ld::Node& n, std::string_view skip = {}) {
    if (!n.id.empty()) {
        w.Key("@id");
        str(w, n.id);
    }
    if (!n.type.empty()) {
        w.Key("@type");
        str(w, n.type);
    }
    for (const auto& p : n.properties) {
        if (p.term == skip) continue;
        str(w, p.term);
        if (p.array) w.StartArray();
        for (const auto& v : p.values) write_value(w, v);
        if (p.array) w.EndArray();
    }
}

void write_node(Writer& w, const ld::Node& n) {
    w.StartObject();
    write_members(w, n);
    w.EndObject();
}

// The subject IRI of a statement node.
const std::string& subject_of(const ld::Node& statement) {
    for (const auto& p : statement.properties)
        if (p.term == "subject" && !p.values.empty()) return p.values.front().text;
    DYAD_ASSERT(false, "jsonld: a statement without a subject");
    static const std::string none;
    return none;
}

// --frame: the entity nodes only, each with the statements whose subject it is nested under
// "@reverse": {"subject": [...]} (JSON-LD's way to embed the nodes that point at a node), without
// their own "subject". The same triples as the flat form; statements keep their order.
void write_framed(Writer& w, const std::vector<ld::Node>& nodes) {
    std::map<std::string, std::vector<const ld::Node*>> by_subject;
    for (const auto& n : nodes)
        if (n.type == "Statement") by_subject[subject_of(n)].push_back(&n);
    for (const auto& n : nodes) {
        if (n.type == "Statement") continue;
        w.StartObject();
        write_members(w, n);
        if (auto it = by_subject.find(n.id); it != by_subject.end()) {
            w.Key("@reverse");
            w.StartObject();
            w.Key("subject");
            w.StartArray();
            for (const auto* s : it->second) {
                w.StartObject();
                write_members(w, *s, "subject");
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
            by_subject.erase(it);
        }
        w.EndObject();
    }
    DYAD_ASSERT(by_subject.empty(), "jsonld: a statement whose subject is not an exported entity");
}

class JsonLdExporter final : public Exporter {
public:
    void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const override {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.SetIndent(' ', 1);
        w.StartObject();
        w.Key("@context");
        write_context(w);
        w.Key("@graph");
        w.StartArray();
        const auto nodes = ld::build(graph, options);
        if (options.frame) write_framed(w, nodes);
        else
            for (const auto& n : nodes) write_node(w, n);
        w.EndArray();
        w.EndObject();
        os.Flush();
        out << '\n';
        if (!out) throw Error(ErrorKind::Export, "jsonld: writing failed (disk full or closed output?)");
    }
};

}  // namespace

std::unique_ptr<Exporter> make_jsonld() { return std::make_unique<JsonLdExporter>(); }

}  // namespace dyad::exporters
