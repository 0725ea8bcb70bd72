// JSON-LD 1.1 export with RapidJSON's writer: an inline @context (schema.org where a term exists,
// PROV-O and W3C Web Annotation for provenance, the dyad vocabulary for the rest), entities with
// their relations as direct edges, and one statement node per relation with qualifiers and
// evidence. The nodes and the context come from rdf_terms.h, which the N-Triples and N-Quads
// exporters read too. The context is also published as docs/context.jsonld (a test keeps them equal).
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

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

void write_node(Writer& w, const ld::Node& n) {
    w.StartObject();
    if (!n.id.empty()) {
        w.Key("@id");
        str(w, n.id);
    }
    if (!n.type.empty()) {
        w.Key("@type");
        str(w, n.type);
    }
    for (const auto& p : n.properties) {
        str(w, p.term);
        if (p.array) w.StartArray();
        for (const auto& v : p.values) write_value(w, v);
        if (p.array) w.EndArray();
    }
    w.EndObject();
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
        for (const auto& n : ld::build(graph, options)) write_node(w, n);
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
