// The one table of export formats, and rendering through Graphviz.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/exporter.h"

namespace dyad::exporters {

struct FormatInfo {
    std::string_view name;       // --format value
    std::string_view extension;  // default file extension; empty for a format that writes a folder
    std::string_view summary;
};

std::span<const FormatInfo> formats();
/// @throws Error (Usage) for an unknown format, listing the known ones.
std::unique_ptr<Exporter> make_exporter(std::string_view format);

struct RenderOptions {
    ExportOptions filter;
    std::string engine = "dot";  // dot, neato, sfdp, circo, fdp, twopi
    bool legend = true;
};

/// Lays out and renders the graph in memory: "svg" (the XML text), "png" or "pdf" (the bytes).
/// @throws Error (Usage) for an unknown format or engine, Error (Export) when Graphviz fails.
std::string render_to_string(const KnowledgeGraph& graph, const RenderOptions& options, std::string_view format);

/// Lays out and renders the graph to `out`; the format comes from the extension (.svg, .png,
/// .pdf). The file is written whole or not at all.
/// @throws Error (Usage) for an unknown extension or engine, Error (Export) when Graphviz fails.
void render(const KnowledgeGraph& graph, const RenderOptions& options, const std::filesystem::path& out);

}  // namespace dyad::exporters
