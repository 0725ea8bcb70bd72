// Export focus (--focus/--depth) in DOT, render and JSON-LD, and rendering to a string in memory,
// on the hand-built sample graph.
#include <graphviz/cgraph.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>

#include "core/error.h"
#include "exporters/registry.h"
#include "tests/support/sample_graph.h"

namespace dyad {
namespace {

struct Drawn {
    std::set<std::string> nodes;
    int edges = 0;
};

Drawn dot(const ExportOptions& options) {
    std::ostringstream out;
    exporters::make_exporter("dot")->write(tests::sample_graph(), options, out);
    Drawn d;
    Agraph_t* g = agmemread(out.str().c_str());
    if (!g) {
        ADD_FAILURE() << out.str();
        return d;
    }
    for (auto* n = agfstnode(g); n; n = agnxtnode(g, n)) d.nodes.insert(agnameof(n));
    d.edges = agnedges(g);
    agclose(g);
    return d;
}

ExportOptions focus(std::vector<std::string> keys, std::size_t depth, std::vector<Predicate> predicates = {}) {
    ExportOptions o;
    o.focus = std::move(keys);
    o.depth = depth;
    o.predicates = std::move(predicates);
    return o;
}

}  // namespace

TEST(Focus, DotKeepsEntitiesWithinDepthAndTheRelationsAmongThem) {
    auto d = dot(focus({"country/chile"}, 1));
    EXPECT_EQ(d.nodes, (std::set<std::string>{"country/chile", "country/peru", "organization/pacific-alliance"}));
    EXPECT_EQ(d.edges, 4);  // Chile and Peru: dispute, border, two memberships
    d = dot(focus({"country/chile"}, 2));
    EXPECT_EQ(d.nodes, (std::set<std::string>{"country/chile", "country/mexico", "country/peru",
                                              "organization/pacific-alliance"}));
    EXPECT_EQ(d.edges, 5);
    // Depth counts over the kept predicates only.
    d = dot(focus({"country/chile"}, 2, {Predicate::SharesBorderWith}));
    EXPECT_EQ(d.nodes, (std::set<std::string>{"country/chile", "country/peru"}));
    EXPECT_EQ(d.edges, 1);
    // Two foci; an entity without kept relations is still drawn when it is the focus.
    d = dot(focus({"country/georgia", "country/canada"}, 1));
    EXPECT_EQ(d.nodes,
              (std::set<std::string>{"agreement/nafta", "agreement/usmca", "country/canada", "country/georgia"}));
    EXPECT_EQ(d.edges, 3);
    EXPECT_THROW(dot(focus({"country/atlantis"}, 1)), Error);
}

TEST(Focus, JsonLdKeepsOnlyEntitiesInScope) {
    std::ostringstream out;
    exporters::make_exporter("jsonld")->write(tests::sample_graph(), focus({"agreement/usmca"}, 1), out);
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(out.str().c_str()).HasParseError());
    std::set<std::string> entities;
    int statements = 0;
    for (const auto& node : doc["@graph"].GetArray()) {
        if (std::string(node["@type"].GetString()) == "Statement") ++statements;
        else entities.insert(node["@id"].GetString());
    }
    EXPECT_EQ(entities, (std::set<std::string>{"urn:dyad:entity:agreement/nafta", "urn:dyad:entity:agreement/usmca",
                                               "urn:dyad:entity:country/canada", "urn:dyad:entity:country/mexico",
                                               "urn:dyad:entity:country/united-states"}));
    // Among those five: 3 partyTo USMCA, 3 partyTo NAFTA, replacedBy, and four Mexico-US relations
    // (the negated alliance is left out).
    EXPECT_EQ(statements, 11);
}

TEST(RenderToString, SvgInMemoryOfAFocusedGraph) {
    exporters::RenderOptions options;
    options.filter = focus({"country/peru"}, 1);
    options.legend = false;
    const auto svg = exporters::render_to_string(tests::sample_graph(), options, "svg");
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find(">Chile</text>"), std::string::npos);
    EXPECT_EQ(svg.find(">Mexico</text>"), std::string::npos);
    EXPECT_EQ(svg, exporters::render_to_string(tests::sample_graph(), options, "svg"));
    const auto png = exporters::render_to_string(tests::sample_graph(), options, "png");
    EXPECT_EQ(png.substr(0, 4), "\x89PNG");
    EXPECT_THROW(exporters::render_to_string(tests::sample_graph(), options, "bmp"), Error);
}

}  // namespace dyad
