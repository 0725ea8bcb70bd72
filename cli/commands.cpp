// The verb table: adding a verb = its cmd_<verb>.cpp + one row here.
#include "cli/commands.h"

namespace dyad::cli {
namespace {
constexpr Verb kVerbs[] = {
    {"extract", "extract entities and relations from .txt files and folders into the database", add_extract},
    {"export", "write the graph as JSON-LD, DOT, N-Triples, N-Quads, GraphML or Neo4j CSV", add_export},
    {"import", "read a JSON-LD export back into a database", add_import},
    {"merge", "merge databases extracted separately (shards) into one graph", add_merge},
    {"render", "draw the graph as SVG, PNG or PDF through Graphviz", add_render},
    {"query", "ask the graph: neighbors, between, path, conflicts", add_query},
    {"assess", "assess the relationship of two entities: cooperation, tension, balance, evidence", add_assess},
    {"diff", "compare two databases: entities, relations and evidence gained and lost", add_diff},
    {"stats", "count documents, entities by type and relations by predicate", add_stats},
    {"check-data", "validate the dictionaries and patterns in the data folder", add_check_data},
    {"list", "list the extraction stages and export formats", add_list},
};
}  // namespace

std::span<const Verb> verbs() { return kVerbs; }

void add_db_option(CLI::App& cmd, Context& ctx) {
    cmd.add_option("--db", ctx.db, "the database file")->capture_default_str();
}

}  // namespace dyad::cli
