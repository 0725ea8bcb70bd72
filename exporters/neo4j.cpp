// Neo4j: nodes.csv and relationships.csv in the header format of `neo4j-admin database import`
// (key:ID, :LABEL, :START_ID, :END_ID, :TYPE, typed columns, arrays split on ';'), RFC 4180
// quoting with CRLF line ends, and import.cypher, the same load through LOAD CSV for a running
// server. Every entity is a node labelled Entity and its type; every exported relation a
// relationship typed by its predicate in upper snake case (SHARES_BORDER_WITH).
#include <memory>
#include <ostream>
#include <set>

#include "core/error.h"
#include "exporters/escape.h"
#include "exporters/rdf_terms.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

constexpr char kArray = ';';  // neo4j-admin's default --array-delimiter
constexpr const char* kEol = "\r\n";

std::string relationship_type(Predicate p) {
    std::string out;
    for (const char c : to_string(p)) {
        if (c >= 'A' && c <= 'Z') out.push_back('_');
        out.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
    }
    return out;
}

void row(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << kEol;
}

void write_nodes(const KnowledgeGraph& graph, std::ostream& out) {
    row(out, {"key:ID", "name", "type", ":LABEL", "altNames:string[]", "sameAs:string[]"});
    for (const auto* e : graph.entities_sorted()) {
        const std::string type(to_string(e->type));
        row(out,
            {e->key, e->name, type, "Entity;" + type, join_list(e->alt_names, kArray), join_list(e->same_as, kArray)});
    }
}

void write_relationships(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) {
    row(out, {":START_ID", ":END_ID", ":TYPE", "predicate", "negated:boolean", "confidence:double", "topics:string[]",
              "vehicles:string[]", "quantityValue:double", "quantityUnit", "hedge", "time", "modality",
              "evidenceCount:int", "firstQuote", "documents:string[]", "statement"});
    for (const auto* r : graph.relations_sorted()) {
        if (!exported(*r, options)) continue;
        const auto& q = r->qualifiers;
        std::set<std::string> docs;
        for (const auto& e : r->evidence) docs.insert(e.doc_id);
        row(out, {r->subject, r->object, relationship_type(r->predicate), std::string(to_string(r->predicate)),
                  r->negated ? "true" : "false", shortest_double(ld::exported_confidence(r->confidence)),
                  join_list(q.topics, kArray), join_list(q.vehicles, kArray),
                  q.quantity ? shortest_double(q.quantity->value) : "", q.quantity ? q.quantity->unit : "",
                  q.quantity ? q.quantity->hedge : "", q.time, q.modality, std::to_string(r->evidence.size()),
                  r->evidence.empty() ? "" : r->evidence.front().quote, join_list({docs.begin(), docs.end()}, kArray),
                  ld::statement_iri(*r)});
    }
}

// The same graph through LOAD CSV (no APOC): labels and relationship types cannot be parameters in
// Cypher, so one FOREACH per entity type and per predicate picks the right one.
void write_cypher(std::ostream& out) {
    out << "// dyad graph for a running Neo4j 5 server: the LOAD CSV alternative to\n"
           "// `neo4j-admin database import full`. Copy nodes.csv and relationships.csv into the\n"
           "// server's import folder, then run: cypher-shell -u neo4j -p PASSWORD -f import.cypher\n"
           "// Running it again updates the same nodes and relationships (MERGE on key and statement).\n\n"
           "CREATE CONSTRAINT dyad_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;\n\n"
           "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
           "MERGE (e:Entity {key: row.`key:ID`})\n"
           "SET e.name = row.name, e.type = row.type,\n"
           "    e.altNames = split(row.`altNames:string[]`, ';'),\n"
           "    e.sameAs = split(row.`sameAs:string[]`, ';')\n";
    for (const auto& t : all_entity_types())
        out << "FOREACH (ignored IN CASE WHEN row.type = '" << t.name << "' THEN [1] ELSE [] END | SET e:" << t.name
            << ")\n";
    out << ";\n\n"
           "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
           "MATCH (a:Entity {key: row.`:START_ID`}), (b:Entity {key: row.`:END_ID`})\n"
           "WITH a, b, row, {predicate: row.predicate, negated: toBoolean(row.`negated:boolean`),\n"
           "                 confidence: toFloat(row.`confidence:double`),\n"
           "                 topics: split(row.`topics:string[]`, ';'), vehicles: split(row.`vehicles:string[]`, "
           "';'),\n"
           "                 quantityValue: toFloat(row.`quantityValue:double`), quantityUnit: row.quantityUnit,\n"
           "                 hedge: row.hedge, time: row.time, modality: row.modality,\n"
           "                 evidenceCount: toInteger(row.`evidenceCount:int`), firstQuote: row.firstQuote,\n"
           "                 documents: split(row.`documents:string[]`, ';')} AS props\n";
    for (const auto& p : all_predicates()) {
        const auto type = relationship_type(p.id);
        out << "FOREACH (ignored IN CASE WHEN row.`:TYPE` = '" << type << "' THEN [1] ELSE [] END |\n"
            << "  MERGE (a)-[r:" << type << " {statement: row.statement}]->(b) SET r += props)\n";
    }
    out << ";\n";
}

class Neo4jExporter final : public Exporter {
public:
    void write(const KnowledgeGraph&, const ExportOptions&, std::ostream&) const override {
        throw Error(ErrorKind::Usage,
                    "neo4j: this format is a folder (nodes.csv, relationships.csv, import.cypher); "
                    "pass -o FOLDER");
    }
    bool writes_directory() const override { return true; }
    void write_files(const KnowledgeGraph& graph, const ExportOptions& options, const FileSink& sink) const override {
        auto check = [](std::ostream& out, const char* name) {
            out.flush();
            if (!out) throw Error(ErrorKind::Export, std::string("neo4j: writing ") + name + " failed (disk full?)");
        };
        auto& nodes = sink("nodes.csv");
        write_nodes(graph, nodes);
        check(nodes, "nodes.csv");
        auto& relationships = sink("relationships.csv");
        write_relationships(graph, options, relationships);
        check(relationships, "relationships.csv");
        auto& cypher = sink("import.cypher");
        write_cypher(cypher);
        check(cypher, "import.cypher");
    }
};

}  // namespace

std::unique_ptr<Exporter> make_neo4j() { return std::make_unique<Neo4jExporter>(); }

}  // namespace dyad::exporters
