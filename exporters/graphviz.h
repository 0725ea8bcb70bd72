// RAII for Graphviz (cgraph graphs, gvc contexts) and the one function that turns a knowledge
// graph into a styled cgraph graph. Internal to the exporters library.
#pragma once

#include <memory>
#include <string>

#include "core/exporter.h"

struct Agraph_s;
struct Agiodisc_s;
struct GVC_s;

namespace dyad::exporters {

struct GraphCloser {
    void operator()(Agraph_s* g) const noexcept;
};
struct ContextCloser {
    void operator()(GVC_s* c) const noexcept;
};
using GraphHandle = std::unique_ptr<Agraph_s, GraphCloser>;
using ContextHandle = std::unique_ptr<GVC_s, ContextCloser>;

/// Builds the styled graph: nodes in key order, edges in relation order, so output is stable.
/// @throws Error (Export) when cgraph fails.
/// `io` routes agwrite's output (nullptr: Graphviz's default file I/O).
GraphHandle build_cgraph(const KnowledgeGraph& graph, const ExportOptions& options, bool legend,
                         Agiodisc_s* io = nullptr);
/// A fresh layout/render context. @throws Error (Export).
ContextHandle make_context();
/// The last message Graphviz reported (instead of printing it), or "".
std::string last_graphviz_error();

}  // namespace dyad::exporters
