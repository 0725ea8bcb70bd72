// GraphML for Gephi, yEd, Cytoscape and networkx: every entity a node, every exported relation an
// edge, with typed <key> declarations. A value is written only when it is not empty (GraphML has
// no empty value that every reader keeps: networkx drops empty <data>), and the quantity keys only
// when the relation has a quantity. Lists are joined with "|".
#include <memory>
#include <ostream>

#include "core/error.h"
#include "exporters/escape.h"
#include "exporters/rdf_terms.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

struct Key {
    const char* id;  // also the attribute name
    const char* domain;
    const char* type;
};

constexpr Key kKeys[] = {
    {"key", "node", "string"},         {"type", "node", "string"},           {"name", "node", "string"},
    {"alt_names", "node", "string"},   {"same_as", "node", "string"},        {"predicate", "edge", "string"},
    {"negated", "edge", "boolean"},    {"confidence", "edge", "double"},     {"topics", "edge", "string"},
    {"vehicles", "edge", "string"},    {"quantity_value", "edge", "double"}, {"quantity_unit", "edge", "string"},
    {"hedge", "edge", "string"},       {"time", "edge", "string"},           {"modality", "edge", "string"},
    {"evidence_count", "edge", "int"}, {"first_quote", "edge", "string"},
};

void data(std::ostream& out, const char* key, const std::string& value, bool always = false) {
    if (value.empty() && !always) return;
    out << "      <data key=\"" << key << "\">" << xml_escape(value, false) << "</data>\n";
}

class GraphMlExporter final : public Exporter {
public:
    void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const override {
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
               "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
               "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
               "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
        for (const auto& k : kKeys)
            out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.id << "\" attr.type=\""
                << k.type << "\"/>\n";
        out << "  <graph id=\"dyad\" edgedefault=\"directed\">\n";
        for (const auto* e : graph.entities_sorted()) {
            out << "    <node id=\"" << xml_escape(e->key, true) << "\">\n";
            data(out, "key", e->key, true);
            data(out, "type", std::string(to_string(e->type)), true);
            data(out, "name", e->name, true);
            data(out, "alt_names", join_list(e->alt_names, '|'));
            data(out, "same_as", join_list(e->same_as, '|'));
            out << "    </node>\n";
        }
        std::size_t n = 0;
        for (const auto* r : graph.relations_sorted()) {
            if (!exported(*r, options)) continue;
            out << "    <edge id=\"e" << n++ << "\" source=\"" << xml_escape(r->subject, true) << "\" target=\""
                << xml_escape(r->object, true) << "\">\n";
            const auto& q = r->qualifiers;
            data(out, "predicate", std::string(to_string(r->predicate)), true);
            data(out, "negated", r->negated ? "true" : "false", true);
            data(out, "confidence", shortest_double(ld::exported_confidence(r->confidence)), true);
            data(out, "topics", join_list(q.topics, '|'));
            data(out, "vehicles", join_list(q.vehicles, '|'));
            if (q.quantity) {
                data(out, "quantity_value", shortest_double(q.quantity->value));
                data(out, "quantity_unit", q.quantity->unit);
                data(out, "hedge", q.quantity->hedge);
            }
            data(out, "time", q.time);
            data(out, "modality", q.modality);
            data(out, "evidence_count", std::to_string(r->evidence.size()), true);
            if (!r->evidence.empty()) data(out, "first_quote", r->evidence.front().quote);
            out << "    </edge>\n";
        }
        out << "  </graph>\n</graphml>\n";
        out.flush();
        if (!out) throw Error(ErrorKind::Export, "graphml: writing failed (disk full or closed output?)");
    }
};

}  // namespace

std::unique_ptr<Exporter> make_graphml() { return std::make_unique<GraphMlExporter>(); }

}  // namespace dyad::exporters
