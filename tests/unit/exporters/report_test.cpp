// The HTML assessment page: self-contained, diagram inline, evidence table, every text escaped.
#include "exporters/report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.h"
#include "tests/support/sample_graph.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST(HtmlEscape, TurnsMarkupIntoText) {
    EXPECT_EQ(exporters::html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(AssessmentHtml, SelfContainedPageWithDiagramAndEvidenceTable) {
    const Workspace ws(tests::sample_graph(), {{"d1", "a.txt"}, {"d2", "b.txt"}, {"d3", "c.txt"}});
    const auto r = assess(ws.graph(), "country/mexico", "country/united-states");
    std::ostringstream out;
    exporters::write_assessment_html(r, ws, out);
    const auto html = out.str();
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(count(html, "<svg"), 1u);
    EXPECT_EQ(html.find("<?xml"), std::string::npos) << "the SVG prolog is left out of the page";
    EXPECT_EQ(count(html, "http://"), count(html, "http://www.w3.org/"));  // SVG namespaces only
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_NE(
        html.find("<p class=\"verdict\" id=\"verdict\">close partners with frictions on immigration and trade</p>"),
        std::string::npos);
    // One evidence row per item, and the quotes with file and offsets.
    const auto table = html.substr(html.find("<table id=\"evidence\">"));
    EXPECT_EQ(count(table.substr(0, table.find("</table>")), "<tr class="), r.items.size());
    EXPECT_NE(html.find("&ldquo;Mexico and the United States quarrel over migrants and tariffs.&rdquo; <span "
                        "class=\"source\">b.txt:200-263</span>"),
              std::string::npos);
    EXPECT_NE(html.find("3 x 1 x 1 = 3.00"), std::string::npos);
    EXPECT_NE(html.find("<table id=\"contradictions\">"), std::string::npos);
}

TEST(AssessmentHtml, NamesAndQuotesNeverBecomeMarkup) {
    auto g = tests::sample_graph();
    const std::string evil = "</svg><script>alert(1)</script><img src=x onerror=alert(2)> & 'Co'";
    g.add_or_merge(Entity{"agreement/evil", EntityType::Agreement, evil, {}, {}});
    tests::relate(g, "country/mexico", Predicate::PartyTo, "agreement/evil", "d1", 900, "Quote " + evil);
    tests::relate(g, "country/united-states", Predicate::PartyTo, "agreement/evil", "d1", 900, "Quote " + evil);
    const Workspace ws(std::move(g), {{"d1", "<b>file</b>.txt"}});
    std::ostringstream out;
    exporters::write_assessment_html(assess(ws.graph(), "country/mexico", "country/united-states"), ws, out);
    const auto html = out.str();
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<b>file"), std::string::npos);
    EXPECT_EQ(count(html, "</svg>"), 1u);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(AssessmentHtml, FileIsWrittenWhole) {
    tests::TempDir dir;
    const Workspace ws(tests::sample_graph());
    const auto r = assess(ws.graph(), "country/chile", "country/peru");
    exporters::write_assessment_html(r, ws, dir / "r.html");
    const auto html = tests::read_file(dir / "r.html");
    EXPECT_NE(html.find("</html>"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir / "r.html.tmp"));
    EXPECT_THROW(exporters::write_assessment_html(r, ws, dir / "missing" / "r.html"), Error);
}

}  // namespace dyad
