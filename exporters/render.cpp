// Rendering through gvc: layout with the chosen engine, render to memory, write the file whole.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <memory>
#include <mutex>

#include "core/error.h"
#include "exporters/graphviz.h"
#include "exporters/registry.h"

namespace dyad::exporters {

namespace {

// Layout and rendering in this process. Usage errors are checked by the caller.
std::string layout_in_this_process(const KnowledgeGraph& graph, const RenderOptions& options, const std::string& name) {
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
    const int rc = gvRenderData(ctx.get(), g.get(), name.c_str(), &data, &length);
    gvFreeLayout(ctx.get(), g.get());
    std::unique_ptr<char, void (*)(char*)> buffer(data, [](char* p) { gvFreeRenderData(p); });
    if (rc != 0 || !data)
        throw Error(ErrorKind::Export, "graphviz: rendering " + name + " failed: " + last_graphviz_error() +
                                           " (is the Graphviz " + name + " plugin installed?)");
    return std::string(data, length);
}

// Graphviz 2.42's layouts can crash on some graphs (circo was seen to segfault, also as the `circo`
// command), so the layout runs in a child process: a crash becomes an error that names the engine
// and what to try, and never takes dyad (or a half-written file) down with it. The child sends one
// status byte (0 the picture follows, 1 an error message follows) and then the bytes.
std::string layout_isolated(const KnowledgeGraph& graph, const RenderOptions& options, const std::string& name) {
    int fds[2];
    if (pipe(fds) != 0) return layout_in_this_process(graph, options, name);
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return layout_in_this_process(graph, options, name);
    }
    if (pid == 0) {
        close(fds[0]);
        std::string out;
        try {
            out = '\0' + layout_in_this_process(graph, options, name);
        } catch (const std::exception& e) {
            out = '\1' + std::string(e.what());
        }
        for (std::size_t at = 0; at < out.size();) {
            const auto n = write(fds[1], out.data() + at, out.size() - at);
            if (n <= 0) _exit(2);
            at += static_cast<std::size_t>(n);
        }
        _exit(0);
    }
    close(fds[1]);
    std::string in;
    char chunk[65536];
    for (;;) {
        const auto n = read(fds[0], chunk, sizeof chunk);
        if (n > 0) in.append(chunk, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status))
        throw Error(ErrorKind::Export, "graphviz: the '" + options.engine + "' layout crashed (signal " +
                                           std::to_string(WTERMSIG(status)) +
                                           ") on this graph; try another engine (--engine dot, neato or sfdp) "
                                           "or draw less of the graph (--focus, --predicate)");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || in.empty())
        throw Error(ErrorKind::Export, "graphviz: the '" + options.engine + "' layout did not finish");
    if (in[0] != '\0') throw Error(ErrorKind::Export, in.substr(1));
    return in.substr(1);
}

}  // namespace

std::string render_to_string(const KnowledgeGraph& graph, const RenderOptions& options, std::string_view format) {
    constexpr std::array<std::string_view, 3> kFormats{"svg", "png", "pdf"};
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end())
        throw Error(ErrorKind::Usage, "unknown image format '" + std::string(format) + "'; choose svg, png or pdf");
    constexpr std::array<const char*, 6> kEngines{"dot", "neato", "sfdp", "circo", "fdp", "twopi"};
    if (std::find(kEngines.begin(), kEngines.end(), options.engine) == kEngines.end())
        throw Error(ErrorKind::Usage,
                    "unknown layout engine '" + options.engine + "'; choose dot, neato, sfdp, circo, fdp or twopi");
    return layout_isolated(graph, options, std::string(format));
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
