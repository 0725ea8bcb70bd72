// Fuzz target: the JSON-LD reader of `dyad import` on arbitrary bytes. Anything it accepts must be
// a consistent graph that survives the round trip: written again by the JSON-LD exporter and read
// back, it is the same graph; stored in SQLite and loaded, nothing throws. Anything it refuses
// must be refused with Error (Input).
#include <cstdint>
#include <sstream>
#include <string>

#include "core/error.h"
#include "core/store.h"
#include "exporters/jsonld_import.h"
#include "exporters/registry.h"
#include "tests/fuzz/fuzz_check.h"

using namespace dyad;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    KnowledgeGraph graph;
    try {
        graph = exporters::read_jsonld(in, "fuzz.jsonld");
    } catch (const Error& e) {
        FUZZ_CHECK(e.kind() == ErrorKind::Input);
        return 0;
    }
    for (const auto* r : graph.relations_sorted()) FUZZ_CHECK(graph.find(r->subject) && graph.find(r->object));

    ExportOptions all;
    all.include_negated = true;
    std::ostringstream out;
    exporters::make_exporter("jsonld")->write(graph, all, out);
    std::istringstream back(out.str());
    KnowledgeGraph again;
    try {
        again = exporters::read_jsonld(back, "round trip");
    } catch (const Error& e) {
        std::fprintf(stderr, "the export of an accepted graph is refused: %s\n", e.what());
        FUZZ_CHECK(false);
    }
    FUZZ_CHECK(again == graph);

    try {
        auto store = Store::open(":memory:", Store::Mode::ReadWrite);
        store.save_graph(graph);
        FUZZ_CHECK(store.load_graph().relation_count() == graph.relation_count());
    } catch (const Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        FUZZ_CHECK(e.kind() != ErrorKind::Internal);
    }
    return 0;
}
