// Rendering through gvc: layout with the chosen engine, render to memory, write the file whole.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <mutex>

#include "core/error.h"
#include "exporters/graphviz.h"
#include "exporters/registry.h"

namespace dyad::exporters {

std::string render_to_string(const KnowledgeGraph& graph, const RenderOptions& options, std::string_view format) {
    constexpr std::array<std::string_view, 3> kFormats{"svg", "png", "pdf"};
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end())
        throw Error(ErrorKind::Usage, "unknown image format '" + std::string(format) + "'; choose svg, png or pdf");
    constexpr std::array<const char*, 6> kEngines{"dot", "neato", "sfdp", "circo", "fdp", "twopi"};
    if (std::find(kEngines.begin(), kEngines.end(), options.engine) == kEngines.end())
        throw Error(ErrorKind::Usage,
                    "unknown layout engine '" + options.engine + "'; choose dot, neato, sfdp, circo, fdp or twopi");
    // One layout context for the whole process, used by one caller at a time: Graphviz 2.42's
    // pango plugin keeps a pointer to the last font name it measured, which freeing a context
    // leaves dangling, so a second context reads freed memory.
    static std::mutex mutex;
    const std::lock_guard<std::mutex> lock(mutex);
    static const auto ctx = make_context();
    auto g = build_cgraph(graph, options.filter, options.legend);
    if (gvLayout(ctx.get(), g.get(), options.engine.c_str()) != 0)
        throw Error(ErrorKind::Export,
                    "graphviz: layout with '" + options.engine + "' failed: " + last_graphviz_error());
    char* data = nullptr;
    unsigned int length = 0;
    const std::string name(format);
    const int rc = gvRenderData(ctx.get(), g.get(), name.c_str(), &data, &length);
    gvFreeLayout(ctx.get(), g.get());
    std::unique_ptr<char, void (*)(char*)> buffer(data, [](char* p) { gvFreeRenderData(p); });
    if (rc != 0 || !data)
        throw Error(ErrorKind::Export, "graphviz: rendering " + name + " failed: " + last_graphviz_error() +
                                           " (is the Graphviz " + name + " plugin installed?)");
    return std::string(data, length);
}

void render(const KnowledgeGraph& graph, const RenderOptions& options, const std::filesystem::path& out) {
    auto ext = out.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    constexpr std::array<const char*, 3> kFormats{"svg", "png", "pdf"};
    if (std::find(kFormats.begin(), kFormats.end(), ext) == kFormats.end())
        throw Error(ErrorKind::Usage,
                    out.string() + ": unknown image format '" + ext + "'; name the output .svg, .png or .pdf");
    const auto data = render_to_string(graph, options, ext);
    // Write beside the target, then rename: a reader never sees half a picture.
    auto tmp = out;
    tmp += ".tmp";
    {
        std::ofstream file(tmp, std::ios::binary);
        file.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!file) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(ErrorKind::Export,
                        out.string() + ": cannot write the image; check the folder exists and is writable");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, out, ec);
    if (ec) throw Error(ErrorKind::Export, out.string() + ": cannot write the image: " + ec.message());
}

}  // namespace dyad::exporters
