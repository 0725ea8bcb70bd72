// The dyad assessment as one self-contained HTML page: verdict, score, topics, shared
// agreements, the pair's neighbourhood drawn by Graphviz (inline SVG) and the evidence table.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

#include "core/assess.h"

namespace dyad::exporters {

/// `&`, `<`, `>`, `"` and `'` as character references: text that never becomes markup.
std::string html_escape(std::string_view text);

/// Writes the page. It loads nothing from the network (a Content-Security-Policy forbids it)
/// and runs no script. @throws Error (Export) when Graphviz fails.
void write_assessment_html(const Assessment& assessment, const Workspace& ws, std::ostream& out);
/// The same, to a file written whole or not at all. @throws Error (Export).
void write_assessment_html(const Assessment& assessment, const Workspace& ws, const std::filesystem::path& out);

struct AssessRequest {
    std::string a;  // names, alternate names or keys (see NameResolver)
    std::string b;
    OutputFormat format = OutputFormat::Text;
    std::filesystem::path html;  // also write the page here, when not empty
};

/// `dyad assess`: resolves the two names, assesses, writes the report as text or JSON to `out`
/// and, when asked, the HTML page. @throws Error (Usage) for a bad name, Error (Export).
void run_assess(const Workspace& ws, const AssessRequest& request, std::ostream& out);

}  // namespace dyad::exporters
