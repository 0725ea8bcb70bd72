// Graphviz styling: shape and colour by entity type, edge colour and style by predicate polarity.
#include "exporters/graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <mutex>
#include <set>

#include "core/decode.h"
#include "core/error.h"

namespace dyad::exporters {
namespace {

std::mutex error_mutex;
std::string last_error;

int capture_error(char* message) {
    std::lock_guard<std::mutex> lock(error_mutex);
    last_error = message ? message : "";
    while (!last_error.empty() && (last_error.back() == '\n' || last_error.back() == ' ')) last_error.pop_back();
    return 0;
}

// Graphviz reports through a callback; library code never prints.
void quiet_graphviz() {
    static std::once_flag once;
    std::call_once(once, [] {
        agseterrf(capture_error);
        agseterr(AGMAX);
    });
}

struct NodeStyle {
    const char* shape;
    const char* fill;
};

NodeStyle style(EntityType t) {
    switch (t) {
    case EntityType::Country: return {"box", "#9ecae1"};
    case EntityType::Organization: return {"hexagon", "#fdd49e"};
    case EntityType::Agreement: return {"note", "#a1d99b"};
    case EntityType::Initiative: return {"component", "#c7e9c0"};
    case EntityType::Place: return {"house", "#d9d9d9"};
    case EntityType::Event: return {"octagon", "#fcbba1"};
    case EntityType::Topic: return {"ellipse", "#ffffcc"};
    case EntityType::Group: return {"egg", "#dadaeb"};
    case EntityType::Person: return {"oval", "#fbb4b9"};
    }
    return {"ellipse", "white"};
}

struct EdgeStyle {
    const char* color;
    const char* style;
};

EdgeStyle style(const Relation& r) {
    if (r.negated) return {"#969696", "dotted"};
    if (r.predicate == Predicate::AtWarWith) return {"#cb181d", "bold"};
    switch (info(r.predicate).polarity) {
    case Polarity::Cooperation: return {"#238b45", "solid"};
    case Polarity::Conflict: return {"#e6550d", "dashed"};
    case Polarity::Neutral: return {"#525252", "solid"};
    }
    return {"black", "solid"};
}

// DOT interprets backslash escapes ("\N", "\n") and HTML entities ("&amp;") in labels: keep a
// name's backslashes and ampersands literal, and fold line breaks and other control characters
// (SVG cannot carry them). Graphviz reads UTF-8: invalid sequences become U+FFFD.
std::string label_text(const std::string& s) {
    std::string out;
    for (char c : to_valid_utf8(s)) {
        if (c == '\\') out += "\\\\";
        else if (c == '&') out += "&amp;";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += ' ';
        else out += c;
    }
    return out;
}

void set(void* obj, const char* name, const std::string& value) {
    agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

}  // namespace

void GraphCloser::operator()(Agraph_s* g) const noexcept {
    if (g) agclose(g);
}

void ContextCloser::operator()(GVC_s* c) const noexcept {
    if (c) gvFreeContext(c);
}

std::string last_graphviz_error() {
    std::lock_guard<std::mutex> lock(error_mutex);
    return last_error;
}

ContextHandle make_context() {
    quiet_graphviz();
    ContextHandle ctx(gvContext());
    if (!ctx) throw Error(ErrorKind::Export, "graphviz: cannot create a layout context: " + last_graphviz_error());
    return ctx;
}

GraphHandle build_cgraph(const KnowledgeGraph& graph, const ExportOptions& options, bool legend, Agiodisc_t* io) {
    quiet_graphviz();
    Agdisc_t disc{&AgMemDisc, &AgIdDisc, io ? io : &AgIoDisc};
    GraphHandle g(agopen(const_cast<char*>("dyad"), Agdirected, &disc));
    if (!g) throw Error(ErrorKind::Export, "graphviz: cannot create a graph: " + last_graphviz_error());
    set(g.get(), "rankdir", "LR");
    set(g.get(), "fontname", "Helvetica");
    set(g.get(), "overlap", "false");
    set(g.get(), "splines", "true");
    agattr(g.get(), AGNODE, const_cast<char*>("style"), const_cast<char*>("filled"));
    agattr(g.get(), AGNODE, const_cast<char*>("fontname"), const_cast<char*>("Helvetica"));
    agattr(g.get(), AGEDGE, const_cast<char*>("fontname"), const_cast<char*>("Helvetica"));
    agattr(g.get(), AGEDGE, const_cast<char*>("fontsize"), const_cast<char*>("10"));

    // Entities that take part in an exported relation; topics show in the edge labels instead.
    // With a focus, only what lies within its depth; the focus itself is always drawn.
    const auto scope = export_scope(graph, options);
    const auto relations = exported_relations(graph, options, scope);
    std::set<std::string> connected(options.focus.begin(), options.focus.end());
    for (const auto* r : relations) {
        connected.insert(r->subject);
        connected.insert(r->object);
    }
    for (const auto* e : graph.entities_sorted()) {
        const bool isolated_kept = options.include_isolated && (!scope || scope->count(e->key));
        if (!connected.count(e->key) && !isolated_kept) continue;
        auto* n = agnode(g.get(), const_cast<char*>(e->key.c_str()), 1);
        if (!n) throw Error(ErrorKind::Export, "graphviz: cannot add node " + e->key);
        const auto st = style(e->type);
        set(n, "label", label_text(e->name));
        set(n, "shape", st.shape);
        set(n, "fillcolor", st.fill);
        set(n, "tooltip", label_text(std::string(to_string(e->type))));
    }
    for (const auto* r : relations) {
        auto* s = agnode(g.get(), const_cast<char*>(r->subject.c_str()), 0);
        auto* o = agnode(g.get(), const_cast<char*>(r->object.c_str()), 0);
        if (!s || !o) throw Error(ErrorKind::Export, "graphviz: relation end missing: " + r->subject);
        const std::string name = std::string(to_string(r->predicate)) + (r->negated ? ":not" : "");
        auto* edge = agedge(g.get(), s, o, const_cast<char*>(name.c_str()), 1);
        if (!edge) throw Error(ErrorKind::Export, "graphviz: cannot add edge " + name);
        const auto st = style(*r);
        std::string label = (r->negated ? "not " : "") + std::string(to_string(r->predicate));
        std::string topics;
        for (const auto& t : r->qualifiers.topics)
            if (const auto* topic = graph.find(t)) topics += (topics.empty() ? "" : ", ") + topic->name;
        if (!topics.empty()) label += "\n(" + label_text(topics) + ")";
        if (r->qualifiers.quantity) label += "\n" + label_text(r->qualifiers.quantity->text);
        set(edge, "label", label);
        set(edge, "color", st.color);
        set(edge, "fontcolor", st.color);
        set(edge, "style", st.style);
        if (info(r->predicate).symmetric) set(edge, "dir", "none");
    }
    if (legend) {
        // One compact node: a table of entity types (shape colours) and edge styles.
        std::string html =
            "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
            "<TR><TD COLSPAN=\"2\"><B>legend</B></TD></TR>";
        for (const auto& t : all_entity_types())
            html += "<TR><TD BGCOLOR=\"" + std::string(style(t.id).fill) + "\">" + std::string(t.name) + "</TD><TD>" +
                    style(t.id).shape + "</TD></TR>";
        const char* samples[][3] = {{"cooperation", "#238b45", "solid"},
                                    {"conflict", "#e6550d", "dashed"},
                                    {"war", "#cb181d", "bold"},
                                    {"other / neutral", "#525252", "solid"},
                                    {"negated", "#969696", "dotted"}};
        for (const auto& sample : samples)
            html += std::string("<TR><TD COLSPAN=\"2\"><FONT COLOR=\"") + sample[1] + "\">" + sample[0] + " (" +
                    sample[2] + ")</FONT></TD></TR>";
        html += "</TABLE>";
        auto* n = agnode(g.get(), const_cast<char*>("legend"), 1);
        char* label = agstrdup_html(g.get(), const_cast<char*>(html.c_str()));
        agsafeset(n, const_cast<char*>("label"), label, const_cast<char*>(""));
        agstrfree(g.get(), label);
        set(n, "shape", "plaintext");
        set(n, "style", "");
        set(n, "fontsize", "10");
    }
    return g;
}

}  // namespace dyad::exporters
