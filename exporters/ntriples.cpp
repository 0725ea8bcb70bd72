// N-Triples and N-Quads: the triples of the JSON-LD export (rdf_terms.h builds both), one per
// line, literals and IRIs in the canonical escaping of RDF Dataset Canonicalization. N-Quads puts
// each relation's direct edge and statement in the named graph of every document of its evidence
// (<urn:dyad:document:ID>), each evidence annotation in its own document's graph, and entities in
// the default graph; the union of the graphs is the N-Triples graph.
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "core/error.h"
#include "exporters/escape.h"
#include "exporters/rdf_terms.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

// Plain IRIs and strings (nearly all) are written as they are, without an escaped copy. Lines are
// built in a string and handed to the stream in large pieces: one stream call per term cost more
// than the terms.
void put_iri(std::string& out, std::string_view iri) {
    if (plain_iri(iri)) {
        out += '<';
        out += iri;
        out += '>';
    } else {
        out += ntriples_iri(iri);
    }
}

void put(std::string& out, const ld::RdfTerm& t) {
    switch (t.kind) {
    case ld::RdfTerm::Kind::Iri: put_iri(out, t.value); break;
    case ld::RdfTerm::Kind::Blank:
        out += "_:";
        out += t.value;
        break;
    case ld::RdfTerm::Kind::Literal:
        if (plain_string(t.value)) {
            out += '"';
            out += t.value;
            out += '"';
        } else {
            out += ntriples_string(t.value);
        }
        if (!t.datatype.empty()) {
            out += "^^";
            put_iri(out, t.datatype);
        }
        break;
    }
}

class NTriplesExporter final : public Exporter {
public:
    explicit NTriplesExporter(bool quads) : quads_(quads) {}

    void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const override {
        std::string text;
        text.reserve(kChunk + 4096);
        const auto line = [&](const ld::Quad& q) {
            put(text, q.subject);
            text += ' ';
            put(text, q.predicate);
            text += ' ';
            put(text, q.object);
            if (!q.graph.empty()) {
                text += ' ';
                put_iri(text, q.graph);
            }
            text += " .\n";
            if (text.size() >= kChunk) {
                out.write(text.data(), static_cast<std::streamsize>(text.size()));
                text.clear();
            }
        };
        ld::to_rdf(ld::build(graph, options), quads_, line, options.blank_prefix);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out)
            throw Error(ErrorKind::Export,
                        std::string(quads_ ? "nq" : "nt") + ": writing failed (disk full or closed output?)");
    }

private:
    static constexpr std::size_t kChunk = 64 * 1024;
    bool quads_;
};

}  // namespace

std::unique_ptr<Exporter> make_nt() { return std::make_unique<NTriplesExporter>(false); }
std::unique_ptr<Exporter> make_nq() { return std::make_unique<NTriplesExporter>(true); }

}  // namespace dyad::exporters
