// JSON-LD 1.1 export with RapidJSON's writer: an inline @context (schema.org where a term exists,
// PROV-O and W3C Web Annotation for provenance, the dyad vocabulary for the rest), entities with
// their relations as direct edges, and one statement node per relation with qualifiers and
// evidence. The context is also published as docs/context.jsonld (a test keeps them equal).
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cmath>
#include <map>
#include <memory>
#include <ostream>

#include "core/decode.h"
#include "core/error.h"
#include "core/pipeline.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

constexpr const char* kVocab = "urn:dyad:vocab:";
constexpr const char* kEntityPrefix = "urn:dyad:entity:";
constexpr const char* kStatementPrefix = "urn:dyad:statement:";
constexpr const char* kDocumentPrefix = "urn:dyad:document:";

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

// JSON text is UTF-8: a name or quote from an older or imported database that is not valid UTF-8
// gets U+FFFD for each invalid sequence instead of producing a file parsers reject.
void str(Writer& w, const std::string& s) {
    if (is_valid_utf8(s)) {
        w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
        return;
    }
    const auto valid = to_valid_utf8(s);
    w.String(valid.c_str(), static_cast<rapidjson::SizeType>(valid.size()));
}

void term(Writer& w, const char* name, const char* id, const char* type = nullptr) {
    w.Key(name);
    if (!type) {
        w.String(id);
        return;
    }
    w.StartObject();
    w.Key("@id");
    w.String(id);
    w.Key("@type");
    w.String(type);
    w.EndObject();
}

void write_context(Writer& w) {
    w.StartObject();
    w.Key("@version");
    w.Double(1.1);
    term(w, "dyad", kVocab);
    term(w, "schema", "https://schema.org/");
    term(w, "prov", "http://www.w3.org/ns/prov#");
    term(w, "oa", "http://www.w3.org/ns/oa#");
    term(w, "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    term(w, "xsd", "http://www.w3.org/2001/XMLSchema#");
    // Entity types: schema.org where it has the class.
    for (const auto& t : all_entity_types()) {
        const std::string name(t.name);
        const bool schema = t.id == EntityType::Country || t.id == EntityType::Organization ||
                            t.id == EntityType::Place || t.id == EntityType::Event || t.id == EntityType::Person;
        const std::string id = (schema ? "schema:" : "dyad:") + name;
        term(w, name.c_str(), id.c_str());
    }
    term(w, "name", "schema:name");
    term(w, "alternateName", "schema:alternateName");
    term(w, "sameAs", "schema:sameAs", "@id");
    for (const auto& p : all_predicates()) {
        const std::string name(p.name);
        const std::string id = "dyad:" + name;
        term(w, name.c_str(), id.c_str(), "@id");
    }
    term(w, "Statement", "rdf:Statement");
    term(w, "subject", "rdf:subject", "@id");
    term(w, "predicate", "rdf:predicate", "@id");
    term(w, "object", "rdf:object", "@id");
    term(w, "negated", "dyad:negated", "xsd:boolean");
    term(w, "confidence", "dyad:confidence", "xsd:double");
    term(w, "topic", "dyad:topic", "@id");
    term(w, "vehicle", "dyad:vehicle", "@id");
    term(w, "time", "dyad:time");
    term(w, "modality", "dyad:modality");
    term(w, "quantity", "dyad:quantity");
    term(w, "QuantitativeValue", "schema:QuantitativeValue");
    term(w, "value", "schema:value");
    term(w, "unitText", "schema:unitText");
    term(w, "hedge", "dyad:hedge");
    term(w, "wasDerivedFrom", "prov:wasDerivedFrom");
    term(w, "rule", "dyad:rule");
    term(w, "Annotation", "oa:Annotation");
    term(w, "hasTarget", "oa:hasTarget");
    term(w, "hasSource", "oa:hasSource", "@id");
    term(w, "hasSelector", "oa:hasSelector");
    term(w, "TextPositionSelector", "oa:TextPositionSelector");
    term(w, "TextQuoteSelector", "oa:TextQuoteSelector");
    term(w, "start", "oa:start", "xsd:nonNegativeInteger");
    term(w, "end", "oa:end", "xsd:nonNegativeInteger");
    term(w, "exact", "oa:exact");
    w.EndObject();
}

std::string entity_iri(const std::string& key) { return kEntityPrefix + key; }

std::string statement_iri(const Relation& r) {
    return kStatementPrefix + content_id(r.subject + "\t" + std::string(to_string(r.predicate)) + "\t" + r.object +
                                         (r.negated ? "\tnot" : ""));
}

void iri_list(Writer& w, const char* key, const std::vector<std::string>& keys) {
    if (keys.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& k : keys) str(w, entity_iri(k));
    w.EndArray();
}

void number(Writer& w, double v) {
    if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 9e15) w.Int64(static_cast<std::int64_t>(v));
    else if (std::isfinite(v)) w.Double(v);
    else w.Null();
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
        // Direct edges, grouped by subject and predicate.
        std::map<std::string, std::map<std::string, std::vector<std::string>>> edges;
        std::vector<const Relation*> relations;
        for (const auto* r : graph.relations_sorted()) {
            if (!exported(*r, options)) continue;
            relations.push_back(r);
            if (!r->negated) edges[r->subject][std::string(to_string(r->predicate))].push_back(r->object);
        }
        for (const auto* e : graph.entities_sorted()) {
            w.StartObject();
            w.Key("@id");
            str(w, entity_iri(e->key));
            w.Key("@type");
            w.String(to_string(e->type).data(), static_cast<rapidjson::SizeType>(to_string(e->type).size()));
            w.Key("name");
            str(w, e->name);
            if (!e->alt_names.empty()) {
                w.Key("alternateName");
                w.StartArray();
                for (const auto& a : e->alt_names) str(w, a);
                w.EndArray();
            }
            if (!e->same_as.empty()) {
                w.Key("sameAs");
                w.StartArray();
                for (const auto& s : e->same_as) str(w, s);
                w.EndArray();
            }
            if (auto it = edges.find(e->key); it != edges.end())
                for (const auto& [predicate, objects] : it->second) iri_list(w, predicate.c_str(), objects);
            w.EndObject();
        }
        for (const auto* r : relations) write_statement(w, *r);
        w.EndArray();
        w.EndObject();
        os.Flush();
        out << '\n';
        if (!out) throw Error(ErrorKind::Export, "jsonld: writing failed (disk full or closed output?)");
    }

private:
    static void write_statement(Writer& w, const Relation& r) {
        w.StartObject();
        w.Key("@id");
        str(w, statement_iri(r));
        w.Key("@type");
        w.String("Statement");
        w.Key("subject");
        str(w, entity_iri(r.subject));
        w.Key("predicate");
        str(w, "dyad:" + std::string(to_string(r.predicate)));
        w.Key("object");
        str(w, entity_iri(r.object));
        w.Key("negated");
        w.Bool(r.negated);
        w.Key("confidence");
        w.Double(std::round(static_cast<double>(r.confidence) * 1e4) / 1e4);
        iri_list(w, "topic", r.qualifiers.topics);
        iri_list(w, "vehicle", r.qualifiers.vehicles);
        if (!r.qualifiers.time.empty()) {
            w.Key("time");
            str(w, r.qualifiers.time);
        }
        if (!r.qualifiers.modality.empty()) {
            w.Key("modality");
            str(w, r.qualifiers.modality);
        }
        if (const auto& q = r.qualifiers.quantity) {
            w.Key("quantity");
            w.StartObject();
            w.Key("@type");
            w.String("QuantitativeValue");
            w.Key("value");
            number(w, q->value);
            w.Key("unitText");
            str(w, q->unit);
            if (!q->hedge.empty()) {
                w.Key("hedge");
                str(w, q->hedge);
            }
            w.Key("name");
            str(w, q->text);
            w.EndObject();
        }
        if (!r.evidence.empty()) {
            w.Key("wasDerivedFrom");
            w.StartArray();
            for (const auto& e : r.evidence) {
                w.StartObject();
                w.Key("@type");
                w.String("Annotation");
                w.Key("rule");
                str(w, e.rule);
                w.Key("hasTarget");
                w.StartObject();
                w.Key("hasSource");
                str(w, kDocumentPrefix + e.doc_id);
                w.Key("hasSelector");
                w.StartArray();
                w.StartObject();
                w.Key("@type");
                w.String("TextPositionSelector");
                w.Key("start");
                w.Uint(e.sentence.begin);
                w.Key("end");
                w.Uint(e.sentence.end);
                w.EndObject();
                w.StartObject();
                w.Key("@type");
                w.String("TextQuoteSelector");
                w.Key("exact");
                str(w, e.quote);
                w.EndObject();
                w.EndArray();
                w.EndObject();
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
    }
};

}  // namespace

std::unique_ptr<Exporter> make_jsonld() { return std::make_unique<JsonLdExporter>(); }

}  // namespace dyad::exporters
