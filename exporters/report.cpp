// The assessment page: plain HTML and CSS, the diagram inline, every text escaped.
#include "exporters/report.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/build_config.h"
#include "core/error.h"
#include "exporters/registry.h"

namespace dyad::exporters {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.verdict { font-size: 1.25em; font-weight: bold; }
.balance { color: #444; }
figure { margin: 1em 0; border: 1px solid #ddd; padding: 0.5em; overflow: auto; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
tr.cooperation td.stance { color: #238b45; }
tr.tension td.stance { color: #cb181d; }
tr.context td.stance, tr.negated td.stance { color: #666; }
tr.negated td { color: #666; }
.contradicted { color: #cb181d; font-weight: bold; }
ul.quotes { margin: 0; padding-left: 1.1em; }
.source { color: #666; font-size: 0.85em; }
code { font-size: 0.95em; }
)css";

std::string two_decimals(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string stance_label(const AssessItem& item) {
    return item.negated ? "not holding" : std::string(to_string(item.stance));
}

std::string names(const std::vector<std::string>& keys, const Workspace& ws) {
    if (keys.empty()) return "none";
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + ws.name(k);
    return out;
}

// Graphviz's SVG without its XML prolog and doctype, ready to sit inside HTML.
std::string diagram(const Assessment& r, const Workspace& ws) {
    RenderOptions options;
    options.filter.focus = {r.a->key, r.b->key};
    options.filter.depth = 1;
    options.filter.include_negated = true;  // contradictions show as dotted edges
    const auto svg = render_to_string(ws.graph(), options, "svg");
    const auto start = svg.find("<svg");
    if (start == std::string::npos) throw Error(ErrorKind::Export, "graphviz: the SVG has no <svg> element");
    return svg.substr(start);
}

void evidence_list(std::ostream& out, const std::vector<const Relation*>& relations, bool label, const Workspace& ws) {
    out << "<ul class=\"quotes\">";
    for (const auto* rel : relations)
        for (const auto* ev : sentences_of(*rel)) {
            const auto& e = *ev;
            out << "<li>";
            if (label) out << html_escape(describe(*rel, ws)) << ": ";
            out << "&ldquo;" << html_escape(e.quote) << "&rdquo; <span class=\"source\">"
                << html_escape(ws.source(e.doc_id)) << ":" << e.sentence.begin << "-" << e.sentence.end
                << "</span></li>";
        }
    out << "</ul>";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

void write_assessment_html(const Assessment& r, const Workspace& ws, std::ostream& out) {
    const auto e = [](std::string_view s) { return html_escape(s); };
    const std::string title = r.a->name + " and " + r.b->name;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">\n"
        << "<meta name=\"generator\" content=\"dyad " << build::kVersion << "\">\n"
        << "<title>dyad: " << e(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    out << "<h1>" << e(title) << "</h1>\n";
    out << "<p class=\"keys\"><code>" << e(r.a->key) << "</code> and <code>" << e(r.b->key) << "</code></p>\n";
    out << "<p class=\"verdict\" id=\"verdict\">" << e(r.verdict) << "</p>\n";
    out << "<p class=\"balance\">balance <strong id=\"balance\">" << e(signed_balance(r.balance))
        << "</strong> = (cooperation " << e(two_decimals(r.cooperation)) << " &minus; tension "
        << e(two_decimals(r.tension)) << ") / (cooperation + tension); &minus;1 is all tension, +1 all "
        << "cooperation. Each item scores weight &times; factor &times; supporting sentences (historical "
        << "&times;0.25, hedged &times;0.5; negated items count 0).</p>\n";

    out << "<h2>Topics</h2>\n<table id=\"topics\"><tr><th>they cooperate on</th><td>"
        << e(names(r.cooperation_topics, ws)) << "</td></tr><tr><th>they are at odds over</th><td>"
        << e(names(r.tension_topics, ws)) << "</td></tr></table>\n";

    out << "<h2>Shared agreements, initiatives and organizations</h2>\n<ul id=\"shared\">\n";
    bool any = false;
    for (const auto& item : r.items) {
        if (!item.shared || item.kind == "divergence" || item.kind == "shared event") continue;
        any = true;
        out << "<li>" << e(item.shared->name) << " <span class=\"source\">(" << e(item.kind);
        if (!item.time.empty()) out << ", " << e(item.time);
        if (!item.note.empty()) out << ": " << e(item.note);
        out << ")</span></li>\n";
    }
    if (!any) out << "<li>none</li>\n";
    out << "</ul>\n";

    out << "<h2>Diagram</h2>\n<figure id=\"diagram\">\n"
        << diagram(r, ws) << "\n<figcaption>" << e(title)
        << " and the entities one link away from either</figcaption>\n</figure>\n";

    out << "<h2>Evidence</h2>\n<table id=\"evidence\">\n<thead><tr><th>#</th><th>stance</th><th>relation</th>"
           "<th>time</th><th>modality</th><th>sentences</th><th>score</th><th>evidence</th></tr></thead>\n<tbody>\n";
    std::size_t n = 0;
    for (const auto& item : r.items) {
        const bool scored = item.stance != Stance::Context && !item.negated;
        out << "<tr class=\"" << (item.negated ? "negated" : std::string(to_string(item.stance))) << "\"><td>" << ++n
            << "</td><td class=\"stance\">" << e(stance_label(item)) << "</td><td>" << e(describe(item, ws));
        if (item.contradicted) out << " <span class=\"contradicted\">contradicted</span>";
        out << "</td><td>" << e(item.time) << "</td><td>" << e(item.modality) << "</td><td>" << item.sentences
            << "</td><td>" << (scored ? e(formula(item)) : "not scored") << "</td><td>";
        evidence_list(out, item.relations, item.shared != nullptr, ws);
        out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";

    out << "<h2>Contradictions</h2>\n";
    if (r.contradictions.empty()) out << "<p id=\"contradictions\">none</p>\n";
    else {
        out << "<table id=\"contradictions\"><thead><tr><th>relation</th><th>asserted</th><th>negated</th></tr></thead>"
               "<tbody>\n";
        for (const auto& c : r.contradictions) {
            out << "<tr><td>" << e(describe(*c.asserted, ws))
                << (c.same_document ? " (same document)" : " (different documents)") << "</td><td>";
            evidence_list(out, {c.asserted}, false, ws);
            out << "</td><td>";
            evidence_list(out, {c.negated}, false, ws);
            out << "</td></tr>\n";
        }
        out << "</tbody></table>\n";
    }
    out << "<p class=\"source\">Made by dyad from the database's sentences; the method is described in "
           "docs/assess.md.</p>\n</body>\n</html>\n";
    if (!out) throw Error(ErrorKind::Export, "assess: writing the HTML report failed (disk full or closed output?)");
}

void write_assessment_html(const Assessment& r, const Workspace& ws, const std::filesystem::path& path) {
    std::ostringstream page;
    write_assessment_html(r, ws, page);
    auto tmp = path;
    tmp += ".tmp";
    {
        std::ofstream file(tmp, std::ios::binary);
        file << page.str();
        if (!file) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(ErrorKind::Export,
                        path.string() + ": cannot write the report; check the folder exists and is writable");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw Error(ErrorKind::Export, path.string() + ": cannot write the report: " + ec.message());
}

void run_assess(const Workspace& ws, const AssessRequest& request, std::ostream& out) {
    const auto report = assess(ws.graph(), ws.resolve(request.a).key, ws.resolve(request.b).key);
    write(report, ws, request.format, out);
    if (!request.html.empty()) write_assessment_html(report, ws, request.html);
}

}  // namespace dyad::exporters
