// N-Triples and N-Quads: the triples of the JSON-LD export (rdf_terms.h builds both), one per
// line, literals and IRIs in the canonical escaping of RDF Dataset Canonicalization. N-Quads puts
// each relation's direct edge and statement in the named graph of every document of its evidence
// (<urn:dyad:document:ID>), each evidence annotation in its own document's graph, and entities in
// the default graph; the union of the graphs is the N-Triples graph.
#include <memory>
#include <ostream>

#include "core/error.h"
#include "exporters/escape.h"
#include "exporters/rdf_terms.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

// Plain IRIs and strings (nearly all) are written as they are, without an escaped copy.
void put_iri(std::ostream& out, std::string_view iri) {
    if (plain_iri(iri)) out << '<' << iri << '>';
    else out << ntriples_iri(iri);
}

void put(std::ostream& out, const ld::RdfTerm& t) {
    switch (t.kind) {
    case ld::RdfTerm::Kind::Iri: put_iri(out, t.value); break;
    case ld::RdfTerm::Kind::Blank: out << "_:" << t.value; break;
    case ld::RdfTerm::Kind::Literal:
        if (plain_string(t.value)) out << '"' << t.value << '"';
        else out << ntriples_string(t.value);
        if (!t.datatype.empty()) {
            out << "^^";
            put_iri(out, t.datatype);
        }
        break;
    }
}

class NTriplesExporter final : public Exporter {
public:
    explicit NTriplesExporter(bool quads) : quads_(quads) {}

    void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const override {
        const auto line = [&](const ld::Quad& q) {
            put(out, q.subject);
            out << ' ';
            put(out, q.predicate);
            out << ' ';
            put(out, q.object);
            if (!q.graph.empty()) {
                out << ' ';
                put_iri(out, q.graph);
            }
            out << " .\n";
        };
        ld::to_rdf(ld::build(graph, options), quads_, line, options.blank_prefix);
        out.flush();
        if (!out)
            throw Error(ErrorKind::Export,
                        std::string(quads_ ? "nq" : "nt") + ": writing failed (disk full or closed output?)");
    }

private:
    bool quads_;
};

}  // namespace

std::unique_ptr<Exporter> make_nt() { return std::make_unique<NTriplesExporter>(false); }
std::unique_ptr<Exporter> make_nq() { return std::make_unique<NTriplesExporter>(true); }

}  // namespace dyad::exporters
