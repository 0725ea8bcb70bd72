// DOT export: the styled cgraph graph written by agwrite into the output stream.
#include <graphviz/cgraph.h>

#include <memory>
#include <ostream>

#include "core/error.h"
#include "exporters/graphviz.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

int put_string(void* chan, const char* str) {
    auto* out = static_cast<std::ostream*>(chan);
    *out << str;
    return out->good() ? 0 : EOF;
}

int flush_stream(void* chan) {
    static_cast<std::ostream*>(chan)->flush();
    return 0;
}

class DotExporter final : public Exporter {
public:
    void write(const KnowledgeGraph& graph, const ExportOptions& options, std::ostream& out) const override {
        // agwrite writes through the graph's I/O discipline: route it to the stream.
        static Agiodisc_t io{nullptr, put_string, flush_stream};
        auto g = build_cgraph(graph, options, false, &io);
        if (agwrite(g.get(), &out) != 0 || !out)
            throw Error(ErrorKind::Export, "dot: writing the graph failed: " + last_graphviz_error());
    }
};

}  // namespace

std::unique_ptr<Exporter> make_dot() { return std::make_unique<DotExporter>(); }

}  // namespace dyad::exporters
