// The interchange formats (N-Triples, N-Quads, GraphML, Neo4j CSV) and the JSON-LD import, on a
// graph with hostile text: quotes, backslashes, control characters, markup, SQL, JSON, CJK and
// invalid UTF-8. The end-to-end test (tests/e2e/interop_test.py) reads the same formats with
// rdflib, jsonld.js, networkx and Python's csv module.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include "core/error.h"

#include "exporters/escape.h"
#include "exporters/jsonld_import.h"
#include "exporters/registry.h"

namespace dyad {
namespace {

const std::string kHostile =
    "Quote \" back\\slash <b>&amp;</b>\nnew line\r\ttab \"; DROP TABLE entities; "
    "{\"@id\": \"x\"} 日本 a|b;c";
const std::string kInvalidUtf8 = "caf\xe9 \xff end";  // Latin-1 bytes, not UTF-8

/// With `invalid_utf8` false, the texts that were not UTF-8 are replaced by valid ones (an export
/// repairs them, so only a valid graph can come back from an import unchanged).
KnowledgeGraph hostile_graph(bool invalid_utf8 = true) {
    const std::string bad = invalid_utf8 ? kInvalidUtf8 : std::string("café ÿ end");
    KnowledgeGraph g;
    g.add_or_merge(Entity{"country/mexico",
                          EntityType::Country,
                          "Mexico",
                          {"Mexican", "Méx|ico;"},
                          {"http://www.wikidata.org/entity/Q96"}});
    g.add_or_merge(Entity{"country/united-states", EntityType::Country, "United States", {"U.S.", "US"}, {}});
    g.add_or_merge(Entity{"initiative/x", EntityType::Initiative, kHostile, {"日本語の名前"}, {}});
    g.add_or_merge(Entity{"agreement/y", EntityType::Agreement, bad, {}, {}});
    g.add_or_merge(Entity{"topic/trade", EntityType::Topic, "trade", {}, {}});
    Relation border;
    border.subject = "country/mexico";
    border.object = "country/united-states";
    border.predicate = Predicate::SharesBorderWith;
    border.confidence = 0.9f;
    border.qualifiers.quantity = Quantity{1954.5, "mile", "nearly", "nearly 1,954.5 miles"};
    border.qualifiers.time = "current";
    border.evidence.push_back({"d1", {5, 50}, {5, 11}, {20, 33}, kHostile, "cue:border-share", Span{4, 45}});
    // Same sentence and rule, other mentions: a second annotation, not a duplicate.
    border.evidence.push_back({"d1", {5, 50}, {12, 18}, {20, 33}, kHostile, "cue:border-share", Span{4, 45}});
    border.evidence.push_back({"d2",
                               {0, 40},
                               {0, 6},
                               {11, 24},
                               "Mexico and the United States share a border.",
                               "cue:border-share",
                               Span{0, 40}});
    g.add_or_merge(border);
    Relation party;
    party.subject = "country/mexico";
    party.object = "initiative/x";
    party.predicate = Predicate::PartyTo;
    party.confidence = 1.0f;
    party.qualifiers.modality = "may";
    party.evidence.push_back(
        {"d2", {41, 90}, {41, 47}, {60, 89}, bad, "cue:party", std::nullopt});  // code points unknown
    g.add_or_merge(party);
    Relation ally = border;
    ally.predicate = Predicate::AlliedWith;
    ally.negated = true;
    ally.qualifiers = {};
    ally.confidence = 0.75f;
    g.add_or_merge(ally);
    Relation coop;
    coop.subject = "country/mexico";
    coop.object = "country/united-states";
    coop.predicate = Predicate::CooperatesWith;
    coop.confidence = 0.8f;
    coop.qualifiers.topics = {"topic/trade"};
    coop.qualifiers.vehicles = {"agreement/y"};
    coop.qualifiers.quantity = Quantity{2000, "USD", "", "$2,000"};
    coop.evidence.push_back(
        {"d2", {91, 130}, {91, 97}, {102, 115}, "They cooperate on trade.", "cue:cooperate", Span{88, 112}});
    g.add_or_merge(coop);
    return g;
}

std::string write(const std::string& format, const ExportOptions& options = {}) {
    std::ostringstream out;
    exporters::make_exporter(format)->write(hostile_graph(), options, out);
    return out.str();
}

ExportOptions with_negated() {
    ExportOptions o;
    o.include_negated = true;
    return o;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The N-Triples grammar for the terms dyad writes: IRIs, blank nodes, literals with ECHAR/UCHAR.
const std::string kIri = R"(<[^<>"{}|^`\\\x00-\x20]*>)";
const std::string kBlank = R"(_:[A-Za-z0-9]+)";
const std::string kLiteral = R"("(?:[^"\\\n\r]|\\[btnfr"\\]|\\u[0-9A-F]{4})*"(?:\^\^)" + kIri + ")?";
const std::regex kTriple("^(" + kIri + "|" + kBlank + ") " + kIri + " (" + kIri + "|" + kBlank + "|" + kLiteral +
                         ")( " + kIri + ")? \\.$");

/// The text of an N-Triples string literal (its ECHAR and UCHAR escapes undone).
std::string unescape_literal(const std::string& quoted) {
    std::string out;
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
        if (quoted[i] != '\\') {
            out.push_back(quoted[i]);
            continue;
        }
        const char c = quoted[++i];
        switch (c) {
        case 'b': out.push_back('\b'); break;
        case 't': out.push_back('\t'); break;
        case 'n': out.push_back('\n'); break;
        case 'f': out.push_back('\f'); break;
        case 'r': out.push_back('\r'); break;
        case 'u':
            out.push_back(static_cast<char>(std::stoi(quoted.substr(i + 1, 4), nullptr, 16)));
            i += 4;
            break;
        default: out.push_back(c);
        }
    }
    return out;
}

/// The objects of `predicate` for `subject` in N-Triples text.
std::vector<std::string> objects(const std::string& nt, const std::string& subject, const std::string& predicate) {
    std::vector<std::string> out;
    const auto prefix = subject + " " + predicate + " ";
    for (const auto& line : lines(nt))
        if (line.rfind(prefix, 0) == 0) out.push_back(line.substr(prefix.size(), line.size() - prefix.size() - 2));
    return out;
}

const std::string kName = "<https://schema.org/name>";
const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

}  // namespace

TEST(Escape, NTriplesLiteralsUseCanonicalEscapes) {
    using exporters::ntriples_string;
    EXPECT_EQ(ntriples_string("a\"b\\c\nd\re\tf\bg\fh"), R"("a\"b\\c\nd\re\tf\bg\fh")");
    EXPECT_EQ(ntriples_string(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001F\u007F")");
    EXPECT_EQ(ntriples_string("日本 <b>&amp;</b> {\"@id\": 1}"), "\"日本 <b>&amp;</b> {\\\"@id\\\": 1}\"");
    EXPECT_EQ(exporters::ntriples_iri("urn:x:a b<c>"), R"(<urn:x:a\u0020b\u003Cc\u003E>)");
}

TEST(Escape, InvalidUtf8BecomesReplacementCharacters) {
    using exporters::valid_utf8;
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(valid_utf8("日本 ok"), "日本 ok");
    EXPECT_EQ(valid_utf8(kInvalidUtf8), "caf" + fffd + " " + fffd + " end");
    EXPECT_EQ(valid_utf8("\xe6\x97"), fffd) << "a truncated sequence is one U+FFFD";
    EXPECT_EQ(valid_utf8("\xc0\xaf"), fffd + fffd) << "overlong";
    EXPECT_EQ(valid_utf8("\xed\xa0\x80"), fffd + fffd + fffd) << "a surrogate";
    EXPECT_EQ(valid_utf8("\xf4\x90\x80\x80"), fffd + fffd + fffd + fffd) << "above U+10FFFF";
    EXPECT_EQ(valid_utf8("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");
}

TEST(Escape, NumbersInTheFormsJsonLdProcessorsWrite) {
    EXPECT_EQ(exporters::xsd_double(0.9), "9.0E-1");
    EXPECT_EQ(exporters::xsd_double(1.0), "1.0E0");
    EXPECT_EQ(exporters::xsd_double(1954.5), "1.9545E3");
    EXPECT_EQ(exporters::xsd_double(0.0001), "1.0E-4");
    EXPECT_EQ(exporters::xsd_double(-2.5), "-2.5E0");
    EXPECT_EQ(exporters::xsd_double(0.0), "0.0E0");
    EXPECT_EQ(exporters::xsd_integer(2000.0), "2000");
    EXPECT_EQ(exporters::shortest_double(0.9), "0.9");
    EXPECT_EQ(exporters::shortest_double(2000.0), "2000");
}

TEST(Escape, XmlAndCsv) {
    EXPECT_EQ(exporters::xml_escape("a<b>&\"c\"\r\n\t\x01", false), "a&lt;b&gt;&amp;\"c\"&#13;\n\t\xEF\xBF\xBD");
    EXPECT_EQ(exporters::xml_escape("a\"b\n\t", true), "a&quot;b&#10;&#9;");
    EXPECT_EQ(exporters::csv_field("plain text"), "plain text");
    EXPECT_EQ(exporters::csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(exporters::csv_field("say \"hi\"\nnow"), "\"say \"\"hi\"\"\nnow\"");
    EXPECT_EQ(exporters::join_list({"a;b", "c"}, ';'), "a,b;c");
}

TEST(NTriples, EveryLineIsOneWellFormedTriple) {
    const auto nt = write("nt", with_negated());
    ASSERT_FALSE(nt.empty());
    EXPECT_EQ(nt.back(), '\n');
    for (const auto& line : lines(nt)) EXPECT_TRUE(std::regex_match(line, kTriple)) << line;
    EXPECT_EQ(nt, write("nt", with_negated())) << "same graph, same bytes";
}

TEST(NTriples, HostileTextComesBackExactly) {
    const auto nt = write("nt");
    const auto names = objects(nt, "<urn:dyad:entity:initiative/x>", kName);
    ASSERT_EQ(names.size(), 1u);
    EXPECT_EQ(unescape_literal(names[0]), kHostile);
    const auto bad = objects(nt, "<urn:dyad:entity:agreement/y>", kName);
    ASSERT_EQ(bad.size(), 1u);
    EXPECT_EQ(unescape_literal(bad[0]), "caf\xEF\xBF\xBD \xEF\xBF\xBD end");
}

TEST(NTriples, DatatypesMatchTheJsonLdContext) {
    const auto nt = write("nt");
    const std::string statement = "<urn:dyad:statement:";
    std::set<std::string> confidence, negated, start, value;
    for (const auto& line : lines(nt)) {
        auto object = [&](const std::string& p) {
            const auto at = line.find(" <" + p + "> ");
            return at == std::string::npos ? std::string()
                                           : line.substr(at + p.size() + 4, line.size() - at - p.size() - 6);
        };
        if (auto o = object("urn:dyad:vocab:confidence"); !o.empty()) confidence.insert(o);
        if (auto o = object("urn:dyad:vocab:negated"); !o.empty()) negated.insert(o);
        if (auto o = object("http://www.w3.org/ns/oa#start"); !o.empty()) start.insert(o);
        if (auto o = object("https://schema.org/value"); !o.empty()) value.insert(o);
    }
    EXPECT_TRUE(confidence.count("\"9.0E-1\"^^<" + kXsd + "double>")) << *confidence.begin();
    EXPECT_TRUE(confidence.count("\"1.0E0\"^^<" + kXsd + "double>"));
    EXPECT_EQ(negated, std::set<std::string>{"\"false\"^^<" + kXsd + "boolean>"}) << "negated relations left out";
    EXPECT_TRUE(start.count("\"5\"^^<" + kXsd + "nonNegativeInteger>"));
    EXPECT_TRUE(value.count("\"2000\"^^<" + kXsd + "integer>"));
    EXPECT_TRUE(value.count("\"1.9545E3\"^^<" + kXsd + "double>"));
}

TEST(NTriples, DirectEdgesStatementsAndEvidence) {
    const auto nt = write("nt");
    EXPECT_EQ(objects(nt, "<urn:dyad:entity:country/mexico>", "<urn:dyad:vocab:sharesBorderWith>"),
              std::vector<std::string>{"<urn:dyad:entity:country/united-states>"});
    EXPECT_TRUE(objects(nt, "<urn:dyad:entity:country/mexico>", "<urn:dyad:vocab:alliedWith>").empty());
    std::size_t annotations = 0;
    for (const auto& line : lines(nt))
        if (line.find("<http://www.w3.org/ns/oa#Annotation>") != std::string::npos) ++annotations;
    EXPECT_EQ(annotations, 5u) << "one annotation per evidence, two for one sentence read twice";
    const auto negated = write("nt", with_negated());
    EXPECT_NE(negated.find("\"true\"^^<" + kXsd + "boolean>"), std::string::npos);
}

TEST(NQuads, RelationsGoToTheirDocumentsGraphsEntitiesToTheDefault) {
    const auto nq = write("nq");
    const auto nt = write("nt");
    std::multiset<std::string> triples_of_quads;
    std::map<std::string, std::size_t> per_graph;
    const std::regex quad(R"(^(.*) (<urn:dyad:document:[^>]+>) \.$)");
    for (const auto& line : lines(nq)) {
        ASSERT_TRUE(std::regex_match(line, kTriple)) << line;
        std::smatch m;
        const bool named = std::regex_match(line, m, quad);
        const auto triple = named ? m[1].str() + " ." : line;
        triples_of_quads.insert(triple);
        ++per_graph[named ? m[2].str() : ""];
        if (line.rfind("<urn:dyad:entity:", 0) == 0 && line.find("<https://schema.org/") != std::string::npos) {
            EXPECT_FALSE(named) << "entity triples belong to the default graph: " << line;
        }
        if (line.rfind("<urn:dyad:statement:", 0) == 0) {
            EXPECT_TRUE(named) << line;
        }
        if (line.find("<http://www.w3.org/ns/oa#hasSource>") != std::string::npos) {
            ASSERT_TRUE(named);
            EXPECT_NE(line.find("> " + m[2].str() + " " + m[2].str()), std::string::npos)
                << "an annotation sits in its own document's graph: " << line;
        }
    }
    EXPECT_EQ(per_graph.size(), 3u) << "default, d1, d2";
    EXPECT_TRUE(per_graph.count("<urn:dyad:document:d1>"));
    EXPECT_TRUE(per_graph.count("<urn:dyad:document:d2>"));
    // The border relation has evidence in d1 and d2: its edge is in both graphs.
    EXPECT_NE(
        nq.find("<urn:dyad:vocab:sharesBorderWith> <urn:dyad:entity:country/united-states> <urn:dyad:document:d1>"),
        std::string::npos);
    EXPECT_NE(
        nq.find("<urn:dyad:vocab:sharesBorderWith> <urn:dyad:entity:country/united-states> <urn:dyad:document:d2>"),
        std::string::npos);
    // Without graph names, the quads hold exactly the N-Triples triples.
    const auto nt_lines = lines(nt);
    EXPECT_EQ(std::set<std::string>(triples_of_quads.begin(), triples_of_quads.end()),
              std::set<std::string>(nt_lines.begin(), nt_lines.end()));
    EXPECT_EQ(nq, write("nq"));
}

TEST(NTriples, EveryContextPropertyIsWrittenWithItsIri) {
    // The JSON-LD context and the triples read one table; this catches a context term that no
    // longer produces triples (a renamed or dead term).
    const auto nt = write("nt", with_negated());
    for (const auto* property : {"https://schema.org/name",
                                 "https://schema.org/alternateName",
                                 "https://schema.org/sameAs",
                                 "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
                                 "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate",
                                 "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
                                 "urn:dyad:vocab:negated",
                                 "urn:dyad:vocab:confidence",
                                 "urn:dyad:vocab:topic",
                                 "urn:dyad:vocab:vehicle",
                                 "urn:dyad:vocab:time",
                                 "urn:dyad:vocab:modality",
                                 "urn:dyad:vocab:quantity",
                                 "https://schema.org/value",
                                 "https://schema.org/unitText",
                                 "urn:dyad:vocab:hedge",
                                 "http://www.w3.org/ns/prov#wasDerivedFrom",
                                 "urn:dyad:vocab:rule",
                                 "http://www.w3.org/ns/oa#hasTarget",
                                 "http://www.w3.org/ns/oa#hasSource",
                                 "http://www.w3.org/ns/oa#hasSelector",
                                 "urn:dyad:vocab:subjectPosition",
                                 "urn:dyad:vocab:objectPosition",
                                 "http://www.w3.org/ns/oa#start",
                                 "http://www.w3.org/ns/oa#end",
                                 "http://www.w3.org/ns/oa#exact"})
        EXPECT_NE(nt.find(std::string(" <") + property + "> "), std::string::npos) << property;
}

TEST(GraphMl, HostileTextIsEscapedAndOutputDeterministic) {
    const auto xml = write("graphml");
    EXPECT_EQ(xml, write("graphml"));
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml ", 0), 0u);
    auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto at = xml.find(what); at != std::string::npos; at = xml.find(what, at + 1)) ++n;
        return n;
    };
    EXPECT_EQ(count("<node id="), 5u);
    EXPECT_EQ(count("<edge id="), 3u) << "the negated alliance is left out";
    EXPECT_EQ(count("<key id="), 17u);
    EXPECT_NE(xml.find("<data key=\"name\">Quote \" back\\slash &lt;b&gt;&amp;amp;&lt;/b&gt;\nnew line&#13;\ttab "
                       "\"; DROP TABLE entities; {\"@id\": \"x\"} 日本 a|b;c</data>"),
              std::string::npos);
    EXPECT_NE(xml.find("<data key=\"alt_names\">Mexican|Méx,ico;</data>"), std::string::npos)
        << "a '|' inside a name cannot be told from the separator";
    EXPECT_NE(xml.find("<data key=\"name\">caf\xEF\xBF\xBD \xEF\xBF\xBD end</data>"), std::string::npos);
    EXPECT_NE(xml.find("<data key=\"confidence\">0.9</data>"), std::string::npos);
    EXPECT_NE(xml.find("<data key=\"quantity_value\">1954.5</data>"), std::string::npos);
    EXPECT_NE(xml.find("<data key=\"evidence_count\">3</data>"), std::string::npos);
    EXPECT_NE(xml.find("<data key=\"topics\">topic/trade</data>"), std::string::npos);
    // Character data holds no markup: every '<' between <data> and </data> was escaped.
    for (auto at = xml.find("<data key="); at != std::string::npos; at = xml.find("<data key=", at + 1)) {
        const auto open_end = xml.find('>', at);
        const auto close = xml.find("</data>", open_end);
        ASSERT_NE(close, std::string::npos);
        EXPECT_EQ(xml.substr(open_end + 1, close - open_end - 1).find('<'), std::string::npos);
    }
    EXPECT_EQ(count("<edge id="), 3u);
    const auto with = [] {
        std::ostringstream out;
        exporters::make_exporter("graphml")->write(hostile_graph(), with_negated(), out);
        return out.str();
    }();
    EXPECT_NE(with.find("<data key=\"negated\">true</data>"), std::string::npos);
}

namespace {

using Files = std::map<std::string, std::ostringstream>;

Files neo4j_files(const ExportOptions& options = {}) {
    Files files;
    const auto exporter = exporters::make_exporter("neo4j");
    exporter->write_files(hostile_graph(), options,
                          [&](const std::string& name) -> std::ostream& { return files[name]; });
    return files;
}

/// RFC 4180 records (CRLF between records; quoted fields may hold commas, quotes and newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field.push_back(text[++i]);
            else if (c == '"') quoted = false;
            else field.push_back(c);
        } else if (c == '"') {
            EXPECT_TRUE(field.empty() && !was_quoted) << "a quote inside an unquoted field";
            quoted = was_quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
            was_quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            was_quoted = false;
            rows.emplace_back();
            ++i;
        } else {
            EXPECT_NE(c, '\n') << "a bare LF outside quotes";
            field.push_back(c);
        }
    }
    EXPECT_FALSE(quoted);
    EXPECT_TRUE(rows.back().empty() && field.empty()) << "the last record ends with CRLF";
    rows.pop_back();
    return rows;
}

}  // namespace

TEST(Neo4j, WritesAFolderNotAStream) {
    const auto exporter = exporters::make_exporter("neo4j");
    EXPECT_TRUE(exporter->writes_directory());
    EXPECT_FALSE(exporters::make_exporter("nt")->writes_directory());
    std::ostringstream ignored;
    EXPECT_THROW(exporters::make_exporter("nt")->write_files(
                     hostile_graph(), {}, [&](const std::string&) -> std::ostream& { return ignored; }),
                 Error);
    std::ostringstream out;
    try {
        exporter->write(hostile_graph(), {}, out);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("-o FOLDER"), std::string::npos);
    }
    const auto files = neo4j_files();
    std::vector<std::string> names;
    for (const auto& [name, stream] : files) names.push_back(name);
    EXPECT_EQ(names, (std::vector<std::string>{"import.cypher", "nodes.csv", "relationships.csv"}));
}

TEST(Neo4j, CsvFollowsTheAdminImportHeaderRules) {
    const auto files = neo4j_files();
    const auto nodes = parse_csv(files.at("nodes.csv").str());
    const auto rels = parse_csv(files.at("relationships.csv").str());
    ASSERT_EQ(nodes.size(), 6u);
    ASSERT_EQ(rels.size(), 4u) << "header and three relations; the negated one is left out";
    EXPECT_EQ(nodes[0],
              (std::vector<std::string>{"key:ID", "name", "type", ":LABEL", "altNames:string[]", "sameAs:string[]"}));
    EXPECT_EQ(rels[0][0], ":START_ID");
    EXPECT_EQ(rels[0][1], ":END_ID");
    EXPECT_EQ(rels[0][2], ":TYPE");
    std::set<std::string> ids;
    for (std::size_t i = 1; i < nodes.size(); ++i) {
        ASSERT_EQ(nodes[i].size(), nodes[0].size());
        EXPECT_TRUE(ids.insert(nodes[i][0]).second) << "IDs are unique";
        EXPECT_EQ(nodes[i][3], "Entity;" + nodes[i][2]);
    }
    for (std::size_t i = 1; i < rels.size(); ++i) {
        ASSERT_EQ(rels[i].size(), rels[0].size());
        EXPECT_TRUE(ids.count(rels[i][0]) && ids.count(rels[i][1])) << "ends are node IDs";
    }
    // Nodes by key: agreement/y, country/mexico, country/united-states, initiative/x, topic/trade.
    EXPECT_EQ(nodes[4][0], "initiative/x");
    EXPECT_EQ(nodes[4][1], kHostile) << "RFC 4180 quoting keeps every character";
    EXPECT_EQ(nodes[2][1], "Mexico");
    EXPECT_EQ(nodes[2][4], "Mexican;Méx|ico,") << "a ';' inside a name cannot be told from the separator";
    EXPECT_EQ(nodes[2][5], "http://www.wikidata.org/entity/Q96");
    EXPECT_EQ(nodes[1][1], "caf\xEF\xBF\xBD \xEF\xBF\xBD end");
    // Relations by subject, predicate (vocabulary order), object.
    EXPECT_EQ(rels[1][2], "SHARES_BORDER_WITH");
    EXPECT_EQ(rels[1][3], "sharesBorderWith");
    EXPECT_EQ(rels[1][4], "false");
    EXPECT_EQ(rels[1][5], "0.9");
    EXPECT_EQ(rels[1][8], "1954.5");
    EXPECT_EQ(rels[1][9], "mile");
    EXPECT_EQ(rels[1][10], "nearly");
    EXPECT_EQ(rels[1][11], "current");
    EXPECT_EQ(rels[1][13], "3");
    EXPECT_EQ(rels[1][14], kHostile);
    EXPECT_EQ(rels[1][15], "d1;d2");
    EXPECT_EQ(rels[2][2], "COOPERATES_WITH");
    EXPECT_EQ(rels[2][6], "topic/trade");
    EXPECT_EQ(rels[2][7], "agreement/y");
    EXPECT_EQ(rels[3][2], "PARTY_TO");
    EXPECT_EQ(rels[3][12], "may");
    const auto negated = parse_csv(neo4j_files(with_negated()).at("relationships.csv").str());
    EXPECT_EQ(negated.size(), 5u);
}

TEST(Neo4j, CypherLoadsBothFilesAndIsDeterministic) {
    const auto a = neo4j_files(), b = neo4j_files();
    for (const auto& [name, stream] : a) EXPECT_EQ(stream.str(), b.at(name).str()) << name;
    const auto cypher = a.at("import.cypher").str();
    EXPECT_NE(cypher.find("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'"), std::string::npos);
    EXPECT_NE(cypher.find("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv'"), std::string::npos);
    EXPECT_NE(cypher.find("SET e:Country"), std::string::npos);
    EXPECT_NE(cypher.find("MERGE (a)-[r:SHARES_BORDER_WITH {statement: row.statement}]->(b)"), std::string::npos);
}

namespace {

std::string export_jsonld(const KnowledgeGraph& g, const ExportOptions& options = with_negated()) {
    std::ostringstream out;
    exporters::make_exporter("jsonld")->write(g, options, out);
    return out.str();
}

KnowledgeGraph import_jsonld(const std::string& text) {
    std::istringstream in(text);
    return exporters::read_jsonld(in, "graph.jsonld");
}

/// The export of the valid hostile graph, changed by `edit`.
std::string edited(const std::function<void(rapidjson::Document&)>& edit) {
    rapidjson::Document doc;
    doc.Parse(export_jsonld(hostile_graph(false)).c_str());
    edit(doc);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return buffer.GetString();
}

rapidjson::Value& node(rapidjson::Document& doc, const std::string& id) {
    for (auto& n : doc["@graph"].GetArray())
        if (n["@id"].GetString() == id) return n;
    throw std::runtime_error("no node " + id);
}

rapidjson::Value& first_statement(rapidjson::Document& doc) {
    for (auto& n : doc["@graph"].GetArray())
        if (std::string(n["@type"].GetString()) == "Statement") return n;
    throw std::runtime_error("no statement");
}

/// The Input error message read_jsonld throws for `text` ("" when it throws none).
std::string import_error(const std::string& text) {
    try {
        import_jsonld(text);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Input) << e.what();
        EXPECT_EQ(std::string(e.what()).rfind("graph.jsonld: ", 0), 0u) << "names the file: " << e.what();
        return e.what();
    }
    return "";
}

}  // namespace

TEST(JsonLdImport, RoundTripGivesTheOriginalGraph) {
    const auto original = hostile_graph(false);
    const auto text = export_jsonld(original);
    const auto back = import_jsonld(text);
    EXPECT_TRUE(back == original);
    EXPECT_EQ(back.entity_count(), original.entity_count());
    EXPECT_EQ(back.relation_count(), 4u) << "negated relations too, when exported";
    // Same graph, same bytes, through every RDF form.
    EXPECT_EQ(export_jsonld(back), text);
    std::ostringstream nt1, nt2;
    exporters::make_exporter("nq")->write(original, with_negated(), nt1);
    exporters::make_exporter("nq")->write(back, with_negated(), nt2);
    EXPECT_EQ(nt1.str(), nt2.str());
    // Evidence keeps the mentions' offsets: two annotations on one sentence stay two.
    const auto* border = back.relations_sorted().front();
    ASSERT_EQ(border->predicate, Predicate::SharesBorderWith);
    ASSERT_EQ(border->evidence.size(), 3u);
    EXPECT_EQ(border->evidence[0].subject, (Span{5, 11}));
    EXPECT_EQ(border->evidence[1].subject, (Span{12, 18}));
    EXPECT_EQ(border->evidence[0].quote, kHostile);
}

TEST(JsonLdImport, InvalidUtf8ComesBackRepairedAndThenStable) {
    const auto first = export_jsonld(hostile_graph(true));
    const auto back = import_jsonld(first);
    EXPECT_EQ(back.find("agreement/y")->name, "caf\xEF\xBF\xBD \xEF\xBF\xBD end");
    EXPECT_EQ(export_jsonld(back), first);
}

TEST(JsonLdImport, FilteredExportsImportToo) {
    ExportOptions options;
    options.predicates = {Predicate::PartyTo};
    const auto back = import_jsonld(export_jsonld(hostile_graph(false), options));
    EXPECT_EQ(back.entity_count(), 5u);
    ASSERT_EQ(back.relation_count(), 1u);
    EXPECT_EQ(back.relations_sorted().front()->predicate, Predicate::PartyTo);
}

TEST(JsonLdImport, MalformedInputIsRefusedWithWhereAndWhat) {
    EXPECT_NE(import_error("{\"@graph\": [").find("not JSON"), std::string::npos);
    EXPECT_NE(import_error("[1, 2]").find("not a JSON object"), std::string::npos);
    EXPECT_NE(import_error("{\"@context\": {}, \"@graph\": []}").find("@version"), std::string::npos);
    auto text = export_jsonld(hostile_graph(false));
    EXPECT_NE(import_error(edited([](auto& d) { d.RemoveMember("@graph"); })).find("no \"@graph\" array"),
              std::string::npos);
    auto bad_utf8 = text;
    bad_utf8.insert(bad_utf8.find("Mexico\"") + 2, "\xff");
    EXPECT_NE(import_error(bad_utf8).find("not JSON: Invalid encoding"), std::string::npos);

    EXPECT_NE(import_error(edited([](auto& d) {
                  node(d, "urn:dyad:entity:country/mexico")["@type"] = "Nation";
              })).find("urn:dyad:entity:country/mexico): unknown @type 'Nation'"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  node(d, "urn:dyad:entity:topic/trade").RemoveMember("@id");
              })).find("'@id' is missing"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  node(d, "urn:dyad:entity:topic/trade").RemoveMember("name");
              })).find("(urn:dyad:entity:topic/trade): 'name' is missing"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  node(d, "urn:dyad:entity:topic/trade")["@id"] = "topic/trade";
              })).find("is not an IRI starting with urn:dyad:entity:"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  first_statement(d)["predicate"] = "dyad:bordersOn";
              })).find("unknown predicate 'dyad:bordersOn'; expected one of dyad:sharesBorderWith"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  auto& n = node(d, "urn:dyad:entity:topic/trade");
                  n.AddMember("friendOf", rapidjson::Value(rapidjson::kArrayType), d.GetAllocator());
              })).find("unknown property 'friendOf'"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  first_statement(d)["confidence"] = "high";
              })).find("'confidence' must be a number"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) { first_statement(d)["negated"] = true; })).find("does not match"),
              std::string::npos)
        << "a statement's IRI is its content hash";
    EXPECT_NE(import_error(edited([](auto& d) {
                  d["@context"]["name"] = "foaf:name";
              })).find("@context: term 'name' is missing or is not dyad's"),
              std::string::npos);
    // A relation whose end is not in the file, and a direct edge without its statement.
    EXPECT_NE(import_error(edited([](auto& d) {
                  auto& g = d["@graph"];
                  for (auto it = g.Begin(); it != g.End(); ++it)
                      if (std::string((*it)["@id"].GetString()) == "urn:dyad:entity:initiative/x") {
                          g.Erase(it);
                          break;
                      }
              })).find("'urn:dyad:entity:initiative/x' is not an entity node in @graph"),
              std::string::npos);
    EXPECT_NE(import_error(edited([](auto& d) {
                  auto& g = d["@graph"];
                  for (auto it = g.Begin(); it != g.End(); ++it)
                      if (std::string((*it)["@type"].GetString()) == "Statement" &&
                          std::string((*it)["predicate"].GetString()) == "dyad:partyTo") {
                          g.Erase(it);
                          break;
                      }
              })).find("the edge partyTo to 'urn:dyad:entity:initiative/x' has no Statement node"),
              std::string::npos);
    EXPECT_EQ(import_error(text), "") << "the unedited export imports";
}

}  // namespace dyad
